/** Rendering on demand: any number of requests before the next animation frame draw one frame. */
export class FrameLoop {
  private requested = false;

  constructor(private readonly draw: () => void) {}

  /** Schedules one frame. */
  request(): void {
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame(() => {
      this.requested = false;
      this.draw();
    });
  }
}
