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

/** Opens the app (optionally with query parameters) and waits for the demo to be drawn. */
export async function openApp(page: Page, query = ''): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.waitForFunction(() => {
    const scene = (window as unknown as { __smp: { scene: { pointCount: number; stats: { frames: number; regenerations: number } } } }).__smp.scene;
    return scene.pointCount > 0 && scene.stats.frames > 0;
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(errors).toEqual([]);
}

/** Evaluates `fn` against the app's store/scene/editor handle. */
export async function app<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const { store, scene, editor, dotsBridge, mainThread } = window.__smp; return (${fn}); })()`) as Promise<T>;
}

/**
 * Changes the view and waits until the scene has drawn it. The frame count is read in the same
 * task as the change, so a frame drawn between two page calls cannot be missed.
 */
export async function setViewAndDraw(page: Page, view: Record<string, number | boolean>): Promise<void> {
  await app(
    page,
    `new Promise((done) => {
      const before = scene.stats.frames;
      store.setState({ view: { ...store.getState().view, ...${JSON.stringify(view)} } });
      scene.requestRender();
      const check = () => (scene.stats.frames > before ? done(0) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    })`,
  );
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

/** Uploads a fixture through the Upload photo button's file chooser. */
export async function uploadFixture(page: Page, f: PhotoFixture): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload photo' }).click();
  await (await chooser).setFiles({ name: f.fileName, mimeType: f.mimeType, buffer: Buffer.from(f.bytes) });
}

/** Screen position (page coordinates) of an image point in the current view. */
export async function toPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('#canvas-host').boundingBox();
  const view = await app<{ zoom: number; panX: number; panY: number }>(page, 'store.getState().view');
  return { x: box!.x + (x - view.panX) * view.zoom, y: box!.y + (y - view.panY) * view.zoom };
}
