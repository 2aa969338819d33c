/**
 * GLSL for the dots (core/appearance.ts has the model). One point per ranked point; the vertex
 * stage looks up the density field and drops the point when its rank is above the local threshold,
 * so Density, Dilution and Dot size are uniforms and never touch the vertex buffer.
 *
 * Two programs read the same points:
 *  - the cores: a point sprite per dot, drawing exp(−w · s · k_c · G(r; σ_core)) as a multiply factor
 *    over the photo, at the view's scale;
 *  - the halo deposit: one texel per dot on a grid laid over the photo, adding (1 − w) · s · k_c per
 *    mm² (and, in alpha, a count of scabbed dots for the redness of fresh skin). The grid is then
 *    blurred per channel (BLUR_FRAGMENT) and applied over the photo by SKIN_FRAGMENT as exp(−halo).
 *
 * Sessions (docs/design-notes.md, "Sessions in the shader"): a dot of rank r under local threshold t belongs to session j when
 * c(j−1)·t ≤ r < c(j)·t and takes that session's core width, absorbance, scab share and blue cast
 * from vec4 uniforms; only ranks in [showFrom·t, showTo·t) are drawn, which gives "after session k"
 * and "session k alone" from the same vertex buffer.
 */
import {
  CORE_EXTENT_SIGMAS,
  CORE_FRACTION,
  DOT_SHADE_VARIATION,
  DOT_SIZE_VARIATION,
  MIN_CORE_SIGMA_PX,
  SCAB_CORE_FRACTION,
  SCAB_SIZE_FACTOR,
  SCAB_STRENGTH_FACTOR,
} from '../core/appearance.ts';
import { FIELD_ONE } from '../core/dots/densityField.ts';

const f = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

/**
 * Vertex-stage code both dot programs share: which session a point belongs to, whether it is shown,
 * whether it still carries a scab, and its core width (image px) and absorbance (mm²).
 */
const DOT_COMMON = `#version 300 es
in vec4 aDot;
in vec2 aOffset;

uniform sampler2D uField;
uniform vec2 uFieldSizePx;
uniform float uPxPerCm;
uniform float uThreshold;
uniform float uPlacement;
uniform vec4 uCum;
uniform vec4 uCoreSigmaPx;
uniform vec4 uAbsorbMm2;
uniform vec4 uScab;
uniform vec4 uBlueFactor;
uniform float uShowFrom;
uniform float uShowTo;
uniform vec3 uHealedChannels;
uniform vec3 uScabChannels;

struct Dot {
  vec2 pos;
  bool shown;
  bool scab;
  float sigmaPx;
  float absorbMm2;
  float coreFraction;
  vec3 channels;
};

Dot readDot() {
  Dot d;
  // The even (blue-noise) place, moved by the dot's own hand-placement offset (cm) as far as Placement says.
  d.pos = (aDot.xy + uPlacement * aOffset) * uPxPerCm;
  // The texture holds the density factor with FIELD_ONE (of 255) standing for 1; the field is read at the even place, so placement moves dots but never changes which are drawn.
  float s = texture(uField, aDot.xy * uPxPerCm / uFieldSizePx).r * ${f(255 / FIELD_ONE)};
  float t = s * uThreshold;
  float r = aDot.z;
  d.shown = r < t * uShowTo && r >= t * uShowFrom;
  vec4 band = r < t * uCum.x ? vec4(1.0, 0.0, 0.0, 0.0)
    : r < t * uCum.y ? vec4(0.0, 1.0, 0.0, 0.0)
    : r < t * uCum.z ? vec4(0.0, 0.0, 1.0, 0.0)
    : vec4(0.0, 0.0, 0.0, 1.0);
  float j1 = aDot.w;
  float j2 = fract(j1 * 16.0 + r * 7.0);
  float j3 = fract(j1 * 61.0 + r * 29.3);
  d.scab = j3 < dot(band, uScab);
  d.sigmaPx = dot(band, uCoreSigmaPx) * (1.0 + ${f(DOT_SIZE_VARIATION)} * (2.0 * j1 - 1.0)) * (d.scab ? ${f(SCAB_SIZE_FACTOR)} : 1.0);
  d.absorbMm2 = dot(band, uAbsorbMm2) * (1.0 + ${f(DOT_SHADE_VARIATION)} * (2.0 * j2 - 1.0)) * (d.scab ? ${f(SCAB_STRENGTH_FACTOR)} : 1.0);
  d.coreFraction = d.scab ? ${f(SCAB_CORE_FRACTION)} : ${f(CORE_FRACTION)};
  d.channels = d.scab ? uScabChannels : uHealedChannels * vec3(1.0, 1.0, dot(band, uBlueFactor));
  return d;
}
`;

