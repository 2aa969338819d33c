/**
 * The browser benchmark's design, built by the app's own actions on a real store and packed by the
 * app's own design-file writer, then opened through Open design. The benchmark never writes a
 * document shape by hand, so it follows the document as it grows (the unit suite builds and opens
 * one on a tiny photo: test/unit/bench/benchDesign.test.ts).
 */
import { newDesign } from '../../src/core/document/defaults.ts';
import { imagePoint } from '../../src/core/math/types.ts';
import type { PhotoMime } from '../../src/io/designFile.ts';
import { packDesignFile } from '../../src/io/saveDesignFile.ts';
import { addDraftPoint, closeDraft, setScaleFromPoints } from '../../src/state/actions.ts';
import { createAppStore } from '../../src/state/store.ts';

/** A photo's original bytes, its type, name and upright size. */
export interface BenchPhoto {
  readonly bytes: Uint8Array;
  readonly mime: PhotoMime;
  readonly name: string;
  readonly widthPx: number;
  readonly heightPx: number;
}

/** Inset of the treatment area from the photo's edges, px. */
const INSET_PX = 40;

/** The scale at which a photo holds `dots` ranked points at the design's maximum density. */
export function pxPerCmForDots(widthPx: number, heightPx: number, maxDensityPerCm2: number, dots: number): number {
  return Math.sqrt((widthPx * heightPx * maxDensityPerCm2) / dots);
}

/**
 * A design file on `photo`, scaled (Set scale across the photo's width) so that the ranked point set
 * holds about `dots` points, with one area drawn point by point just inside the photo's edges.
 */
export async function benchDesignFile(photo: BenchPhoto, dots: number, seed = 1): Promise<Uint8Array> {
  const { widthPx: w, heightPx: h } = photo;
  const store = createAppStore(newDesign({ kind: 'file', name: photo.name, widthPx: w, heightPx: h }, seed));
  const pxPerCm = pxPerCmForDots(w, h, store.getState().design.maxDensityPerCm2, dots);
  const refused = setScaleFromPoints(store, imagePoint(0, h / 2), imagePoint(w, h / 2), w / pxPerCm);
  if (refused) throw new Error(`Set scale refused ${pxPerCm.toFixed(1)} px/cm: ${refused}`);
  const m = Math.min(INSET_PX, w / 4, h / 4);
  for (const [x, y] of [
    [m, m],
    [w - m, m],
    [w - m, h - m],
    [m, h - m],
  ] as const) {
    addDraftPoint(store, imagePoint(x, y));
  }
  if (!closeDraft(store)) throw new Error(`The area was refused: ${store.getState().notices.at(-1)?.text ?? 'no reason given'}`);
  return packDesignFile({ design: store.getState().document, photos: [{ bytes: photo.bytes, mime: photo.mime }], savedAt: new Date(0) });
}
