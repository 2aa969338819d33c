/**
 * The PDF consultation record: client and date, the session plan table and the totals (once), then
 * for each view of the head its photo before and its design healed, its measurements and each
 * session healed, and the dated aftercare plan, on A4 or US Letter. Images are drawn by the
 * preview's own shaders (sheet.ts renderPanel) at about 300 dpi for the width they take on paper,
 * and embedded as JPEG.
 */
import { jsPDF } from 'jspdf';
import { needleById } from '../core/appearance.ts';
import type { Design, DesignDocument } from '../core/document/types.ts';
import type { EachView } from './eachView.ts';
import { formatDate } from '../core/format.ts';
import { describeScaleSource } from '../core/captions.ts';
import { densityAfterSession, localIsoDate, sharePercents } from '../core/sessions.ts';
import type { Scene } from '../render/Scene.ts';
import type { PhotoPixels } from '../core/photo.ts';
import { comparisonFrame, renderPanel } from './sheet.ts';

/** Paper sizes offered. */
export type Paper = 'a4' | 'letter';

/** Print resolution the images are rendered for, dots per inch. */
export const PRINT_DPI = 300;

const MM_PER_INCH = 25.4;
const MARGIN_MM = 16;
const GAP_MM = 6;
const INK = [29, 35, 42] as const;
const MUTED = [96, 104, 112] as const;

/** One dated aftercare line as the record prints it. */
export interface RecordAftercareLine {
  readonly date: string | null;
  /** Last day of a restriction that spans days, or undefined. */
  readonly endDate?: string | null;
  readonly title: string;
  readonly text: string;
}

/** What the record prints of one view besides its pictures. */
export interface RecordView {
  /** Its name, e.g. "Front" or "Crown, close". */
  readonly title: string;
  /** Each area: its words ("Area 1, hairline / full area"), size and estimated dots. */
  readonly areas: readonly { readonly label: string; readonly cm2: number; readonly dots: number | null }[];
  /** The hairline sentence, or null without landmarks. */
  readonly hairline: string | null;
}

/** Everything the record prints besides the pictures. */
export interface RecordInput {
  readonly document: DesignDocument;
  /** Each view, in the design's order. */
  readonly views: readonly RecordView[];
  readonly paper: Paper;
  readonly now: Date;
  /** The design's totals over its views in a sentence, or null for a design of one view. */
  readonly totals: string | null;
  /** Estimated dots placed per session over every view, or null while they are counted. */
  readonly sessionDots: readonly number[] | null;
  readonly aftercare: readonly RecordAftercareLine[];
}

/** Characters the PDF's standard fonts (WinAnsi) print besides Latin-1. */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const REPLACEMENTS: Readonly<Record<string, string>> = { '→': '->', '≥': '>=', '≤': '<=', '−': '-', '≈': '~', ' ': ' ' };

/** Text the standard PDF fonts can print: anything else is replaced by its nearest plain form. */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 32 && code < 127) || (code >= 160 && code < 256) || WIN_ANSI_EXTRA.includes(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (ch === '\n') out += '\n';
    else out += ch.normalize('NFD').replace(/[^\u0020-\u007e]/g, '') || '?';
  }
  return out;
}

async function jpegBytes(image: ImageData): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')?.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new Uint8Array(await blob.arrayBuffer());
}

/** A writer that keeps a cursor and starts a new page when the next block would not fit. */
class Page {
  y = MARGIN_MM;
  constructor(
    readonly doc: jsPDF,
    readonly width: number,
    readonly height: number,
  ) {}

  get contentWidth(): number {
    return this.width - 2 * MARGIN_MM;
  }

