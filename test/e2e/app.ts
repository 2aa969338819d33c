/**
 * Helpers for browser tests: open the app, read numbers from the store through the page, export
 * and decode the PNG. Controls are always found by role and accessible name.
 */
import { expect, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import type { PhotoFixture } from '../fixtures/photoFixtures.ts';

/** A decoded RGBA image. */
export interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Makes Playwright take over the page's file choosers from now on. Playwright turns interception on
 * only when a 'filechooser' listener is added, and without waiting for the browser to confirm it
 * (the client's subscription call is fire-and-forget). A key press sent right after
 * `waitForEvent('filechooser')` can reach the page first: the browser then opens its own chooser,
 * which headless Chromium cancels, and the test waits for an event that never comes. A click hides
 * the race behind its actionability round trips; Enter on a focused button does not. Subscribing
 * before the page loads removes the race.
 */
export function interceptFileChoosers(page: Page): void {
  page.on('filechooser', () => {});
}

/** Opens the app (optionally with query parameters) and waits for the demo to be drawn. */
/** The steps of the side panel, by the names of their tabs. */
export type StepName = 'Photo' | 'Scale' | 'Design' | 'Plan' | 'Show' | 'Records';

/** Opens a step of the side panel by its tab, as a user would, and waits for its page. */
export async function openStep(page: Page, step: StepName): Promise<void> {
  const tab = page.getByRole('tab', { name: step });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: step })).toBeVisible();
}

/** Unfolds a folded section of the side panel (its summary names it) if it is folded. */
export async function unfold(page: Page, section: string): Promise<void> {
  const summary = page.locator('summary', { hasText: section });
  if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click();
}

/** Pages that keep a log of their notices (see recordNotices). */
const noticeLogs = new WeakSet<Page>();

/**
 * From the page's next load on, every notice text it shows is kept in window.__noticesSeen, so a
 * notice that fades (info notices do after a few seconds) is still seen however slowly the test
 * machine gets to look.
 */
async function recordNotices(page: Page): Promise<void> {
  if (noticeLogs.has(page)) return;
  noticeLogs.add(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __noticesSeen: seen });
    new MutationObserver(() => {
      for (const p of document.querySelectorAll('#notices p')) {
        const text = p.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** Waits until the page has shown a notice matching `pattern` since it was loaded, even if it has faded since. */
export async function expectNoticeShown(page: Page, pattern: RegExp): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __noticesSeen?: string[] }).__noticesSeen ?? [])).toContainEqual(expect.stringMatching(pattern));
}

export async function openApp(page: Page, query = ''): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  interceptFileChoosers(page);
  await recordNotices(page);
  await page.goto(`/${query}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.waitForFunction(() => {
    const scene = (window as unknown as { __smp: { scene: { pointCount: number; stats: { frames: number; regenerations: number } } } }).__smp.scene;
    return scene.pointCount > 0 && scene.stats.frames > 0;
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(errors).toEqual([]);
}

/** Page-side expression: a promise that resolves once the scene has drawn a frame past the count in `frames`. */
const FRAME_AFTER = (frames: string): string => `new Promise((done) => { const check = () => (scene.stats.frames > ${frames} ? done(0) : requestAnimationFrame(check)); requestAnimationFrame(check); })`;

/** Evaluates `fn` against the app's store/scene/editor handle. */
export async function app<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const { store, scene, editor, dotsBridge, faces, mainThread } = window.__smp; return (${fn}); })()`) as Promise<T>;
}

/**
 * Changes the view and waits until the scene has drawn it. The frame count is read in the same
 * task as the change, so a frame drawn between two page calls cannot be missed.
 */
export async function setViewAndDraw(page: Page, view: Record<string, number | boolean>): Promise<void> {
  await app(
    page,
    `(() => {
      const before = scene.stats.frames;
      store.setState({ view: { ...store.getState().view, ...${JSON.stringify(view)} } });
      scene.requestRender();
      return ${FRAME_AFTER('before')};
    })()`,
  );
}

/**
 * Waits until the scene has caught up with the store: the point set the current design asks for is
 * on the GPU (a failed generation rejects here) and a frame has been drawn after it.
 */
export async function settle(page: Page): Promise<void> {
  await app(
    page,
    `(async () => {
      await scene.whenPointsReady();
      const frames = scene.stats.frames;
      scene.requestRender();
      await ${FRAME_AFTER('frames')};
    })()`,
  );
}

