/**
 * Records on the built app: a design file that re-opens pixel for pixel after a reload, the PDF
 * record's pages and text, the calendar, the caption band, autosave and recovery, the client
 * library, and a malformed file that leaves the design alone.
 */
import { expect, test, type Page } from '@playwright/test';
import { encode } from 'fast-png';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderScalpScene, fitPxPerCm } from '../../src/core/demo/scalpImage.ts';
import type { Design } from '../../src/core/document/types.ts';
import { app, chooseFile, download, drawArea, expectNoticeShown, exportPng, openApp, openStep, uploadFixture } from './app.ts';

async function typeClient(page: Page, name: string): Promise<void> {
  await openStep(page, 'Records');
  const field = page.getByLabel('Client name');
  await field.fill(name);
  await field.press('Tab');
  await expect.poll(() => app<string>(page, 'store.getState().design.client')).toBe(name);
}

async function openDesignFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await openStep(page, 'Records');
  await chooseFile(page, () => page.getByRole('button', { name: 'Open design' }).click(), { name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

test('a design on a client photo, saved and opened again after a reload, exports pixel for pixel the same', async ({ page }) => {
  const w = 1600;
  const h = 1200;
  const photo = renderScalpScene({ widthPx: w, heightPx: h, pxPerCm: fitPxPerCm(w, h), seed: 11 }).image;
  const png = encode({ width: w, height: h, data: new Uint8Array(photo.rgba.buffer), channels: 4 });
  await openApp(page);
  await uploadFixture(page, { fileName: 'client-top.png', mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: w, heightPx: h } });
  await expect.poll(() => app<number>(page, 'store.getState().design.photo.widthPx')).toBe(w);
  await page.getByRole('button', { name: 'Fit' }).click();
  await drawArea(page, [
    [600, 300],
    [1000, 300],
    [1050, 800],
    [550, 800],
  ]);
  await typeClient(page, 'Sam Lee');
  await page.getByRole('button', { name: 'Open aftercare plan' }).click();
  await expect(page.getByRole('dialog', { name: 'Aftercare plan' })).toContainText('For Sam Lee');
  await page.getByRole('button', { name: /^Remove “Keep your scalp dry( \(until [^)]+\))?” on / }).first().click();
  const before = (await exportPng(page)).image;
  const design = await app<Design>(page, 'store.getState().design');
  expect(design.aftercare.removed).toHaveLength(1);
  await expect(page.getByRole('status').filter({ hasText: /; 1 removed\. Open the plan/ })).toBeVisible();
  await page.getByRole('dialog', { name: 'Aftercare plan' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog', { name: 'Aftercare plan' })).toBeHidden();

  const saved = await download(page, () => page.getByRole('button', { name: 'Save design' }).click());
  expect(saved.name).toMatch(/^smp-sam-lee-\d{4}-\d{2}-\d{2}\.smpdesign$/);
  await page.reload();
  await openApp(page);
  // The reload recovered the autosave; open the file anyway, as on another machine.
  await openDesignFile(page, saved.name, saved.bytes);
  await expect(page.getByText(/^Opened smp-sam-lee-.*for Sam Lee\.$/)).toBeVisible();
  expect(await app<Design>(page, 'store.getState().design')).toEqual(design);
  const after = (await exportPng(page)).image;
  expect([after.width, after.height]).toEqual([before.width, before.height]);
  let differing = 0;
  for (let i = 0; i < before.data.length; i++) if (before.data[i] !== after.data[i]) differing++;
  expect(differing).toBe(0);
});

test('a malformed design file is refused with a sentence and the design stays as it was', async ({ page }) => {
  await openApp(page);
  const design = await app<Design>(page, 'store.getState().design');
  await openDesignFile(page, 'broken.smpdesign', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]));
  await expect(page.getByRole('alert')).toContainText('broken.smpdesign could not be opened');
  await expect(page.getByRole('alert')).toContainText('The design on screen is unchanged.');
  expect(await app<Design>(page, 'store.getState().design')).toEqual(design);
  await openDesignFile(page, 'photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]));
  expect(await app<Design>(page, 'store.getState().design')).toEqual(design);
});

test('the PDF record: pages, client, plan and dated aftercare, on A4 and on Letter', async ({ page }) => {
  await openApp(page);
  await typeClient(page, 'Zoë Müller');
  const design = await app<Design>(page, 'store.getState().design');
  for (const [paper, width, height] of [
    ['a4', 595.28, 841.89],
    ['letter', 612, 792],
  ] as const) {
    await page.getByRole('combobox', { name: 'Paper' }).selectOption(paper);
    const pdf = await download(page, () => page.getByRole('button', { name: 'Export PDF' }).click());
    expect(pdf.name).toMatch(/^smp-zoe-muller-\d{4}-\d{2}-\d{2}\.pdf$/);
    const doc = await getDocument({ data: pdf.bytes }).promise;
    expect(doc.numPages).toBeGreaterThanOrEqual(4);
    const first = await doc.getPage(1);
    const [, , pw, ph] = first.view;
    expect(pw).toBeCloseTo(width, 0);
    expect(ph).toBeCloseTo(height, 0);
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
    }
    console.log(`${paper}: ${doc.numPages} pages, ${text.length} characters of text`);
    expect(text).toContain('Client: Zoë Müller');
    expect(text).toContain('Session plan');
    expect(text).toContain('Aftercare plan');
    expect(text).toContain('Session by session, healed');
    expect(text).toMatch(/Area 1, hairline \/ full area: \d+\.\d cm², about [\d,]+ dots\./);
    // The first session's date heads its dated aftercare lines, and the keep-dry span ends 5 days later.
    const [y, m, d] = design.sessions[0]!.date!.split('-').map(Number) as [number, number, number];
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
    expect(text).toContain(`${d} ${month} ${y}`);
    const dryEnd = new Date(Date.UTC(y, m - 1, d + 5));
    expect(text).toContain(`Keep your scalp dry (until ${dryEnd.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][dryEnd.getUTCMonth()]} ${dryEnd.getUTCFullYear()})`);
    expect(text).toContain(`page ${doc.numPages} of ${doc.numPages}`);
  }
});

