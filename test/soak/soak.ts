/**
 * `npm run soak`: the soak test (issue "Hardening", part 5). One page of the built app in Chromium
 * takes 500 edits, 50 exports and 20 photo loads through the real UI; after the warm-up and after
 * each phase it forces a garbage collection and measures the JS heap, the WebGL textures alive, the
 * textures PixiJS manages, the DOM, live ImageBitmaps and object URLs, and the renderer and GPU
 * processes' resident memory. Prints a table and a verdict; exits 1 when memory is not bounded.
 *
 * It builds the app itself into a private folder (so a shared dist/ that other test runs serve is
 * never touched) and serves it with vite preview on 127.0.0.1:4190; `--no-build` reuses that folder.
 * `--quick` runs a short version (100 edits, 10 exports, 6 photos) to check the script itself.
 * Then a design of six views on 24 MP photos has its views switched 100 times from the view strip
 * (each switch waits for the full photo and its dots), measured the same way; `--views` runs that
 * part alone.
 * Needs a Chromium (CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own).
 * Linux only for the process memory column (it reads /proc); the rest works anywhere.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { encode as encodePng } from 'fast-png';
import { preview } from 'vite';
import { fitPxPerCm, renderScalpScene } from '../../src/core/demo/scalpImage.ts';
import { PROBE_INIT_SCRIPT, PROBE_READ, type ProbeCounts } from './pageProbe.ts';
import { chooseFile, interceptFileChoosers } from '../e2e/app.ts';

// ---------------------------------------------------------------- settings

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const VIEWS_ONLY = args.has('--views');
/** The views part: how many views, their photos' size (24 MP), and how many switches. */
const VIEWS = { count: 6, widthPx: 6000, heightPx: 4000, switches: QUICK ? 24 : 100 };
const BUILD = !args.has('--no-build');
const PORT = 4190;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const OUT_DIR = join(tmpdir(), 'smp-soak-dist');

/** What the soak does in total, and in how many rounds (each: edits, exports, photo loads). */
const TOTAL = QUICK ? { edits: 100, exports: 10, photos: 6, rounds: 2 } : { edits: 500, exports: 50, photos: 20, rounds: 5 };
/** The warm-up before the baseline: one photo load and a few of each, so lazy set-up is paid for. */
const WARM = { edits: Math.max(5, Math.round(TOTAL.edits * 0.04)), exports: Math.max(2, Math.round(TOTAL.exports / 10)), photos: 1 };
/** Every fifth export is the comparison sheet. */
const SHEET_EVERY = 5;

/** Bounds of the verdict: end against the level after the warm-up. */
const BOUNDS = {
  heapRatio: 1.5,
  glTexturesExtra: 3,
  pixiTexturesExtra: 3,
  bitmapsExtra: 2,
  objectUrlsExtra: 2,
  domNodesRatio: 1.25,
};
/** file-saver revokes a download's object URL 40 s after the click; the end waits this long first. */
const OBJECT_URL_SETTLE_MS = 45_000;

/** Photo sizes in load order: the first and the last are the same file (the baseline photo). */
const SIZES: readonly (readonly [number, number])[] = [
  [1200, 900], [3000, 2000], [1600, 1200], [2400, 1800], [1200, 1600], [2800, 2100], [1800, 1350], [3000, 2250], [1400, 1050],
  [2200, 1650], [2600, 1950], [1500, 2000], [2048, 1536], [1280, 960], [2900, 2175], [1700, 1275], [2500, 1875], [3000, 1688],
];
const BASE_SIZE = [2000, 1500] as const;

function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p): p is string => !!p && existsSync(p));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- photos

interface PhotoFile {
  readonly path: string;
  readonly name: string;
  readonly widthPx: number;
  readonly heightPx: number;
}

async function makePhoto(dir: string, index: number, [widthPx, heightPx]: readonly [number, number], seed: number): Promise<PhotoFile> {
  const name = `scalp-${String(index + 1).padStart(2, '0')}-${widthPx}x${heightPx}.png`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    const image = renderScalpScene({ widthPx, heightPx, pxPerCm: fitPxPerCm(widthPx, heightPx), seed }).image;
    await writeFile(path, encodePng({ width: widthPx, height: heightPx, data: image.rgba, channels: 4, depth: 8 }));
  }
  return { path, name, widthPx, heightPx };
}