/** Runs `click`, which starts a download, and returns the saved file's name and bytes. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const pending = page.waitForEvent('download', { timeout: 110_000 });
  await click();
  const d = await pending;
  const { readFile } = await import('node:fs/promises');
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile(await d.path())) };
}

/** Clicks Export PNG and returns the saved file's name and decoded pixels. */
export async function exportPng(page: Page): Promise<{ name: string; image: Rgba }> {
  const download = page.waitForEvent('download', { timeout: 110_000 });
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const d = await download;
  const path = await d.path();
  const { readFile } = await import('node:fs/promises');
  const png = decode(await readFile(path));
  expect(png.channels).toBeGreaterThanOrEqual(3);
  const data = new Uint8Array(png.width * png.height * 4);
  const src = png.data;
  for (let i = 0, j = 0; i < png.width * png.height; i++, j += png.channels) {
    data[i * 4] = src[j]!;
    data[i * 4 + 1] = src[j + 1]!;
    data[i * 4 + 2] = src[j + 2]!;
    data[i * 4 + 3] = png.channels === 4 ? src[j + 3]! : 255;
  }
  return { name: d.suggestedFilename(), image: { width: png.width, height: png.height, data } };
}

/** The current photo's full-resolution RGBA as the app holds it (generated photos only). */
export async function photoRgba(page: Page): Promise<Rgba> {
  const b64 = await app<string>(
    page,
    `(() => { const p = store.getState().photo; let s = ''; const a = p.rgba; for (let i = 0; i < a.length; i += 32768) s += String.fromCharCode.apply(null, a.subarray(i, i + 32768)); return p.widthPx + ',' + p.heightPx + ',' + btoa(s); })()`,
  );
  const [w, h, data] = b64.split(',');
  return { width: Number(w), height: Number(h), data: new Uint8Array(Buffer.from(data!, 'base64')) };
}

/** A file handed to a file chooser: a path, or a name, type and bytes. */
export type ChosenFile = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Opens a file chooser with `open` (a click or a key press) and gives it `file`. The page must have
 * been opened with openApp, which makes the chooser Playwright's before anything can open one.
 */
export async function chooseFile(page: Page, open: () => Promise<void>, file: ChosenFile): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await open();
  await (await chooser).setFiles(file);
}

/** Uploads a fixture through the Upload photo button's file chooser. */
export async function uploadFixture(page: Page, f: PhotoFixture): Promise<void> {
  await chooseFile(page, () => page.getByRole('button', { name: 'Upload photo' }).click(), { name: f.fileName, mimeType: f.mimeType, buffer: Buffer.from(f.bytes) });
}

/** Screen position (page coordinates) of an image point in the current view. */
export async function toPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('#canvas-host').boundingBox();
  const view = await app<{ zoom: number; panX: number; panY: number }>(page, 'store.getState().view');
  return { x: box!.x + (x - view.panX) * view.zoom, y: box!.y + (y - view.panY) * view.zoom };
}

/**
 * Loses the WebGL context (WEBGL_lose_context) and returns once the loss has been handled: the
 * event's dispatch, in which PixiJS marks the context restorable, ends before the next task.
 */
export async function loseContext(page: Page): Promise<void> {
  await app(
    page,
    `(async () => {
      const ext = scene.app.renderer.gl.getExtension('WEBGL_lose_context');
      const lost = new Promise((r) => scene.app.canvas.addEventListener('webglcontextlost', r, { once: true }));
      ext.loseContext();
      await lost;
      await new Promise((r) => setTimeout(r, 0));
      window.__loseContextExt = ext;
    })()`,
  );
}

/** Restores a context lost by loseContext; returns once the scene has drawn a frame on the new one. */
export async function restoreContext(page: Page): Promise<number> {
  return app<number>(
    page,
    `(async () => {
      const restores = scene.stats.contextRestores;
      const restored = new Promise((r) => scene.app.canvas.addEventListener('webglcontextrestored', r, { once: true }));
      window.__loseContextExt.restoreContext();
      await restored;
      const frames = scene.stats.frames;
      await ${FRAME_AFTER('frames')};
      return scene.stats.contextRestores - restores;
    })()`,
  );
}

/** Sets Placement to 0 % (even) by keyboard, so that dots counted from pixels never touch. */
export async function setEvenPlacement(page: Page): Promise<void> {
  await openStep(page, 'Design');
  const placement = page.getByRole('slider', { name: 'Placement (% from even to natural)' });
  await placement.focus();
  await placement.press('Home');
  await expect(placement).toHaveValue('0');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.placementPercent')).toBe(0);
}

/** Draws an area with the Draw area tool through `points` (image px), closed with Enter. */
export async function drawArea(page: Page, points: readonly (readonly [number, number])[]): Promise<void> {
  await page.getByRole('button', { name: 'Draw area' }).click();
  for (const [x, y] of points) {
    const p = await toPage(page, x, y);
    await page.mouse.click(p.x, p.y);
  }
  await page.keyboard.press('Enter');
}