test('the calendar holds every session and a handful of dated aftercare milestones, not every line', async ({ page }) => {
  await openApp(page);
  await openStep(page, 'Records');
  const ics = await download(page, () => page.getByRole('button', { name: 'Export calendar' }).click());
  const cal = new ICAL.Component(ICAL.parse(new TextDecoder().decode(ics.bytes)));
  const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  const design = await app<Design>(page, 'store.getState().design');
  const sessions = events.filter((e) => /^SMP session \d/.test(e.summary));
  expect(sessions.map((e) => e.startDate.toString())).toEqual(design.sessions.map((s) => s.date));
  const lines = await app<number>(page, 'document.querySelectorAll("#aftercare-list li").length');
  // The sessions and a handful of milestones each (start preparing, keep dry, back to exercise),
  // plus the touch-up check: not every line of the plan.
  expect(events.length).toBe(design.sessions.length * 4 + 1);
  expect(events.length).toBeLessThan(lines / 2);
});

test('the caption band sits below the picture and leaves its pixels alone', async ({ page }) => {
  await openApp(page);
  await typeClient(page, 'Sam Lee');
  const plain = (await exportPng(page)).image;
  await page.getByRole('checkbox', { name: 'Caption band on exported PNGs' }).check();
  const captioned = (await exportPng(page)).image;
  expect(captioned.width).toBe(plain.width);
  const band = Math.max(40, Math.round(plain.width * 0.035));
  expect(captioned.height).toBe(plain.height + band);
  let differing = 0;
  for (let i = 0; i < plain.data.length; i++) if (plain.data[i] !== captioned.data[i]) differing++;
  expect(differing).toBe(0);
  // The band has dark text on white.
  let dark = 0;
  for (let i = plain.data.length; i < captioned.data.length; i += 4) if (captioned.data[i]! < 100) dark++;
  expect(dark).toBeGreaterThan(200);
});

test('autosave survives a reload; the library keeps, finds and deletes designs', async ({ page }) => {
  await openApp(page);
  await typeClient(page, 'Zoë Müller');
  await openStep(page, 'Design');
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill('77');
  await density.press('Enter');
  await expect(page.locator('body')).toHaveAttribute('data-autosaved', /.+/, { timeout: 10_000 });
  await page.reload();
  await openApp(page);
  await expectNoticeShown(page, /^Recovered the design you were working on/);
  expect(await app<{ c: string; d: number }>(page, '({ c: store.getState().design.client, d: store.getState().design.dots.densityPerCm2 })')).toEqual({ c: 'Zoë Müller', d: 77 });

  await openStep(page, 'Records');
  await page.getByRole('button', { name: 'Save to library' }).click();
  const kept = page.getByText(/^Kept “.*” for Zoë Müller in the library on this device\./);
  await expect(kept).toBeVisible();
  // The app asked the browser to keep its storage; where it would not, the notice says to keep a file too.
  const persistent = await page.evaluate(() => navigator.storage.persisted());
  expect((await kept.textContent())!.endsWith('keep a design file as well (Save design).')).toBe(!persistent);
  await typeClient(page, 'Sam Lee');
  await page.getByRole('button', { name: 'Save to library' }).click();
  await expect(page.getByText(/for Sam Lee in the library/)).toBeVisible();
  await page.getByRole('button', { name: 'Client library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Client library' });
  await expect(dialog.getByRole('status')).toHaveText('2 designs.');
  await dialog.getByLabel('Search clients and designs').fill('zoe');
  await expect(dialog.getByRole('button', { name: /^Open .* for Zoë Müller$/ })).toBeVisible();
  await dialog.getByLabel('Search clients and designs').fill('');
  await expect(dialog.getByRole('status')).toHaveText('2 designs.');
  page.once('dialog', (d) => void d.accept());
  await dialog.getByRole('button', { name: /^Delete .* for Sam Lee$/ }).click();
  await expect(dialog.getByRole('status')).toHaveText('1 design.');
  await dialog.getByRole('button', { name: /^Open .* for Zoë Müller$/ }).click();
  await expect.poll(() => app<string>(page, 'store.getState().design.client')).toBe('Zoë Müller');
});

test('an edit made just before the page is hidden or closed is kept: autosave does not wait then', async ({ page }) => {
  await openApp(page);
  const saved = await page.locator('body').getAttribute('data-autosaved');
  // Stop the page's clock: the quiet-interval timer of autosave cannot fire on its own now.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill('63');
  await density.press('Enter');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(63);
  // The tab goes to the background (or is being closed): the design is kept at once.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => page.locator('body').getAttribute('data-autosaved'), { timeout: 10_000 }).not.toBe(saved);
  await page.clock.resume();
  await page.reload();
  await openApp(page);
  await expectNoticeShown(page, /^Recovered the design you were working on/);
  expect(await app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(63);
});