// ---------------------------------------------------------------- the page

/** Evaluates an expression with the app's handle in scope (string form: no bundler helpers). */
function inApp<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(`(async () => { const { store, scene, editor } = window.__smp; return (${expression}); })()`) as Promise<T>;
}

const nextFrame = (page: Page): Promise<number> =>
  page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(window.__soak.designChanges))))') as Promise<number>;

/**
 * Polls a page expression until it is true. (waitForFunction with a string compiles it in the page,
 * which the app's Content Security Policy forbids; evaluate goes through the debugger instead.)
 */
async function waitFor(page: Page, expression: string, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await sleep(100);
  }
}

/** Waits until nothing is busy, the dots are on the GPU and a frame has been drawn. */
async function settle(page: Page): Promise<void> {
  await waitFor(page, 'window.__smp.store.getState().busy === null');
  await inApp(page, 'scene.whenPointsReady()');
  await nextFrame(page);
}

/** Counts design changes and error messages from the moment the app is ready. */
const WATCH_SCRIPT = `(() => {
  const { store } = window.__smp;
  const soak = (window.__soak = { designChanges: 0, errors: [] });
  store.subscribe((s, p) => {
    if (s.design !== p.design) soak.designChanges++;
    if (s.notices !== p.notices) for (const n of s.notices) if (n.kind === 'error' && !p.notices.includes(n)) soak.errors.push(n.text);
  });
})()`;

/** Screen position of an image point. */
async function screenOf(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('#canvas-host').boundingBox();
  const v = await inApp<{ zoom: number; panX: number; panY: number }>(page, 'store.getState().view');
  if (!box) throw new Error('no canvas');
  return { x: box.x + (x - v.panX) * v.zoom, y: box.y + (y - v.panY) * v.zoom };
}

interface AreaInfo {
  readonly points: readonly { x: number; y: number }[];
  readonly photo: { widthPx: number; heightPx: number };
}

const areaInfo = (page: Page): Promise<AreaInfo | null> =>
  inApp<AreaInfo | null>(page, '(() => { const d = store.getState().design; return d.areas.length ? { points: d.areas[0].points, photo: d.photo } : null; })()');

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

// ---------------------------------------------------------------- the work

/** The edits, in the order they cycle; each is one undo step through the real UI. */
type EditKind = 'density-up' | 'drag-point' | 'dilution' | 'brush' | 'undo' | 'redo' | 'density-down' | 'drag-back';
const CYCLE: readonly EditKind[] = ['density-up', 'drag-point', 'dilution', 'brush', 'undo', 'redo', 'density-down', 'drag-back'];

class Driver {
  edits = 0;
  /** Position in CYCLE; a new area starts the cycle again, so Undo and Redo always follow a stroke. */
  private step = 0;
  noOps: string[] = [];
  exports = 0;
  photos = 0;
  private lastDrag: { index: number; dx: number; dy: number } | null = null;

  constructor(private readonly page: Page) {}

  private async tool(name: 'Select' | 'Draw area' | 'Density brush'): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  /** Draws a hexagon round the photo's middle with the Draw area tool (one edit) and checks Select is back. */
  private async drawArea(): Promise<void> {
    const { widthPx: w, heightPx: h } = await inApp<{ widthPx: number; heightPx: number }>(this.page, 'store.getState().design.photo');
    await this.tool('Draw area');
    const r = 0.22 * Math.min(w, h);
    for (let i = 0; i < 6; i++) {
      const a = (Math.PI / 3) * i + 0.3;
      const p = await screenOf(this.page, w / 2 + r * Math.cos(a), h / 2 + r * Math.sin(a));
      await this.page.mouse.click(p.x, p.y);
    }
    // Close by clicking the first point again (the tool then returns to Select by itself).
    const first = await screenOf(this.page, w / 2 + r * Math.cos(0.3), h / 2 + r * Math.sin(0.3));
    await this.page.mouse.click(first.x, first.y);
    const areas = await inApp<number>(this.page, 'store.getState().design.areas.length');
    const tool = await inApp<string>(this.page, '[store.getState().view.tool, editor.stateId].join()');
    if (areas !== 1 || !tool.startsWith('select,select')) throw new Error(`drawing an area gave ${areas} areas, tool ${tool}`);
  }

