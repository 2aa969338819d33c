/**
 * The overlay: outlines (smooth), hairline edges, control points, the outline being drawn and the
 * scale ruler, drawn in screen space so line widths and handles keep their size at any zoom.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { smoothOutline } from '../core/areas.ts';
import type { Design, Landmarks } from '../core/document/types.ts';
import { guides, midline } from '../core/landmarks.ts';
import { MM_PER_CM } from '../core/units.ts';
import type { ImagePoint } from '../core/math/types.ts';
import { imageToScreen, type Camera } from '../editor/viewport.ts';
import type { ViewState } from '../state/store.ts';

/** Handle radius on screen, CSS px (large enough for a finger). */
export const HANDLE_RADIUS_PX = 6;

/** Radius of the before/after divider's handle on screen, CSS px. */
export const DIVIDER_HANDLE_PX = 16;

const OUTLINE = 0x2ad4ff;
const HAIRLINE = 0xffb020;
const DRAFT = 0x7cff6b;
const RULER = 0xff5ad1;
const EXCLUSION = 0xff4d4d;
const GUIDE = 0xe8f0ff;
const LANDMARK = 0xffe14d;
const BRUSH_RAISE = 0x7cff6b;
const BRUSH_LOWER = 0xff9a3c;
const BRUSH_ERASE = 0xd0d8e0;

const LANDMARK_TAGS: Record<keyof Landmarks, string> = { glabella: 'G', leftEye: 'L', rightEye: 'R', midFrontal: 'M', vertex: 'V', leftSide: 'S', rightSide: 'S', leftBrow: 'B', rightBrow: 'B' };

/** Labels are few; a small pool of Text objects is reused from frame to frame. */
const LABEL_STYLE = { fontFamily: 'system-ui, sans-serif', fontSize: 12, fill: 0xffffff, stroke: { color: 0x000000, width: 3 } };

/** Owns the overlay graphics. */
export class OverlayLayer {
  readonly container = new Container({ label: 'overlay' });
  private readonly g = new Graphics();
  private readonly labels: Text[] = [];
  private labelsUsed = 0;

  constructor() {
    this.container.addChild(this.g);
  }

  private label(text: string, x: number, y: number): void {
    let t = this.labels[this.labelsUsed];
    if (!t) {
      t = new Text({ text, style: LABEL_STYLE });
      this.labels.push(t);
      this.container.addChild(t);
    }
    if (t.text !== text) t.text = text;
    t.position.set(x, y);
    t.visible = true;
    this.labelsUsed++;
  }