/** Cores: a point sprite per shown dot, at the view's scale. */
export const CORE_VERTEX = `${DOT_COMMON}
uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;
uniform float uDevicePerImage;
uniform float uMaxPointSize;
uniform float uSplitXPx;

out float vPeak;
out float vInvTwoSigma2;
out float vRadius;
out vec3 vChannels;

void main() {
  Dot d = readDot();
  // Left of a before/after split nothing is drawn.
  if (!d.shown || d.pos.x < uSplitXPx) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  // A core narrower than MIN_CORE_SIGMA_PX device px is drawn that wide with the same absorbance.
  float sigma = max(d.sigmaPx * uDevicePerImage, ${f(MIN_CORE_SIGMA_PX)});
  float devicePerMm = uPxPerCm * 0.1 * uDevicePerImage;
  float absorbDevicePx2 = d.coreFraction * d.absorbMm2 * devicePerMm * devicePerMm;
  float radius = min(${f(CORE_EXTENT_SIGMAS)} * sigma, uMaxPointSize * 0.5);
  vPeak = absorbDevicePx2 / (6.283185307179586 * sigma * sigma);
  vInvTwoSigma2 = 1.0 / (2.0 * sigma * sigma);
  vRadius = radius;
  vChannels = d.channels;
  gl_PointSize = 2.0 * radius;
  mat3 m = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
  gl_Position = vec4((m * vec3(d.pos, 1.0)).xy, 0.0, 1.0);
}
`;

/** Fragment stage of the cores: the transmittance, blended as dst × factor (multiply). */
export const CORE_FRAGMENT = `#version 300 es
precision highp float;
in float vPeak;
in float vInvTwoSigma2;
in float vRadius;
in vec3 vChannels;
out vec4 finalColor;

void main() {
  vec2 local = (gl_PointCoord * 2.0 - 1.0) * vRadius;
  float r2 = dot(local, local);
  if (r2 >= vRadius * vRadius) discard;
  float absorbance = vPeak * exp(-r2 * vInvTwoSigma2);
  finalColor = vec4(exp(-absorbance * vChannels), 1.0);
}
`;

/**
 * Halo deposit: each shown dot adds its halo absorbance per mm² to the grid texel it falls in (red,
 * green, blue), and scabbed dots add their count per mm² in alpha. Positions are written straight
 * to clip space from image px, so row y of the grid is image y / pxPerTexel.
 */
export const DEPOSIT_VERTEX = `${DOT_COMMON}
uniform vec2 uGridTexels;
uniform float uPxPerTexel;
uniform float uTexelAreaMm2;
uniform float uDepositScale;

out vec4 vDeposit;

void main() {
  Dot d = readDot();
  if (!d.shown) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  vec4 deposit = vec4((1.0 - d.coreFraction) * d.absorbMm2 * d.channels, d.scab ? 1.0 : 0.0);
  vDeposit = deposit * (uDepositScale / uTexelAreaMm2);
  gl_Position = vec4(d.pos / uPxPerTexel / uGridTexels * 2.0 - 1.0, 0.0, 1.0);
  gl_PointSize = 1.0;
}
`;

export const DEPOSIT_FRAGMENT = `#version 300 es
precision highp float;
in vec4 vDeposit;
out vec4 finalColor;

void main() {
  finalColor = vDeposit;
}
`;

/** A quad covering its whole target (aPosition 0..1), for the grid passes. */
export const GRID_PASS_VERTEX = `#version 300 es
in vec2 aPosition;
out vec2 vUV;

void main() {
  vUV = aPosition;
  gl_Position = vec4(aPosition * 2.0 - 1.0, 0.0, 1.0);
}
`;

/**
 * One direction of a separable Gaussian blur with a width per channel (texels): the halo widths in
 * red, green and blue, and the redness spread in alpha. Taps fall on texel centres.
 */
export const BLUR_FRAGMENT = `#version 300 es
precision highp float;
in vec2 vUV;
uniform sampler2D uSource;
uniform vec2 uStep;
uniform vec4 uSigmaTexels;
uniform float uRadiusTexels;
out vec4 finalColor;

void main() {
  vec4 inv = 1.0 / (2.0 * uSigmaTexels * uSigmaTexels);
  vec4 sum = vec4(0.0);
  vec4 weights = vec4(0.0);
  int radius = int(uRadiusTexels);
  for (int i = -radius; i <= radius; i++) {
    float x = float(i);
    vec4 w = exp(-x * x * inv);
    sum += texture(uSource, vUV + uStep * x) * w;
    weights += w;
  }
  finalColor = sum / weights;
}
`;

/**
 * The skin over the photo (image space): the blurred halo absorbance as a transmittance, and the
 * redness of fresh work where scabs crowd, as one multiply factor.
 */
export const SKIN_VERTEX = `#version 300 es
in vec2 aPosition;
uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;
uniform vec2 uPhotoSizePx;
out vec2 vPos;

void main() {
  vPos = aPosition * uPhotoSizePx;
  mat3 m = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
  gl_Position = vec4((m * vec3(vPos, 1.0)).xy, 0.0, 1.0);
}
`;

export const SKIN_FRAGMENT = `#version 300 es
precision highp float;
in vec2 vPos;
uniform sampler2D uHalo;
uniform vec2 uGridSizePx;
uniform float uDepositScale;
uniform float uRedness;
uniform float uRednessHalfCount;
uniform float uSplitXPx;
out vec4 finalColor;

void main() {
  if (vPos.x < uSplitXPx) {
    finalColor = vec4(1.0);
    return;
  }
  vec4 halo = texture(uHalo, vPos / uGridSizePx) / uDepositScale;
  float red = uRedness * (1.0 - exp(-max(halo.a, 0.0) / uRednessHalfCount));
  finalColor = vec4(exp(-max(halo.rgb, 0.0)) * vec3(1.0, 1.0 - red, 1.0 - red), 1.0);
}
`;
