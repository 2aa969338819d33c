/** The dot engine in the browser: generation in the worker, identical to the main thread's. */
import { expect, test } from '@playwright/test';
import { app, openApp } from './app.ts';

test('points are generated in the worker, and are the same as the main thread makes for the same seed', async ({ page }) => {
  await openApp(page);
  expect(await app<number>(page, 'dotsBridge.generatedInWorker')).toBeGreaterThanOrEqual(1);
  const same = await app<{ count: number; equal: boolean }>(
    page,
    `(async () => {
      const options = { seed: 987, widthCm: 12, heightCm: 9, maxDensityPerCm2: 160 };
      const fromWorker = (await dotsBridge.request(options)).data;
      const here = mainThread.packInstances(mainThread.generateRankedPoints(options));
      let equal = fromWorker.length === here.length;
      for (let i = 0; equal && i < here.length; i++) equal = fromWorker[i] === here[i];
      return { count: here.length / 4, equal };
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
      const b = dotsBridge.request({ seed: 2, widthCm: 10, heightCm: 10, maxDensityPerCm2: 160 }).then((r) => 'b ' + r.data.length / 4, (e) => 'b ' + e.name);
      return Promise.all([a, b]);
    })()`,
  );
  expect(outcome[0]).toBe('a AbortError');
  expect(outcome[1]).toMatch(/^b 1[56]\d{3}$/);
});
