/**
 * Resilience on the built app: the error boundary shows an unexpected failure and saves the
 * design; the GPU context lost while editing and while exporting; a device whose textures stop at
 * 4096 px.
 */
import { expect, test, type Page } from '@playwright/test';
import { makePng, patternColour } from '../fixtures/photoFixtures.ts';
import type { Design } from '../../src/core/document/types.ts';
import { app, exportPng, loseContext, openApp, openStep, restoreContext, uploadFixture } from './app.ts';

async function setDensity(page: Page, value: number): Promise<void> {
  await openStep(page, 'Design');
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill(String(value));
  await density.press('Enter');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(value);
}

test('an unexpected failure is shown with a Save design button; the design and undo survive it', async ({ page }) => {
  await openApp(page);
  await setDensity(page, 70);
  const design = await app<Design>(page, 'store.getState().design');
  await page.evaluate("setTimeout(() => { throw new Error('a handler broke') }, 0)");
  const banner = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Save design to a file now' }) });
  await expect(banner).toContainText('Something went wrong: a handler broke.');
  await expect(banner).toContainText('Your design (1 area, 3 sessions) is still here');
  await page.evaluate("setTimeout(() => { Promise.reject(new Error('a promise broke')); }, 0)");
  await expect(banner).toContainText('Something went wrong: a promise broke.');
  await expect(banner).toContainText('(2 errors so far.)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save design to a file now' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.smpdesign$/);
  expect(await app<Design>(page, 'store.getState().design')).toEqual(design);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(100);
});

test('edits made while the GPU context is lost are drawn and exported once it returns', async ({ page }) => {
  await openApp(page);
  await setDensity(page, 70);
  const expected = (await exportPng(page)).image;
  await setDensity(page, 100);
  await loseContext(page);
  await setDensity(page, 70);
  expect(await restoreContext(page)).toBe(1);
  const after = (await exportPng(page)).image;
  let differing = 0;
  for (let i = 0; i < expected.data.length; i++) if (expected.data[i] !== after.data[i]) differing++;
  expect(differing).toBe(0);
});

test('a GPU context lost during an export ends it with a sentence; the next export works', async ({ page }) => {
  await openApp(page, '?maxTextureSize=1024');
  const design = await app<Design>(page, 'store.getState().design');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  await expect(page.getByText(/^Rendering tile [1-9] of \d+$/)).toBeVisible();
  await loseContext(page);
  await expect(page.getByRole('alert')).toContainText('The export failed');
  await expect(page.getByRole('alert')).toContainText('The design is unchanged');
  expect(await app<Design>(page, 'store.getState().design')).toEqual(design);
  expect(await restoreContext(page)).toBe(1);
  const { image } = await exportPng(page);
  expect([image.width, image.height]).toEqual([2000, 1500]);
});

test('on a device with 4096 px textures a larger photo is shown from a copy and exported whole', async ({ page }) => {
  const w = 5200;
  const h = 3000;
  await openApp(page, '?maxTextureSize=4096');
  await uploadFixture(page, { fileName: 'large.png', mimeType: 'image/png', bytes: makePng(w, h), expected: { type: 'png', widthPx: w, heightPx: h } });
  await expect.poll(() => app<number>(page, 'store.getState().design.photo.widthPx'), { timeout: 60_000 }).toBe(w);
  const info = await app<{ max: number; dw: number; dh: number }>(page, '({ max: scene.maxTextureSize, dw: store.getState().photo.display.width, dh: store.getState().photo.display.height })');
  expect(info.max).toBe(4096);
  expect(Math.max(info.dw, info.dh)).toBeLessThanOrEqual(4096);
  const { image } = await exportPng(page);
  expect([image.width, image.height]).toEqual([w, h]);
  // No area yet: the export is the photo, at full resolution (checked at a grid of points).
  for (const [x, y] of [
    [0, 0],
    [4097, 10],
    [5199, 2999],
    [2600, 1500],
  ] as const) {
    const c = patternColour(x, y, w, h);
    const i = (y * w + x) * 4;
    expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([...c]);
  }
});