  private async one(kind: EditKind): Promise<void> {
    const page = this.page;
    switch (kind) {
      case 'density-up':
      case 'density-down': {
        const slider = page.getByRole('slider', { name: 'Density (dots/cm²)' });
        await slider.focus();
        await page.keyboard.press(kind === 'density-up' ? 'ArrowRight' : 'ArrowLeft');
        return;
      }
      case 'dilution': {
        const session = (this.edits % 3) + 1;
        await page.getByRole('button', { name: `Edit session ${session}` }).click();
        if (this.edits % 2 === 0) {
          const slider = page.getByRole('slider', { name: 'Dilution (water:pigment)' });
          await slider.focus();
          const value = Number(await slider.inputValue());
          await page.keyboard.press(value >= 15 ? 'ArrowLeft' : 'ArrowRight');
        } else {
          const field = page.getByRole('spinbutton', { name: 'Dilution (water:pigment) in parts water per part pigment' });
          const value = Number(await field.inputValue());
          await field.fill(String(value >= 15 ? value - 1.5 : value + 1.5));
          await field.press('Enter');
        }
        return;
      }
      case 'drag-point':
      case 'drag-back': {
        const area = await areaInfo(page);
        if (!area) throw new Error('no area to edit');
        let move = this.lastDrag;
        if (kind === 'drag-point' || !move) {
          const index = this.edits % area.points.length;
          move = { index, dx: (this.edits % 4 < 2 ? 1 : -1) * 14, dy: (this.edits % 3 === 0 ? 1 : -1) * 10 };
        } else {
          move = { index: move.index, dx: -move.dx, dy: -move.dy };
        }
        this.lastDrag = kind === 'drag-point' ? move : null;
        const p = area.points[move.index]!;
        const from = await screenOf(page, p.x, p.y);
        await drag(page, from, { x: from.x + move.dx, y: from.y + move.dy }, 4);
        return;
      }
      case 'brush': {
        const area = await areaInfo(page);
        if (!area) throw new Error('no area to brush');
        const cx = area.points.reduce((s, q) => s + q.x, 0) / area.points.length;
        const cy = area.points.reduce((s, q) => s + q.y, 0) / area.points.length;
        const c = await screenOf(page, cx, cy);
        const off = ((this.edits * 7) % 40) - 20;
        await this.tool('Density brush');
        await drag(page, { x: c.x - 40, y: c.y + off }, { x: c.x + 40, y: c.y - off }, 8);
        await this.tool('Select');
        return;
      }
      case 'undo':
        await page.getByRole('button', { name: 'Undo' }).click();
        return;
      case 'redo':
        // The keyboard shortcut, with focus on a toolbar button (not a field).
        await page.getByRole('button', { name: 'Undo' }).focus();
        await page.keyboard.press('Control+Shift+Z');
        return;
    }
  }

  /** `n` edits; a photo without an area gets one drawn first (that counts as an edit). */
  async doEdits(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const before = await nextFrame(this.page);
      let kind: string;
      if ((await areaInfo(this.page)) === null) {
        kind = 'draw-area';
        await this.drawArea();
        this.step = 0;
      } else {
        kind = CYCLE[this.step++ % CYCLE.length]!;
        await this.one(kind as EditKind);
      }
      this.edits++;
      if ((await nextFrame(this.page)) === before) this.noOps.push(`${this.edits}:${kind}`);
    }
  }

  /** `n` exports through the buttons; every fifth is the comparison sheet. */
  async doExports(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await settle(this.page);
      const sheet = this.exports % SHEET_EVERY === SHEET_EVERY - 1;
      const download = this.page.waitForEvent('download', { timeout: 600_000 });
      await this.page.getByRole('button', { name: sheet ? 'Export comparison sheet PNG' : 'Export PNG' }).click();
      const d = await download;
      const path = await d.path();
      const name = d.suggestedFilename();
      if (!path || !name.endsWith('.png') || sheet !== name.includes('-comparison')) throw new Error(`unexpected download ${name}`);
      await d.delete();
      this.exports++;
    }
    await settle(this.page);
  }

  /** Opens photos through Upload photo's file chooser and waits until each is drawn. */
  async doPhotos(files: readonly PhotoFile[]): Promise<void> {
    for (const f of files) {
      await settle(this.page);
      const errorsBefore = await this.page.evaluate('window.__soak.errors.length') as number;
      await chooseFile(this.page, () => this.page.getByRole('button', { name: 'Upload photo' }).click(), f.path);
      // Opened, or refused with a message (then fail at once instead of waiting).
      await waitFor(this.page, `(() => { const s = window.__smp.store.getState(); return window.__soak.errors.length > ${errorsBefore} || (s.busy === null && s.design.photo.name === ${JSON.stringify(f.name)}); })()`);
      const refused = await this.page.evaluate(`window.__soak.errors.slice(${errorsBefore})`) as string[];
      if (refused.length > 0) throw new Error(`${f.name} was refused: ${refused.join(' ')}`);
      const size = await inApp<number[]>(this.page, '[store.getState().photo.widthPx, store.getState().photo.heightPx]');
      if (size[0] !== f.widthPx || size[1] !== f.heightPx) throw new Error(`${f.name} opened at ${size.join(' × ')}`);
      await settle(this.page);
      this.photos++;
    }
  }
}

