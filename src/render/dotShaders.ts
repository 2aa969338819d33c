/**
 * GLSL for the dots layer. One point sprite per ranked point; the vertex shader looks up the
 * density field and drops the point when its rank is above the local threshold, so Density,
 * Dilution and Dot size are uniforms and never touch the vertex buffer. The fragment shader draws
 * the pigment profile of core/appearance.ts (dotTransmittance) as a multiply factor.
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
uniform float uRadiusPx;
uniform float uCentreOD;
uniform float uDevicePerImage;
uniform float uMinRadiusDevice;
uniform vec2 uFieldSizePx;
uniform float uMaxPointSize;
uniform float uSplitXPx;

out float vOD;
out float vCover;

void main() {
  vec2 pos = aDot.xy * uPxPerCm;
  // The texture holds the density factor with FIELD_ONE (of 255) standing for 1.
  float s = texture(uField, pos / uFieldSizePx).r * ${f(255 / FIELD_ONE)};
  // Ranks above the local threshold are not dots; left of a before/after split nothing is.
  if (aDot.z >= s * uThreshold || pos.x < uSplitXPx) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 0.0;
    return;
  }
  float j1 = aDot.w;
  float j2 = fract(j1 * 16.0 + aDot.z * 7.0);
  float radius = uRadiusPx * (1.0 + ${f(DOT_SIZE_VARIATION)} * (2.0 * j1 - 1.0));
  float radiusDevice = radius * uDevicePerImage;
  float drawn = min(max(radiusDevice, uMinRadiusDevice), uMaxPointSize * 0.5);
  vCover = min(1.0, (radiusDevice * radiusDevice) / (drawn * drawn));
  vOD = uCentreOD * (1.0 + ${f(DOT_SHADE_VARIATION)} * (2.0 * j2 - 1.0));
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
uniform vec3 uAbsorb;
out vec4 finalColor;

void main() {
  vec2 local = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(local, local);
  if (r2 >= 1.0) discard;
  float k = 0.6931471805599453 / ${f(DOT_EDGE_HALF_RADIUS * DOT_EDGE_HALF_RADIUS)};
  float profile = exp(-k * r2) * (1.0 - r2);
  vec3 t = pow(vec3(10.0), -vOD * uAbsorb * profile);
  vec3 factor = 1.0 - (1.0 - t) * vCover;
  finalColor = vec4(factor, 1.0);
}
`;