  /** Redraws everything from the design and the view. */
  draw(design: Design, view: ViewState, screenHeightPx = Infinity, frontHeightCm: number | null = null): void {
    const g = this.g;
    g.clear();
    this.container.visible = view.showOverlay;
    const cam: Camera = view;
    const toS = (p: ImagePoint): { x: number; y: number } => imageToScreen(cam, p);
    this.labelsUsed = 0;
    if (view.showGuides) {
      for (const guide of guides(design, frontHeightCm)) {
        const a = toS(guide.a);
        const b = toS(guide.b);
        g.moveTo(a.x, a.y).lineTo(b.x, b.y).stroke({ width: 1, color: GUIDE, alpha: guide.id === 'midline' ? 0.5 : 0.75 });
        if (guide.id.startsWith('height-') || guide.id === 'front-hairline') this.label(guide.label, Math.max(a.x, b.x) + 4, Math.min(a.y, b.y) - 16);
      }
    }
    if (design.areas.some((a) => a.mirrored)) {
      const line = midline(design);
      const far = (design.photo.widthPx + design.photo.heightPx) * 2;
      const a = toS({ x: line.origin.x - line.dir.x * far, y: line.origin.y - line.dir.y * far } as ImagePoint);
      const b = toS({ x: line.origin.x + line.dir.x * far, y: line.origin.y + line.dir.y * far } as ImagePoint);
      g.moveTo(a.x, a.y).lineTo(b.x, b.y).stroke({ width: 1.5, color: HAIRLINE, alpha: 0.6 });
    }
    for (const [id, p] of Object.entries(design.landmarks) as [keyof Landmarks, ImagePoint | null][]) {
      if (!p) continue;
      const s = toS(p);
      g.moveTo(s.x - 9, s.y).lineTo(s.x + 9, s.y).moveTo(s.x, s.y - 9).lineTo(s.x, s.y + 9).stroke({ width: 2, color: LANDMARK });
      g.circle(s.x, s.y, 4).stroke({ width: 1.5, color: 0x000000, alpha: 0.8 });
      this.label(LANDMARK_TAGS[id], s.x + 8, s.y + 4);
    }
    for (const area of design.areas) {
      const curve = smoothOutline(area.points);
      const pts = curve.points.map(toS);
      const n = pts.length;
      for (let k = 0; k < n; k++) {
        const a = pts[k]!;
        const b = pts[(k + 1) % n]!;
        const hair = area.hairlineEdges[curve.edgeOf[k]!] === true;
        const color = area.kind === 'exclusion' ? EXCLUSION : hair ? HAIRLINE : OUTLINE;
        g.moveTo(a.x, a.y).lineTo(b.x, b.y).stroke({ width: hair ? 3 : 1.5, color, alpha: 0.9 });
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
    if (view.compare.on) {
      const x = view.compare.split * design.photo.widthPx;
      const top = toS({ x, y: 0 } as ImagePoint);
      const bottom = toS({ x, y: design.photo.heightPx } as ImagePoint);
      g.moveTo(top.x, top.y).lineTo(bottom.x, bottom.y).stroke({ width: 3, color: 0xffffff, alpha: 0.9 });
      // The handle and labels stay on screen however the photo is zoomed and panned.
      const visibleTop = Math.max(top.y, 0);
      const visibleBottom = Math.min(bottom.y, screenHeightPx);
      const mid = Math.min(Math.max((top.y + bottom.y) / 2, visibleTop + DIVIDER_HANDLE_PX + 30), visibleBottom - DIVIDER_HANDLE_PX);
      g.circle(top.x, mid, DIVIDER_HANDLE_PX).fill({ color: 0xffffff, alpha: 0.95 }).stroke({ width: 2, color: 0x10151c });
      g.moveTo(top.x - 6, mid).lineTo(top.x - 11, mid).moveTo(top.x + 6, mid).lineTo(top.x + 11, mid).stroke({ width: 2, color: 0x10151c });
      this.label('Before', top.x - 58, visibleTop + 8);
      this.label('After', top.x + 10, visibleTop + 8);
    }
    if (view.patch) {
      const a = toS({ x: view.patch.x0, y: view.patch.y0 } as ImagePoint);
      const b = toS({ x: view.patch.x1, y: view.patch.y1 } as ImagePoint);
      g.rect(a.x, a.y, b.x - a.x, b.y - a.y).stroke({ width: 2, color: RULER, alpha: 0.95 });
      this.label('Reference patch', a.x, a.y - 20);
    }
    if (view.barePatch) {
      const a = toS({ x: view.barePatch.x0, y: view.barePatch.y0 } as ImagePoint);
      const b = toS({ x: view.barePatch.x1, y: view.barePatch.y1 } as ImagePoint);
      g.rect(a.x, a.y, b.x - a.x, b.y - a.y).stroke({ width: 2, color: 0xffffff, alpha: 0.95 });
      // Below its rectangle: the stubble's label sits above, and the two patches are often side by side.
      this.label('Bare skin', a.x, b.y + 4);
    }
    if (view.tool === 'brush' && view.hover) {
      const s = toS(view.hover);
      const r = (view.brush.radiusMm / MM_PER_CM) * design.scale.pxPerCm * view.zoom;
      const color = view.brush.mode === 'raise' ? BRUSH_RAISE : view.brush.mode === 'lower' ? BRUSH_LOWER : BRUSH_ERASE;
      g.circle(s.x, s.y, r).stroke({ width: 2, color, alpha: 0.9 });
      g.circle(s.x, s.y, r / 2).stroke({ width: 1, color, alpha: 0.5 });
    }
    if (view.calibration.length > 0) {
      const pts = view.calibration.map(toS);
      if (pts.length === 2) g.moveTo(pts[0]!.x, pts[0]!.y).lineTo(pts[1]!.x, pts[1]!.y).stroke({ width: 2, color: RULER });
      for (const p of pts) g.circle(p.x, p.y, HANDLE_RADIUS_PX).stroke({ width: 2, color: RULER });
    }
    this.hideUnusedLabels();
  }

  /** Hides the labels this frame did not use. */
  private hideUnusedLabels(): void {
    for (let i = this.labelsUsed; i < this.labels.length; i++) this.labels[i]!.visible = false;
  }

  /** Frees the graphics. */
  destroy(): void {
    this.container.destroy({ children: true });
  }
}
