/**
 * GLSL for the dots layer. One point sprite per ranked point; the vertex shader looks up the
 * density field and drops the point when its rank is above the local threshold, so Density,
 * Dilution and Dot size are uniforms and never touch the vertex buffer. The fragment shader draws
 * the pigment profile of core/appearance.ts (dotTransmittance) as a multiply factor.
 *
 * Sessions (DESIGN.md §3): a dot of rank r under local threshold t belongs to session j when
 * c(j−1)·t ≤ r < c(j)·t, and takes that session's radius, optical density and blue cast from vec4
 * uniforms; only ranks in [showFrom·t, showTo·t) are drawn, which gives "after session k" and
 * "session k alone" from the same vertex buffer.
 *
 * Points rather than instanced quads: one vertex per dot instead of four, and no per-instance
 * set-up, which software rasterisers (SwiftShader) and weak tablets pay dearly for.
 */
import { DOT_EDGE_HALF_RADIUS, DOT_SHADE_VARIATION, DOT_SIZE_VARIATION } from '../core/appearance.ts';
import { FIELD_ONE } from '../core/dots/densityField.ts';

const f = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

/** Vertex stage. */
export const DOT_VERTEX = `#version 300 es
in vec4 aDot;

uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;

uniform sampler2D uField;
uniform float uPxPerCm;
uniform float uThreshold;
uniform vec4 uCum;
uniform vec4 uRadiusPx;
uniform vec4 uCentreOD;
uniform vec4 uBlue;
uniform float uShowFrom;
uniform float uShowTo;
uniform float uDevicePerImage;
uniform float uMinRadiusDevice;
uniform vec2 uFieldSizePx;
uniform float uMaxPointSize;
uniform float uSplitXPx;

out float vOD;
out float vCover;
out float vBlue;

void main() {
  vec2 pos = aDot.xy * uPxPerCm;
  // The texture holds the density factor with FIELD_ONE (of 255) standing for 1.
  float s = texture(uField, pos / uFieldSizePx).r * ${f(255 / FIELD_ONE)};
  float t = s * uThreshold;
  float r = aDot.z;
  // Ranks outside the band shown are not drawn; left of a before/after split nothing is.
  if (r >= t * uShowTo || r < t * uShowFrom || pos.x < uSplitXPx) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  vec3 look = r < t * uCum.x ? vec3(uRadiusPx.x, uCentreOD.x, uBlue.x)
    : r < t * uCum.y ? vec3(uRadiusPx.y, uCentreOD.y, uBlue.y)
    : r < t * uCum.z ? vec3(uRadiusPx.z, uCentreOD.z, uBlue.z)
    : vec3(uRadiusPx.w, uCentreOD.w, uBlue.w);
  float j1 = aDot.w;
  float j2 = fract(j1 * 16.0 + aDot.z * 7.0);
  float radius = look.x * (1.0 + ${f(DOT_SIZE_VARIATION)} * (2.0 * j1 - 1.0));
  float radiusDevice = radius * uDevicePerImage;
  float drawn = min(max(radiusDevice, uMinRadiusDevice), uMaxPointSize * 0.5);
  vCover = min(1.0, (radiusDevice * radiusDevice) / (drawn * drawn));
  vBlue = look.z;
  vOD = look.y * (1.0 + ${f(DOT_SHADE_VARIATION)} * (2.0 * j2 - 1.0));
  gl_PointSize = 2.0 * drawn;
  mat3 m = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
  gl_Position = vec4((m * vec3(pos, 1.0)).xy, 0.0, 1.0);
}
`;

/** Fragment stage: outputs the transmittance F, blended as dst * F (multiply). */
export const DOT_FRAGMENT = `#version 300 es
precision highp float;
in float vOD;
in float vCover;
in float vBlue;
uniform vec2 uAbsorb;
out vec4 finalColor;

void main() {
  vec2 local = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(local, local);
  if (r2 >= 1.0) discard;
  float k = 0.6931471805599453 / ${f(DOT_EDGE_HALF_RADIUS * DOT_EDGE_HALF_RADIUS)};
  float profile = exp(-k * r2) * (1.0 - r2);
  vec3 t = pow(vec3(10.0), -vOD * vec3(uAbsorb, vBlue) * profile);
  vec3 factor = 1.0 - (1.0 - t) * vCover;
  finalColor = vec4(factor, 1.0);
}
`;

/**
 * Redness of freshly treated skin: a quad over the photo that reads the density field around each
 * pixel (a ring of taps about REDNESS_BLUR_MM out, so the flush reaches a little past the dots) and
 * multiplies green and blue down by uRedness where the area is treated.
 */
export const REDNESS_VERTEX = `#version 300 es
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

export const REDNESS_FRAGMENT = `#version 300 es
precision highp float;
in vec2 vPos;
uniform sampler2D uField;
uniform vec2 uFieldSizePx;
uniform float uBlurPx;
uniform float uRedness;
uniform float uSplitXPx;
out vec4 finalColor;

void main() {
  if (vPos.x < uSplitXPx) {
    finalColor = vec4(1.0);
    return;
  }
  float sum = texture(uField, vPos / uFieldSizePx).r * 2.0;
  for (int i = 0; i < 8; i++) {
    float a = float(i) * 0.7853981633974483;
    sum += texture(uField, (vPos + uBlurPx * vec2(cos(a), sin(a))) / uFieldSizePx).r;
  }
  float treated = smoothstep(0.0, 0.35, sum / 10.0 * ${f(255 / FIELD_ONE)});
  float k = 1.0 - uRedness * treated;
  finalColor = vec4(1.0, k, k, 1.0);
}
`;
