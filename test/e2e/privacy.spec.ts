/**
 * Offline and private by construction, on the built app: after the first visit the app starts and
 * exports with the network off; no request leaves the page's origin through a whole consultation;
 * the Content-Security-Policy allows no remote origin and no eval, and nothing violates it.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { app, exportPng, openApp, openStep } from './app.ts';

/** Records every CSP violation the page reports. */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(`window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`);
}

test('the Content-Security-Policy allows no remote origin and no eval', async () => {
  const html = await readFile(new URL('../../dist/index.html', import.meta.url), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  expect(csp).toBeDefined();
  const directives = Object.fromEntries(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['script-src']).toEqual(["'self'"]);
  for (const [name, values] of Object.entries(directives)) {
    for (const v of values as string[]) {
      expect(v, `${name} ${v}`).not.toMatch(/^https?:|^\*|unsafe-eval|wasm-unsafe-eval/);
    }
  }
});

test('a whole consultation makes no request outside the origin and breaks no CSP rule', async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${baseURL}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) outside.push(url);
  });
  await watchCsp(page);
  await openApp(page);
  await openStep(page, 'Records');
  await page.getByLabel('Client name').fill('Sam Lee');
  await page.getByLabel('Client name').press('Tab');
  await openStep(page, 'Design');
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill('80');
  await density.press('Enter');
  await exportPng(page);
  await openStep(page, 'Records');
  for (const name of ['Export PDF', 'Export calendar', 'Save design']) {
    const download = page.waitForEvent('download', { timeout: 110_000 });
    await page.getByRole('button', { name, exact: true }).click();
    await download;
  }
  await page.getByRole('button', { name: 'Save to library' }).click();
  await expect(page.getByText(/in the library on this device/)).toBeVisible();
  expect(outside).toEqual([]);
  expect(await app<string[]>(page, 'window.__cspViolations')).toEqual([]);
});

test('after the first visit the app starts, draws and exports with the network off', async ({ page, context }) => {
  await openApp(page);
  await expect(page.locator('body')).toHaveAttribute('data-offline-ready', 'true', { timeout: 60_000 });
  await page.evaluate('navigator.serviceWorker.ready');
  await context.setOffline(true);
  await page.reload();
  await openApp(page);
  expect(await app<boolean>(page, '!!navigator.serviceWorker.controller')).toBe(true);
  expect(await app<number>(page, 'scene.pointCount')).toBeGreaterThan(50_000);
  const { image } = await exportPng(page);
  expect([image.width, image.height]).toEqual([2000, 1500]);
  // The face model was never loaded online; it comes from the precache: the demo's top view is read, and has no face.
  await openStep(page, 'Scale');
  await page.getByRole('button', { name: 'Read the face' }).click();
  await expect(page.locator('#face-reading')).toContainText('No face was found in this photo.', { timeout: 120_000 });
  await context.setOffline(false);
});