  ensure(heightMm: number): void {
    if (this.y + heightMm > this.height - MARGIN_MM - 8) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN_MM;
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 0.6 + 4);
    this.doc.setFont('helvetica', 'bold').setFontSize(size).setTextColor(...INK);
    this.doc.text(pdfSafe(text), MARGIN_MM, this.y + size * 0.35);
    this.y += size * 0.5 + 3;
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; muted?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const indent = options.indent ?? 0;
    const [cr, cg, cb] = options.muted ? MUTED : INK;
    this.doc.setFont('helvetica', options.bold ? 'bold' : 'normal').setFontSize(size).setTextColor(cr, cg, cb);
    const lines = this.doc.splitTextToSize(pdfSafe(text), this.contentWidth - indent) as string[];
    const lineMm = size * 0.42;
    for (const line of lines) {
      this.ensure(lineMm);
      this.doc.text(line, MARGIN_MM + indent, this.y + lineMm * 0.8);
      this.y += lineMm;
    }
    this.y += 1.2;
  }

  table(head: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): void {
    const size = 9.5;
    const rowMm = 6;
    const draw = (cells: readonly string[], bold: boolean): void => {
      this.ensure(rowMm);
      this.doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(size).setTextColor(...INK);
      let x = MARGIN_MM;
      cells.forEach((c, i) => {
        this.doc.text(pdfSafe(c), x + 1, this.y + 4.2);
        x += widths[i]! * this.contentWidth;
      });
      this.doc.setDrawColor(200, 205, 210).line(MARGIN_MM, this.y + rowMm, MARGIN_MM + this.contentWidth, this.y + rowMm);
      this.y += rowMm;
    };
    draw(head, true);
    for (const r of rows) draw(r, false);
    this.y += 3;
  }
}

/** The healed moment of session `session` (0 before any). */
function healed(session: number): { session: number; alone: false; stage: 'healed'; years: 0 } {
  return { session, alone: false, stage: 'healed', years: 0 };
}

/** One view's part of the record: its photo, before and after, its measurements, and each session healed. */
async function viewSection(page: Page, scene: Scene, r: RecordInput, design: Design, photo: PhotoPixels, index: number): Promise<void> {
  const { doc } = page;
  const n = design.sessions.length;
  const view = r.views[index]!;
  const frame = comparisonFrame(design);
  const imageW = (page.contentWidth - GAP_MM) / 2;
  const imageH = (imageW * frame.h) / frame.w;
  const imagePx = Math.round((imageW / MM_PER_INCH) * PRINT_DPI);
  const picture = async (session: number, x: number, y: number, caption: string): Promise<void> => {
    const image = await renderPanel(scene, photo, frame, imagePx, healed(session));
    doc.addImage(await jpegBytes(image), 'JPEG', x, y, imageW, imageH);
    doc.setFont('helvetica', 'normal').setFontSize(9).setTextColor(...MUTED);
    doc.text(pdfSafe(caption), x, y + imageH + 4);
  };
  const several = r.views.length > 1;
  if (several) page.heading(`View ${index + 1} of ${r.views.length}: ${view.title}`, 14);
  page.paragraph(`Photo: ${design.photo.name}, ${design.photo.widthPx} × ${design.photo.heightPx} px, ${describeScaleSource(design.scale)}.`, { muted: true });
  page.y += 2;
  page.ensure(imageH + 8);
  await picture(0, MARGIN_MM, page.y, 'Before: the photo as taken');
  await picture(n, MARGIN_MM + imageW + GAP_MM, page.y, `The design after ${n === 1 ? 'its session' : `all ${n} sessions`}, healed`);
  page.y += imageH + 9;

  page.heading(several ? `Measurements: ${view.title}` : 'Measurements', 12);
  for (const a of view.areas) page.paragraph(`${a.label}: ${a.cm2.toFixed(1)} cm²${a.dots === null ? '' : `, about ${Math.round(a.dots).toLocaleString('en')} dots`}.`);
  if (view.areas.length === 0) page.paragraph('No treatment areas drawn.');
  if (view.hairline) page.paragraph(view.hairline);

  page.newPage();
  page.heading(several ? `Session by session, healed: ${view.title}` : 'Session by session, healed', 14);
  for (let k = 1; k <= n; k++) {
    const col = (k - 1) % 2;
    if (col === 0) page.ensure(imageH + 10);
    const s = design.sessions[k - 1]!;
    await picture(k, MARGIN_MM + col * (imageW + GAP_MM), page.y, `After session ${k}${s.date ? `, ${formatDate(s.date)}` : ''}: ${Math.round(densityAfterSession(design.dots.densityPerCm2, design.sessions, k))} dots/cm², ${s.dilutionWaterParts}:1`);
    if (col === 1 || k === n) page.y += imageH + 10;
  }
}

