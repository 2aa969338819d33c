/**
 * The comparison sheet: the treated part of the photo before, and after each session (healed),
 * side by side in the same framing, each panel captioned with its session, date, density and
 * dilution. The panels are drawn by the preview's own meshes and shaders (Scene.renderDotFactorTile
 * at a reduced scale) and multiplied into the photo as the export does; the side-by-side strip on
 * screen and the exported sheet are the same picture. A design of several views also has a sheet of
 * every view after one session (renderViewsSheet).
 */
import { densityAfterSession } from '../core/sessions.ts';
import type { ShowState } from '../core/dots/dotLook.ts';
import type { Design } from '../core/document/types.ts';
import type { PhotoPixels } from '../core/photo.ts';
import type { Scene } from '../render/Scene.ts';
import { multiplyInto } from './png.ts';
import { formatDate } from '../core/format.ts';
import type { EachView } from './eachView.ts';

/** A rectangle of image pixels. */
export interface Frame {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One panel: the moment it shows and its caption lines. */
export interface SheetPanel {
  readonly show: ShowState;
  readonly caption: readonly string[];
}

/** Margin around the treated areas in the sheet's framing, as a fraction of their size, and at least this many cm. */
const FRAME_MARGIN = 0.12;
const FRAME_MARGIN_MIN_CM = 1;

/**
 * The framing every panel shares: the bounding box of the treatment areas with a margin, clipped to
 * the photo; the whole photo when there are no areas.
 */
export function comparisonFrame(design: Design): Frame {
  const W = design.photo.widthPx;
  const H = design.photo.heightPx;
  const pts = design.areas.flatMap((a) => a.points);
  if (pts.length === 0) return { x: 0, y: 0, w: W, h: H };
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = Math.max(FRAME_MARGIN * Math.max(x1 - x0, y1 - y0), FRAME_MARGIN_MIN_CM * design.scale.pxPerCm);
  const fx0 = Math.max(0, Math.floor(x0 - margin));
  const fy0 = Math.max(0, Math.floor(y0 - margin));
  const fx1 = Math.min(W, Math.ceil(x1 + margin));
  const fy1 = Math.min(H, Math.ceil(y1 + margin));
  return { x: fx0, y: fy0, w: Math.max(1, fx1 - fx0), h: Math.max(1, fy1 - fy0) };
}

/** Before, then after each session, healed: captions name the session, date, density and dilution. */
export function comparisonPanels(design: Design): SheetPanel[] {
  const before: SheetPanel = { show: { session: 0, alone: false, stage: 'healed', years: 0 }, caption: ['Before', 'The photo as taken', ''] };
  return [
    before,
    ...design.sessions.map((s, i) => ({
      show: { session: i + 1, alone: false, stage: 'healed' as const, years: 0 },
      caption: [
        `After session ${i + 1} of ${design.sessions.length}, healed`,
        s.date ? formatDate(s.date) : 'Date not set',
        `${Math.round(densityAfterSession(design.dots.densityPerCm2, design.sessions, i + 1))} dots/cm², dilution ${s.dilutionWaterParts}:1`,
      ],
    })),
  ];
}

/** Layout of a sheet in pixels, from the panel width. */
export interface SheetLayout {
  readonly panelW: number;
  readonly panelH: number;
  readonly gap: number;
  readonly captionH: number;
  readonly titleH: number;
  readonly fontPx: number;
  readonly width: number;
  readonly height: number;
}

/** The sheet's layout for `panels` panels of the frame drawn `panelW` pixels wide. */
export function sheetLayout(frame: Frame, panels: number, panelW: number, captions: boolean): SheetLayout {
  const pw = Math.max(1, Math.round(panelW));
  // The same expression the scene sizes its tile with (round(h · scale)), so the two always agree.
  const panelH = Math.max(1, Math.round(frame.h * (pw / frame.w)));
  const fontPx = Math.max(12, Math.round(pw / 26));
  const gap = Math.max(6, Math.round(pw / 40));
  const captionH = captions ? Math.round(fontPx * 4.2) : 0;
  const titleH = captions ? Math.round(fontPx * 2.2) : 0;
  return { panelW: pw, panelH, gap, captionH, titleH, fontPx, width: panels * pw + (panels + 1) * gap, height: titleH + panelH + captionH + 2 * gap };
}

/** Pixels of the photo's frame drawn at the panel's size. */
function photoPanel(photo: PhotoPixels, frame: Frame, w: number, h: number): Uint8ClampedArray<ArrayBuffer> {
  const source = photo.original ?? photo.display;
  const ctx = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw the comparison sheet (no 2D canvas).');
  if (source) {
    const k = source.width / photo.widthPx;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, frame.x * k, frame.y * k, frame.w * k, frame.h * k, 0, 0, w, h);
  } else if (photo.rgba) {
    const full = new ImageData(new Uint8ClampedArray(photo.rgba), photo.widthPx, photo.heightPx);
    const tmp = new OffscreenCanvas(photo.widthPx, photo.heightPx);
    tmp.getContext('2d')?.putImageData(full, 0, 0);
    ctx.drawImage(tmp, frame.x, frame.y, frame.w, frame.h, 0, 0, w, h);
  }
  return ctx.getImageData(0, 0, w, h).data;
}

/**
 * One moment of the plan drawn over the photo's frame at `panelW` pixels wide (height from the
 * frame's aspect), as the export draws it; the split is ignored. Call scene.releaseExportTarget()
 * after the last panel.
 */
