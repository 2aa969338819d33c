/**
 * Where the halo grid lies over a photo (render/HaloGrid.ts draws on it): square texels fixed to the
 * photo in image space, HALO_TEXEL_MM wide unless the photo is so large that the grid would pass
 * HALO_MAX_SIDE texels.
 */

/**
 * Finest grid texel, mm: the narrowest halo (σ 0.8 mm in blue) spans 1.6 texels, so bilinear reads
 * are smooth, and a dot's halo, deposited at its texel's centre, is off by at most 0.25 mm, which
 * widens the blue halo by under 2 %. 0.25 mm texels cost a software renderer (SwiftShader) over a
 * second per rebuild, for no visible difference (docs/performance.md).
 */
export const HALO_TEXEL_MM = 0.5;

/** Largest grid side, texels: a texel grows past HALO_TEXEL_MM only for photos over 51 cm across. */
export const HALO_MAX_SIDE = 1024;

/** Blur radius in σ of the widest channel, and the most texels it may reach. */
export const HALO_BLUR_EXTENT_SIGMAS = 3;
export const HALO_BLUR_MAX_RADIUS = 64;

/** The grid's layout over a photo. */
export interface HaloLayout {
  readonly widthTexels: number;
  readonly heightTexels: number;
  /** Image pixels per texel. */
  readonly pxPerTexel: number;
  /** Area of a texel, mm². */
  readonly texelAreaMm2: number;
}

/** Lays the grid over a photo of this size and scale. */
export function haloLayout(widthPx: number, heightPx: number, pxPerCm: number): HaloLayout {
  const pxPerMm = pxPerCm / 10;
  const longSideMm = Math.max(widthPx, heightPx) / pxPerMm;
  const texelMm = Math.max(HALO_TEXEL_MM, longSideMm / HALO_MAX_SIDE);
  const pxPerTexel = texelMm * pxPerMm;
  return { widthTexels: Math.max(1, Math.ceil(widthPx / pxPerTexel)), heightTexels: Math.max(1, Math.ceil(heightPx / pxPerTexel)), pxPerTexel, texelAreaMm2: texelMm * texelMm };
}

/** Blur widths (σ, texels) of the grid's four channels: the halo in R, G, B and the redness spread in alpha, at least 0.3 texel. */
export function haloBlurSigmas(haloSigmaPx: readonly [number, number, number], rednessSigmaMm: number, pxPerCm: number, layout: HaloLayout): [number, number, number, number] {
  const texels = [...haloSigmaPx.map((s) => s / layout.pxPerTexel), ((rednessSigmaMm / 10) * pxPerCm) / layout.pxPerTexel];
  return texels.map((s) => Math.max(0.3, s)) as [number, number, number, number];
}

/** Blur radius, texels, for these widths. */
export function haloBlurRadius(sigmas: readonly number[]): number {
  return Math.min(HALO_BLUR_MAX_RADIUS, Math.ceil(HALO_BLUR_EXTENT_SIGMAS * Math.max(...sigmas)));
}