// ---------------------------------------------------------------- views

/**
 * A 24 MP JPEG of the generated scalp: drawn small in Node, enlarged and encoded by the page (a
 * canvas), as phone photos of this size are JPEGs of a few MB.
 */
async function makeViewPhoto(page: Page, dir: string): Promise<PhotoFile> {
  const name = `views-${VIEWS.widthPx}x${VIEWS.heightPx}.jpg`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    const [w, h] = [1500, 1000];
    const small = encodePng({ width: w, height: h, data: renderScalpScene({ widthPx: w, heightPx: h, pxPerCm: fitPxPerCm(w, h), seed: 7 }).image.rgba, channels: 4, depth: 8 });
    const b64 = (await page.evaluate(
      `(async () => {
        const png = Uint8Array.from(atob(${JSON.stringify(Buffer.from(small).toString('base64'))}), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(${VIEWS.widthPx}, ${VIEWS.heightPx});
        canvas.getContext('2d').drawImage(bitmap, 0, 0, ${VIEWS.widthPx}, ${VIEWS.heightPx});
        bitmap.close();
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode(...bytes.subarray(i, i + 32768));
        return btoa(s);
      })()`,
    )) as string;
    await writeFile(path, Buffer.from(b64, 'base64'));
  }
  return { path, name, widthPx: VIEWS.widthPx, heightPx: VIEWS.heightPx };
}

/** Opens `photo` as a new design and adds it again as views until the design has VIEWS.count. */
async function buildViews(page: Page, d: Driver, photo: PhotoFile): Promise<void> {
  await d.doPhotos([photo]);
  for (let k = 2; k <= VIEWS.count; k++) {
    await chooseFile(page, () => page.getByRole('button', { name: '+ Add view' }).click(), photo.path);
    await waitFor(page, `(() => { const s = window.__smp.store.getState(); return s.busy === null && s.document.views.length === ${k}; })()`);
    await settle(page);
  }
}

