/**
 * Watches the canvas for a lost WebGL context. While it is lost nothing may draw; when the browser
 * gives it back, PixiJS re-creates its GPU objects from the CPU copies it keeps and `onRestored`
 * hands over what it does not keep.
 */
export class ContextGuard {
  private isLost = false;
  private readonly unwatch: () => void;

  constructor(canvas: HTMLCanvasElement, onRestored: () => void) {
    const lost = (): void => {
      this.isLost = true;
    };
    const restored = (): void => {
      this.isLost = false;
      onRestored();
    };
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', restored);
    this.unwatch = () => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', restored);
    };
  }

  /** True between a loss and the restore. */
  get lost(): boolean {
    return this.isLost;
  }

  destroy(): void {
    this.unwatch();
  }
}