export async function renderPanel(scene: Scene, photo: PhotoPixels, frame: Frame, panelW: number, show: ShowState): Promise<ImageData> {
  const w = Math.max(1, Math.round(panelW));
  const h = Math.max(1, Math.round(frame.h * (w / frame.w)));
  const pixels = photoPanel(photo, frame, w, h);
  if (show.session > 0) {
    const factor = await scene.renderDotFactorTile(frame.x, frame.y, frame.w, frame.h, { scale: w / frame.w, show, split: false });
    multiplyInto(pixels, factor.subarray(0, w * h * 4));
  }
  return new ImageData(pixels, w, h);
}

/** Everything a sheet needs, with the title it carries. */
export interface SheetRequest {
  readonly design: Design;
  readonly photo: PhotoPixels;
  /** Width of one panel, px. */
  readonly panelW: number;
  /** Title and captions (on for the sheet and the strip). */
  readonly captions: boolean;
  /** Title line above the panels, e.g. the photo's name and today's date. */
  readonly title: string;
}

/** Renders the sheet onto a canvas. */
export async function renderComparisonSheet(scene: Scene, r: SheetRequest): Promise<OffscreenCanvas> {
  const frame = comparisonFrame(r.design);
  const panels = comparisonPanels(r.design);
  const L = sheetLayout(frame, panels.length, r.panelW, r.captions);
  const canvas = new OffscreenCanvas(L.width, L.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the comparison sheet (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, L.height);
  ctx.fillStyle = '#1d232a';
  ctx.textBaseline = 'top';
  if (r.captions) {
    ctx.font = `600 ${Math.round(L.fontPx * 1.15)}px system-ui, sans-serif`;
    ctx.fillText(r.title, L.gap, L.gap);
  }
  await scene.whenPointsReady();
  try {
    for (let i = 0; i < panels.length; i++) {
      const panel = panels[i]!;
      const x = L.gap + i * (L.panelW + L.gap);
      const y = L.titleH + L.gap;
      ctx.putImageData(await renderPanel(scene, r.photo, frame, L.panelW, panel.show), x, y);
      if (r.captions) {
        panel.caption.forEach((line, j) => {
          ctx.font = `${j === 0 ? '600 ' : ''}${L.fontPx}px system-ui, sans-serif`;
          ctx.fillText(line, x, y + L.panelH + Math.round(L.fontPx * 0.5) + j * Math.round(L.fontPx * 1.25), L.panelW);
        });
      }
    }
  } finally {
    scene.releaseExportTarget();
  }
  return canvas;
}

/** The moment a sheet of every view shows, and the caption of each view's panel. */
function viewCaption(title: string, design: Design, session: number): string[] {
  const n = design.sessions.length;
  const k = Math.min(session, n);
  const s = design.sessions[k - 1];
  return k === 0
    ? [title, 'Before: the photo as taken', '']
    : [title, `After session ${k} of ${n}, healed${s?.date ? `, ${formatDate(s.date)}` : ''}`, `${Math.round(densityAfterSession(design.dots.densityPerCm2, design.sessions, k))} dots/cm², dilution ${s!.dilutionWaterParts}:1`];
}

/** What a sheet of every view needs: the views' titles, the session shown, the panel width and the title. */
export interface ViewsSheetRequest {
  readonly titles: readonly string[];
  /** Session every panel shows (0 before any; clamped to the plan). */
  readonly session: number;
  readonly panelW: number;
  readonly title: string;
}

/**
 * Every view side by side after session `session` (healed), each in the framing of its own treated
 * areas and as tall as its framing's shape makes it, visited in turn through `eachView`.
 */
export async function renderViewsSheet(scene: Scene, eachView: EachView, r: ViewsSheetRequest): Promise<OffscreenCanvas> {
  const panels: { image: ImageData; caption: string[] }[] = [];
  await eachView(
    r.titles.map((_, i) => i),
    async (design, photo, i) => {
      const frame = comparisonFrame(design);
      const session = Math.min(r.session, design.sessions.length);
      try {
        panels.push({ image: await renderPanel(scene, photo, frame, r.panelW, { session, alone: false, stage: 'healed', years: 0 }), caption: viewCaption(`${i + 1}. ${r.titles[i]}`, design, session) });
      } finally {
        scene.releaseExportTarget();
      }
    },
  );
  const L = sheetLayout({ x: 0, y: 0, w: 1, h: 1 }, panels.length, r.panelW, true);
  const tallest = Math.max(...panels.map((p) => p.image.height));
  const height = L.titleH + tallest + L.captionH + 2 * L.gap;
  const canvas = new OffscreenCanvas(L.width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the comparison sheet (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, L.width, height);
  ctx.fillStyle = '#1d232a';
  ctx.textBaseline = 'top';
  ctx.font = `600 ${Math.round(L.fontPx * 1.15)}px system-ui, sans-serif`;
  ctx.fillText(r.title, L.gap, L.gap);
  panels.forEach((p, i) => {
    const x = L.gap + i * (L.panelW + L.gap);
    const y = L.titleH + L.gap;
    ctx.putImageData(p.image, x, y);
    p.caption.forEach((line, j) => {
      ctx.font = `${j === 0 ? '600 ' : ''}${L.fontPx}px system-ui, sans-serif`;
      ctx.fillText(line, x, y + tallest + Math.round(L.fontPx * 0.5) + j * Math.round(L.fontPx * 1.25), L.panelW);
    });
  });
  return canvas;
}
