/**
 * How an export visits the views of a design: each view in turn is put on screen, its full photo
 * and its dots made ready, and handed to the export, which draws it as it draws the view on screen;
 * the view that was on screen comes back afterwards. The app supplies it (app/viewPhotos.ts).
 */
import type { Design } from '../core/document/types.ts';
import type { PhotoPixels } from '../core/photo.ts';

/** Visits views `indices` in order; `fn` gets each one's design and full photo while it is on screen. */
export type EachView = (indices: readonly number[], fn: (design: Design, photo: PhotoPixels, index: number) => Promise<void>) => Promise<void>;