/** Builds the record, visiting each view of the design (`eachView`) for its pictures. */
export async function buildPdfRecord(scene: Scene, r: RecordInput, eachView: EachView): Promise<Blob> {
  const doc = new jsPDF({ unit: 'mm', format: r.paper, orientation: 'portrait', compress: true });
  const design = r.document;
  doc.setProperties({ title: `SMP consultation record${design.client ? `: ${pdfSafe(design.client)}` : ''}`, subject: 'Scalp micropigmentation design', creator: 'SMP Hairline Studio' });
  const page = new Page(doc, doc.internal.pageSize.getWidth(), doc.internal.pageSize.getHeight());
  try {
    // Page 1: who, when, the plan every view shares, and the totals.
    page.heading('SMP consultation record', 18);
    page.paragraph(`Client: ${design.client || 'not named'}`, { bold: true, size: 11 });
    page.paragraph(`Date of record: ${formatDate(localIsoDate(r.now))}`);
    if (r.views.length > 1) page.paragraph(`${r.views.length} views of the head: ${r.views.map((v) => v.title).join(', ')}.`);
    page.y += 2;
    page.heading('Session plan', 12);
    const percents = sharePercents(design.sessions);
    page.table(
      ['Session', 'Date', 'Share', 'Dilution', 'Needle', 'Est. dots'],
      design.sessions.map((s, i) => [
        `${i + 1}`,
        s.date ? formatDate(s.date) : 'not set',
        `${percents[i]} %`,
        `${s.dilutionWaterParts}:1 water:pigment`,
        needleById(s.needle).label,
        r.sessionDots ? Math.round(r.sessionDots[i]!).toLocaleString('en') : '-',
      ]),
      [0.11, 0.18, 0.1, 0.25, 0.18, 0.18],
    );
    page.paragraph(`Density ${design.dots.densityPerCm2} dots/cm², reached over a transition zone of ${design.dots.transitionMm} mm behind the hairline.`);
    if (r.totals) {
      page.heading('Totals', 12);
      page.paragraph(r.totals);
    }

    // Each view: before and after, its measurements, each session healed.
    await eachView(
      design.views.map((_, i) => i),
      async (viewDesign, photo, index) => {
        if (index > 0 || r.views.length > 1) page.newPage();
        await viewSection(page, scene, r, viewDesign, photo, index);
        scene.releaseExportTarget();
      },
    );

    // Then the dated aftercare plan.
    page.newPage();
    page.heading('Aftercare plan', 14);
    page.paragraph('Dates follow the session plan. Ask the clinic before changing anything, and see a doctor for the warning signs listed.', { muted: true });
    let lastDate: string | null | undefined;
    for (const line of r.aftercare) {
      if (line.date !== lastDate) {
        page.y += 1.5;
        page.paragraph(line.date ? formatDate(line.date) : 'At any time', { bold: true, size: 10.5 });
        lastDate = line.date;
      }
      page.paragraph(`${line.title}${line.endDate ? ` (until ${formatDate(line.endDate)})` : ''}: ${line.text}`, { indent: 4 });
    }
    if (r.aftercare.length === 0) page.paragraph('No aftercare lines.');

    const pages = doc.getNumberOfPages();
    for (let i = 1; i <= pages; i++) {
      doc.setPage(i);
      doc.setFont('helvetica', 'normal').setFontSize(8).setTextColor(...MUTED);
      doc.text(pdfSafe(`${design.client || 'Client not named'} · SMP consultation record · page ${i} of ${pages}`), MARGIN_MM, page.height - 8);
    }
  } finally {
    scene.releaseExportTarget();
  }
  return doc.output('blob');
}
