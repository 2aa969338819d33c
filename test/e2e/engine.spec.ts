/** The dot engine in the browser: generation in the worker, identical to the main thread's. */
import { expect, test } from '@playwright/test';
import { app, exportPng, loseContext, openApp, restoreContext } from './app.ts';

test('points are generated in the worker, and are the same as the main thread makes for the same seed', async ({ page }) => {
  await openApp(page);
  expect(await app<number>(page, 'dotsBridge.generatedInWorker')).toBeGreaterThanOrEqual(1);
  const same = await app<{ count: number; equal: boolean }>(
    page,
    `(async () => {
      const options = { seed: 987, widthCm: 12, heightCm: 9, maxDensityPerCm2: 160 };
      const fromWorker = (await dotsBridge.request(options)).data;
      const here = mainThread.packDots(mainThread.generateRankedPoints(options), options);
      let equal = fromWorker.length === here.length;
      for (let i = 0; equal && i < here.length; i++) equal = fromWorker[i] === here[i];
      return { count: here.length / 6, equal };
    })()`,
  );
  expect(same.count).toBeGreaterThan(16_000);
  expect(same.equal).toBe(true);
});

test('a newer request supersedes an older one, which rejects as aborted', async ({ page }) => {
  await openApp(page);
  const outcome = await app<string[]>(
    page,
    `(async () => {
      const a = dotsBridge.request({ seed: 1, widthCm: 10, heightCm: 10, maxDensityPerCm2: 160 }).then(() => 'a done', (e) => 'a ' + e.name);
      const b = dotsBridge.request({ seed: 2, widthCm: 10, heightCm: 10, maxDensityPerCm2: 160 }).then((r) => 'b ' + r.data.length / 6, (e) => 'b ' + e.name);
      return Promise.all([a, b]);
    })()`,
  );
  expect(outcome[0]).toBe('a AbortError');
  expect(outcome[1]).toMatch(/^b 1[56]\d{3}$/);
});

test('after the WebGL context is lost and restored, the scene comes back and export still works', async ({ page }) => {
  await openApp(page);
  const before = await exportPng(page);
  await loseContext(page);
  const restores = await restoreContext(page);
  expect(restores).toBe(1);
  const after = await exportPng(page);
  expect([after.image.width, after.image.height]).toEqual([before.image.width, before.image.height]);
  let differing = 0;
  for (let i = 0; i < before.image.data.length; i++) if (before.image.data[i] !== after.image.data[i]) differing++;
  expect(differing).toBe(0);
  // The preview is drawn again: the canvas is not blank after the restore.
  const shot = await page.locator('#canvas-host canvas').screenshot();
  const { decode } = await import('fast-png');
  const img = decode(shot);
  let lit = 0;
  for (let i = 0; i < img.width * img.height; i++) if (img.data[i * img.channels]! > 120) lit++;
  expect(lit / (img.width * img.height)).toBeGreaterThan(0.2);
});

test('without WebGL the page says so in a sentence instead of staying blank', async ({ playwright, baseURL }, testInfo) => {
  const launch = testInfo.project.use.launchOptions ?? {};
  const browser = await playwright.chromium.launch({
    ...launch,
    args: [...(launch.args ?? []).filter((a) => !/swiftshader|use-gl|use-angle/.test(a)), '--disable-webgl', '--disable-3d-apis'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(baseURL ?? '/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The design view cannot start', { timeout: 60_000 });
    await expect(alert).toContainText(/WebGL/);
    await expect(page.getByRole('button', { name: 'Upload photo' })).toBeVisible();
  } finally {
    await browser.close();
  }
});

test('export shows a moving progress bar and can be cancelled, leaving the design as it was', async ({ page }) => {
  await openApp(page, '?maxTextureSize=256');
  const before = await app<string>(page, 'JSON.stringify(store.getState().design)');
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const bar = page.getByRole('progressbar', { name: 'Progress' });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0.05);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Export cancelled. The design is unchanged.')).toBeVisible();
  await expect(bar).toBeHidden();
  expect(downloaded).toBe(false);
  expect(await app<string>(page, 'JSON.stringify(store.getState().design)')).toBe(before);
  // A new export after the cancel still works.
  const { image } = await exportPng(page);
  expect([image.width, image.height]).toEqual([2000, 1500]);
});