/** Shows view `index` from the strip, and waits for its full photo and its dots. */
async function switchTo(page: Page, index: number): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^View ${index + 1} of ${VIEWS.count}:`) }).click();
  await waitFor(page, `(() => { const s = window.__smp.store.getState(); return s.viewIndex === ${index} && !!s.photo && !!s.photo.original; })()`);
  await settle(page);
}

// ---------------------------------------------------------------- measuring

interface Row {
  readonly phase: string;
  readonly edits: number;
  readonly exports: number;
  readonly photos: number;
  readonly heapMb: number;
  readonly arrayBuffersMb: number;
  readonly domNodes: number;
  readonly listeners: number;
  readonly pixiTextures: number;
  /** Entries of PixiJS's texture hash, the nulls left by released textures included. */
  readonly pixiSlots: number;
  readonly probe: ProbeCounts;
  /** Attached elements under each element that has an id (where the DOM grows, if it does). */
  readonly census: Record<string, number>;
  readonly rendererRssMb: number | null;
  readonly gpuRssMb: number | null;
  readonly seconds: number;
}

const MB = 1024 * 1024;

/** Resident memory of this browser's renderer and GPU processes (Linux /proc), MB. */
function processRss(profileDir: string): { renderer: number; gpu: number } | null {
  if (!existsSync('/proc/self/status')) return null;
  let renderer = 0;
  let gpu = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(`--user-data-dir=${profileDir}`)) continue;
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      if (cmd.includes('--type=renderer') && !cmd.includes('--extension-process')) renderer += rss;
      else if (cmd.includes('--type=gpu-process')) gpu += rss;
    } catch {
      // the process ended while we looked
    }
  }
  return { renderer, gpu };
}

async function collectGarbage(page: Page, cdp: CDPSession): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    // FinalizationRegistry callbacks and deferred frees run after the collection.
    await page.evaluate('new Promise((r) => setTimeout(r, 150))');
  }
}

async function measure(page: Page, cdp: CDPSession, profileDir: string, phase: string, d: Driver, t0: number): Promise<Row> {
  await settle(page);
  await collectGarbage(page, cdp);
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const usage = await cdp.send('Runtime.getHeapUsage');
  const probe = await page.evaluate(PROBE_READ) as ProbeCounts;
  // managedTextures lists the hash's values; a texture that was let go leaves a null there (PixiJS
  // compacts the hash at 10 000 of them), so only the non-null entries are textures.
  const pixi = await inApp<{ live: number; slots: number }>(page, '(() => { const all = scene.app.renderer.texture.managedTextures; return { live: all.filter(Boolean).length, slots: all.length }; })()');
  const rss = processRss(profileDir);
  const census = await page.evaluate(CENSUS) as Record<string, number>;
  return {
    census,
    phase,
    edits: d.edits,
    exports: d.exports,
    photos: d.photos,
    heapMb: (metrics['JSHeapUsedSize'] ?? usage.usedSize) / MB,
    arrayBuffersMb: usage.backingStorageSize / MB,
    domNodes: metrics['Nodes'] ?? 0,
    listeners: metrics['JSEventListeners'] ?? 0,
    pixiTextures: pixi.live,
    pixiSlots: pixi.slots,
    probe,
    rendererRssMb: rss?.renderer ?? null,
    gpuRssMb: rss?.gpu ?? null,
    seconds: (Date.now() - t0) / 1000,
  };
}

/** Elements in the document and under every element with an id. */
const CENSUS = `(() => {
  let nodes = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  const out = { '(attached nodes)': nodes + 1, '(document)': document.getElementsByTagName('*').length };
  for (const el of document.querySelectorAll('[id]')) out['#' + el.id] = el.getElementsByTagName('*').length;
  return out;
})()`;

/** Containers whose element count differs between two rows (innermost first is not attempted: every id is listed). */
function censusDiff(a: Row, b: Row): string {
  const keys = new Set([...Object.keys(a.census), ...Object.keys(b.census)]);
  keys.delete('(attached nodes)');
  const changed = [...keys].map((k) => [k, (b.census[k] ?? 0) - (a.census[k] ?? 0)] as const).filter(([, d]) => d !== 0);
  return changed.length === 0 ? 'no change' : changed.map(([k, d]) => `${k} ${d > 0 ? '+' : ''}${d}`).join(', ');
}

function table(rows: readonly Row[]): string {
  const head = ['phase', 'edits', 'exports', 'photos', 'heap MB', 'ArrayBuffer MB', 'GL textures', 'GL tex MB', 'Pixi textures', 'GL buffers', 'GL framebuffers', 'ImageBitmaps', 'object URLs', 'DOM nodes', 'not in tree', 'listeners', 'renderer RSS MB', 'GPU RSS MB', 't (s)'];
  const fmt = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits));
  const lines = rows.map((r) => [
    r.phase,
    String(r.edits),
    String(r.exports),
    String(r.photos),
    fmt(r.heapMb),
    fmt(r.arrayBuffersMb),
    String(r.probe.gl['texture']!.alive),
    fmt(r.probe.textureBytes / MB),
    String(r.pixiTextures),
    String(r.probe.gl['buffer']!.alive),
    String(r.probe.gl['framebuffer']!.alive),
    String(r.probe.bitmaps.alive),
    String(r.probe.objectUrls.alive),
    String(r.domNodes),
    String(r.domNodes - (r.census['(attached nodes)'] ?? 0)),
    String(r.listeners),
    fmt(r.rendererRssMb, 0),
    fmt(r.gpuRssMb, 0),
    fmt(r.seconds, 0),
  ]);
  const all = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...all.map((l) => l[i]!.length)));
  const row = (l: string[]): string => `| ${l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [row(head), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...lines.map(row)].join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  if (BUILD) {
    console.log(`building into ${OUT_DIR} …`);
    execFileSync('npx', ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  } else if (!existsSync(join(OUT_DIR, 'index.html'))) {
    throw new Error(`--no-build, but ${OUT_DIR} has no build; run without --no-build once`);
  }
  const server = await preview({ build: { outDir: OUT_DIR }, preview: { port: PORT, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
  const photoDir = join(tmpdir(), 'smp-soak-photos');
  await mkdir(photoDir, { recursive: true });
  const profileDir = await mkdtemp(join(tmpdir(), 'smp-soak-profile-'));
  let context: BrowserContext | null = null;
  try {
    const executablePath = chromiumPath();
    context = await chromium.launchPersistentContext(profileDir, {
      ...(executablePath ? { executablePath } : {}),
      headless: true,
      args: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      acceptDownloads: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('crash', () => pageErrors.push('the page crashed'));
    interceptFileChoosers(page);
    await page.addInitScript(PROBE_INIT_SCRIPT);
    await page.goto(`${ORIGIN}/`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 180_000 });
    await page.evaluate(WATCH_SCRIPT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const maxTexture = await inApp<number>(page, 'scene.maxTextureSize');
    const version = (await page.evaluate('navigator.userAgent') as string).match(/Chrome\/([\d.]+)/)?.[1] ?? '?';
    console.log(`Chromium ${version} (${executablePath ?? 'Playwright build'}), software WebGL (SwiftShader), max texture ${maxTexture}; ${TOTAL.edits} edits, ${TOTAL.exports} exports, ${TOTAL.photos} photo loads in ${TOTAL.rounds} rounds${QUICK ? ' (--quick)' : ''}`);

    const loadSizes = [BASE_SIZE, ...Array.from({ length: TOTAL.photos - 2 }, (_, i) => SIZES[i % SIZES.length]!), BASE_SIZE];
    const photoFor = (i: number): Promise<PhotoFile> => makePhoto(photoDir, i === loadSizes.length - 1 ? 0 : i, loadSizes[i]!, i === loadSizes.length - 1 ? 1 : i + 1);

    const d = new Driver(page);
    const t0 = Date.now();
    const rows: Row[] = [];
    const report = async (phase: string): Promise<void> => {
      const r = await measure(page, cdp, profileDir, phase, d, t0);
      rows.push(r);
      console.log(`  ${phase}: heap ${r.heapMb.toFixed(1)} MB, GL textures ${r.probe.gl['texture']!.alive}, Pixi textures ${r.pixiTextures}, DOM nodes ${r.domNodes} (${r.seconds.toFixed(0)} s)`);
    };
    await report('start (demo)');
    if (VIEWS_ONLY) return await soakViews(page, d, rows, report, photoDir, pageErrors);

    // Warm-up: the baseline photo, an area and a few edits, exports of both kinds.
    await d.doPhotos([await photoFor(0)]);
    await d.doEdits(WARM.edits);
    await d.doExports(WARM.exports);
    await report('warm-up');
    const base = rows[rows.length - 1]!;

    const edits = split(TOTAL.edits - WARM.edits, TOTAL.rounds);
    const exports = split(TOTAL.exports - WARM.exports, TOTAL.rounds);
    const photos = split(TOTAL.photos - WARM.photos, TOTAL.rounds);
    let next = 1;
    for (let r = 0; r < TOTAL.rounds; r++) {
      await d.doEdits(edits[r]!);
      await report(`round ${r + 1}: edits`);
      await d.doExports(exports[r]!);
      await report(`round ${r + 1}: exports`);
      const files: PhotoFile[] = [];
      for (let i = 0; i < photos[r]!; i++) files.push(await photoFor(next++));
      await d.doPhotos(files);
      await report(`round ${r + 1}: photos`);
    }
    // The end: the baseline photo is open again; downloads' object URLs are revoked after 40 s.
    await sleep(OBJECT_URL_SETTLE_MS);
    await report('end (+45 s idle)');
    const end = rows[rows.length - 1]!;

    console.log('');
    console.log(table(rows));
    console.log('');
    const errors = await page.evaluate('window.__soak.errors') as string[];
    const checks: [string, boolean][] = [
      [`JS heap after GC ${end.heapMb.toFixed(1)} MB ≤ ${BOUNDS.heapRatio} × warm-up ${base.heapMb.toFixed(1)} MB`, end.heapMb <= BOUNDS.heapRatio * base.heapMb],
      [`GL textures alive ${end.probe.gl['texture']!.alive} ≤ warm-up ${base.probe.gl['texture']!.alive} + ${BOUNDS.glTexturesExtra}`, end.probe.gl['texture']!.alive <= base.probe.gl['texture']!.alive + BOUNDS.glTexturesExtra],
      [`Pixi managed textures ${end.pixiTextures} ≤ warm-up ${base.pixiTextures} + ${BOUNDS.pixiTexturesExtra}`, end.pixiTextures <= base.pixiTextures + BOUNDS.pixiTexturesExtra],
      [`ImageBitmaps alive ${end.probe.bitmaps.alive} ≤ warm-up ${base.probe.bitmaps.alive} + ${BOUNDS.bitmapsExtra}`, end.probe.bitmaps.alive <= base.probe.bitmaps.alive + BOUNDS.bitmapsExtra],
      [`object URLs alive ${end.probe.objectUrls.alive} ≤ start ${rows[0]!.probe.objectUrls.alive} + ${BOUNDS.objectUrlsExtra} (downloads' URLs are revoked 40 s after each)`, end.probe.objectUrls.alive <= rows[0]!.probe.objectUrls.alive + BOUNDS.objectUrlsExtra],
      [`DOM nodes ${end.domNodes} ≤ ${BOUNDS.domNodesRatio} × warm-up ${base.domNodes}`, end.domNodes <= BOUNDS.domNodesRatio * base.domNodes],
      [`${d.edits} edits, ${d.exports} exports, ${d.photos} photo loads done (${TOTAL.edits}, ${TOTAL.exports}, ${TOTAL.photos} planned)`, d.edits === TOTAL.edits && d.exports === TOTAL.exports && d.photos === TOTAL.photos],
      [`edits that changed nothing: ${d.noOps.length}${d.noOps.length ? ` (${d.noOps.slice(0, 8).join(', ')})` : ''}`, d.noOps.length === 0],
      [`error messages shown: ${errors.length}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}`, errors.length === 0],
      [`page errors: ${pageErrors.length}${pageErrors.length ? ` (${pageErrors.slice(0, 3).join(' | ')})` : ''}`, pageErrors.length === 0],
    ];
    for (const [text, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
    const gl = end.probe.gl;
    console.log(`GL objects over the run: textures ${gl['texture']!.created} created, ${gl['texture']!.deleted} deleted, ${gl['texture']!.collected} collected without delete; framebuffers ${gl['framebuffer']!.created}/${gl['framebuffer']!.deleted}/${gl['framebuffer']!.collected}; buffers ${gl['buffer']!.created}/${gl['buffer']!.deleted}/${gl['buffer']!.collected}; ImageBitmaps ${end.probe.bitmaps.created} created, ${end.probe.bitmaps.closed} closed, ${end.probe.bitmaps.collected} collected unclosed; object URLs ${end.probe.objectUrls.created} created, ${end.probe.objectUrls.revoked} revoked; PixiJS texture hash ${end.pixiSlots} entries, ${end.pixiTextures} of them live.`);
    console.log(`attached elements, warm-up → end: ${censusDiff(base, end)}`);
    if (end.rendererRssMb !== null && base.rendererRssMb !== null && end.gpuRssMb !== null && base.gpuRssMb !== null) {
      console.log(`process memory (not in the verdict: allocators keep freed pages): renderer ${base.rendererRssMb.toFixed(0)} → ${end.rendererRssMb.toFixed(0)} MB, GPU process ${base.gpuRssMb.toFixed(0)} → ${end.gpuRssMb.toFixed(0)} MB; highest after warm-up ${Math.max(...rows.slice(rows.indexOf(base)).map((r) => r.rendererRssMb ?? 0)).toFixed(0)} and ${Math.max(...rows.slice(rows.indexOf(base)).map((r) => r.gpuRssMb ?? 0)).toFixed(0)} MB`);
    }
    const bounded = checks.every(([, ok]) => ok);
    console.log(`\nverdict: ${bounded ? 'BOUNDED' : 'NOT BOUNDED'} (${((Date.now() - t0) / 60000).toFixed(1)} min)`);
    console.log('');
    const viewsVerdict = await soakViews(page, d, rows, report, photoDir, pageErrors);
    return bounded && viewsVerdict === 0 ? 0 : 1;
  } finally {
    await context?.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await rm(profileDir, { recursive: true, force: true });
  }
}

/**
 * The views part: a design of VIEWS.count views on 24 MP photos, each view shown once as a warm-up,
 * then VIEWS.switches switches round the strip; the heap, GL and Pixi textures and ImageBitmaps at
 * the end against the warm-up, and the time a switch takes to its full photo.
 */
async function soakViews(page: Page, d: Driver, rows: Row[], report: (phase: string) => Promise<void>, photoDir: string, pageErrors: readonly string[]): Promise<number> {
  console.log(`views: ${VIEWS.count} views of ${VIEWS.widthPx} × ${VIEWS.heightPx} (${((VIEWS.widthPx * VIEWS.heightPx) / 1e6).toFixed(0)} MP), ${VIEWS.switches} switches`);
  await buildViews(page, d, await makeViewPhoto(page, photoDir));
  for (let i = 0; i < VIEWS.count; i++) await switchTo(page, i);
  await report('views: warm-up');
  const base = rows[rows.length - 1]!;
  const times: number[] = [];
  for (let k = 0; k < VIEWS.switches; k++) {
    const t = Date.now();
    await switchTo(page, k % VIEWS.count);
    times.push(Date.now() - t);
  }
  await report(`views: ${VIEWS.switches} switches`);
  const end = rows[rows.length - 1]!;
  times.sort((a, b) => a - b);
  console.log('');
  console.log(table(rows.slice(rows.indexOf(base))));
  console.log(`a switch to the full photo and its dots: median ${(times[times.length >> 1]! / 1000).toFixed(2)} s, slowest ${(times[times.length - 1]! / 1000).toFixed(2)} s`);
  const views = await inApp<number>(page, 'store.getState().document.views.length');
  const errors = (await page.evaluate('window.__soak.errors')) as string[];
  const checks: [string, boolean][] = [
    [`a design of ${views} views (${VIEWS.count} planned)`, views === VIEWS.count],
    [`JS heap after GC ${end.heapMb.toFixed(1)} MB ≤ ${BOUNDS.heapRatio} × views warm-up ${base.heapMb.toFixed(1)} MB`, end.heapMb <= BOUNDS.heapRatio * base.heapMb],
    [`GL textures alive ${end.probe.gl['texture']!.alive} ≤ views warm-up ${base.probe.gl['texture']!.alive} + ${BOUNDS.glTexturesExtra}`, end.probe.gl['texture']!.alive <= base.probe.gl['texture']!.alive + BOUNDS.glTexturesExtra],
    [`GL texture memory ${(end.probe.textureBytes / MB).toFixed(0)} MB ≤ views warm-up ${(base.probe.textureBytes / MB).toFixed(0)} MB + one 24 MP photo`, end.probe.textureBytes <= base.probe.textureBytes + VIEWS.widthPx * VIEWS.heightPx * 4],
    [`Pixi managed textures ${end.pixiTextures} ≤ views warm-up ${base.pixiTextures} + ${BOUNDS.pixiTexturesExtra}`, end.pixiTextures <= base.pixiTextures + BOUNDS.pixiTexturesExtra],
    [`ImageBitmaps alive ${end.probe.bitmaps.alive} ≤ views warm-up ${base.probe.bitmaps.alive} + ${BOUNDS.bitmapsExtra}`, end.probe.bitmaps.alive <= base.probe.bitmaps.alive + BOUNDS.bitmapsExtra],
    [`error messages shown: ${errors.length}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}`, errors.length === 0],
    [`page errors: ${pageErrors.length}${pageErrors.length ? ` (${pageErrors.slice(0, 3).join(' | ')})` : ''}`, pageErrors.length === 0],
  ];
  for (const [text, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  const bounded = checks.every(([, ok]) => ok);
  console.log(`\nviews verdict: ${bounded ? 'BOUNDED' : 'NOT BOUNDED'}`);
  return bounded ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
