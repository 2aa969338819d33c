/**
 * The overlay: outlines (smooth), hairline edges, control points, the outline being drawn and the
 * scale ruler, drawn in screen space so line widths and handles keep their size at any zoom.
 */
import { Container, Graphics } from 'pixi.js';
import { smoothOutline } from '../core/areas.ts';
import type { Design } from '../core/document/types.ts';
import type { ImagePoint } from '../core/math/types.ts';
import { imageToScreen, type Camera } from '../editor/viewport.ts';
import type { ViewState } from '../state/store.ts';

/** Handle radius on screen, CSS px (large enough for a finger). */
export const HANDLE_RADIUS_PX = 6;

const OUTLINE = 0x2ad4ff;
const HAIRLINE = 0xffb020;
const DRAFT = 0x7cff6b;
const RULER = 0xff5ad1;

/** Owns the overlay graphics. */
export class OverlayLayer {
  readonly container = new Container({ label: 'overlay' });
  private readonly g = new Graphics();

  constructor() {
    this.container.addChild(this.g);
  }

  /** Redraws everything from the design and the view. */
  draw(design: Design, view: ViewState): void {
    const g = this.g;
    g.clear();
    this.container.visible = view.showOverlay;
    const cam: Camera = view;
    const toS = (p: ImagePoint): { x: number; y: number } => imageToScreen(cam, p);
    for (const area of design.areas) {
      const curve = smoothOutline(area.points);
      const pts = curve.points.map(toS);
      const n = pts.length;
      for (let k = 0; k < n; k++) {
        const a = pts[k]!;
        const b = pts[(k + 1) % n]!;
        const hair = area.hairlineEdges[curve.edgeOf[k]!] === true;
        g.moveTo(a.x, a.y).lineTo(b.x, b.y).stroke({ width: hair ? 3 : 1.5, color: hair ? HAIRLINE : OUTLINE, alpha: 0.9 });
      }
      const selected = view.selection?.areaId === area.id;
      area.points.forEach((p, i) => {
        const s = toS(p);
        const active = selected && view.selection?.pointIndex === i;
        g.circle(s.x, s.y, active ? HANDLE_RADIUS_PX + 2 : HANDLE_RADIUS_PX)
          .fill({ color: active ? 0xffffff : 0x10151c, alpha: 0.85 })
          .stroke({ width: 2, color: active ? HAIRLINE : OUTLINE });
      });
    }
    if (view.draft.length > 0) {
      const pts = view.draft.map(toS);
      g.moveTo(pts[0]!.x, pts[0]!.y);
      for (const p of pts.slice(1)) g.lineTo(p.x, p.y);
      g.stroke({ width: 2, color: DRAFT });
      pts.forEach((p, i) => g.circle(p.x, p.y, i === 0 ? HANDLE_RADIUS_PX + 3 : HANDLE_RADIUS_PX).fill({ color: DRAFT, alpha: i === 0 ? 0.5 : 0.9 }));
    }
    if (view.calibration.length > 0) {
      const pts = view.calibration.map(toS);
      if (pts.length === 2) g.moveTo(pts[0]!.x, pts[0]!.y).lineTo(pts[1]!.x, pts[1]!.y).stroke({ width: 2, color: RULER });
      for (const p of pts) g.circle(p.x, p.y, HANDLE_RADIUS_PX).stroke({ width: 2, color: RULER });
    }
  }

  /** Frees the graphics. */
  destroy(): void {
    this.container.destroy({ children: true });
  }
}
