/** The photo under the dots: one sprite showing the GPU-sized display copy, stretched to the photo's full pixel size. */
import { Sprite, Texture } from 'pixi.js';
import type { PhotoPixels } from '../core/photo.ts';

export class PhotoLayer {
  readonly sprite = new Sprite();
  private texture: Texture | null = null;

  /** Shows `photo`, or nothing; frees the previous texture. */
  set(photo: PhotoPixels | null): void {
    this.texture?.destroy(true);
    this.texture = null;
    if (photo?.display) {
      this.texture = Texture.from(photo.display);
      this.sprite.texture = this.texture;
      this.sprite.scale.set(photo.widthPx / photo.display.width, photo.heightPx / photo.display.height);
    } else {
      this.sprite.texture = Texture.EMPTY;
    }
  }

  destroy(): void {
    this.texture?.destroy(true);
    this.texture = null;
  }
}
