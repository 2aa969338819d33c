/**
 * One design, several views, on the built app: a top photo and a front photo in one design, each
 * drawn and exported, the PDF with both views, presentation stepping across them, and the design
 * file opened again giving every view's export pixel for pixel.
 */
import { expect, test, type Page } from '@playwright/test';
import { encode } from 'fast-png';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DesignDocument } from '../../src/core/document/types.ts';
import { app, chooseFile, download, drawArea, exportPng, openApp, openStep, uploadFixture, type Rgba } from './app.ts';

/** Values of two exports that differ. */
function differing(a: Rgba, b: Rgba): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) n++;
  return n;
}

/** Shows view `n` (1-based) from the view strip, and waits for its full photo. */
async function showViewNumber(page: Page, n: number): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^View ${n} of `) }).click();
  await expect.poll(() => app<boolean>(page, `(() => { const s = store.getState(); return s.viewIndex === ${n - 1} && !!(s.photo.original || s.photo.rgba); })()`)).toBe(true);
}

test('a top photo and a front photo in one design: each drawn and exported, the PDF with both, presentation across them, and the file re-opened pixel for pixel', async ({ page }) => {
  // Two photos drawn, four exports, a PDF of both views and a reload: longer than one view's tests.
  test.setTimeout(480_000);
  const { renderScalpScene, fitPxPerCm } = await import('../../src/core/demo/scalpImage.ts');
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const [tw, th] = [1600, 1200];
  const top = renderScalpScene({ widthPx: tw, heightPx: th, pxPerCm: fitPxPerCm(tw, th), seed: 11 }).image;
  const [fw, fh] = [900, 1125];
  const front = renderFaceScene({ widthPx: fw, heightPx: fh, pxPerCm: 32, seed: 21 }).image;
  await openApp(page);
  await uploadFixture(page, { fileName: 'client-top.png', mimeType: 'image/png', bytes: encode({ width: tw, height: th, data: new Uint8Array(top.rgba.buffer), channels: 4 }), expected: { type: 'png', widthPx: tw, heightPx: th } });
  await expect.poll(() => app<number>(page, 'store.getState().design.photo.widthPx')).toBe(tw);
  await page.getByRole('button', { name: 'Fit' }).click();
  await drawArea(page, [
    [600, 300],
    [1000, 300],
    [1050, 800],
    [550, 800],
  ]);
  // The first view is the top of the head.
  await openStep(page, 'Photo');
  await page.getByLabel('Side this view shows').selectOption({ label: 'Top' });

  // A second view: the front photo, drawn on too.
  await chooseFile(page, () => page.getByRole('button', { name: '+ Add view' }).click(), { name: 'client-front.png', mimeType: 'image/png', buffer: Buffer.from(encode({ width: fw, height: fh, data: new Uint8Array(front.rgba.buffer), channels: 4 })) });
  await expect.poll(() => app<number>(page, 'store.getState().document.views.length')).toBe(2);
  await expect(page.getByRole('button', { name: /^View 2 of 2: Front, no areas$/ })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Fit' }).click();
  await drawArea(page, [
    [250, 150],
    [650, 150],
    [640, 420],
    [260, 420],
  ]);
  await expect(page.getByRole('button', { name: /^View 2 of 2: Front, 1 area$/ })).toBeVisible();
  const doc = await app<DesignDocument>(page, 'store.getState().document');
  expect(doc.views.map((v) => [v.name, v.photo.widthPx, v.areas.length])).toEqual([
    ['top', tw, 1],
    ['front', fw, 1],
  ]);
  // Each view keeps its own seed.
  expect(doc.views[0]!.seed).not.toBe(doc.views[1]!.seed);

  // Each view exports at its own size.
  const frontPng = (await exportPng(page)).image;
  expect([frontPng.width, frontPng.height]).toEqual([fw, fh]);
  await showViewNumber(page, 1);
  const topPng = (await exportPng(page)).image;
  expect([topPng.width, topPng.height]).toEqual([tw, th]);

  // The areas list counts every view and the totals.
  await openStep(page, 'Scale');
  await expect(page.locator('#area-total')).toContainText(/^This view: \d+\.\d cm², about [\d,]+ dots\. Top \d+\.\d cm², about [\d,]+ dots; Front \d+\.\d cm², about [\d,]+ dots\. All 2 views: \d+\.\d cm², about [\d,]+ dots \(where two views show the same skin/);

  // Presentation steps through the sessions and on into the next view.
  await page.getByRole('button', { name: 'Present' }).click();
  const views = page.getByRole('group', { name: 'Views of the head' });
  await expect(views.getByRole('button', { name: 'Top' })).toHaveAttribute('aria-pressed', 'true');
  const sessions = doc.sessions.length;
  await page.getByRole('button', { name: 'Before', exact: true }).click();
  for (let k = 0; k < sessions; k++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('button', { name: `Session ${sessions}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(views.getByRole('button', { name: 'Top' })).toHaveAttribute('aria-pressed', 'true');
  // Past the last session: the next view, from Before.
  await page.keyboard.press('ArrowRight');
  await expect(views.getByRole('button', { name: 'Front' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Before', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(views.getByRole('button', { name: 'Top' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');

  // The PDF has both views.
  await openStep(page, 'Records');
  const pdf = await download(page, () => page.getByRole('button', { name: 'Export PDF' }).click());
  const record = await getDocument({ data: pdf.bytes }).promise;
  let text = '';
  for (let i = 1; i <= record.numPages; i++) text += `${(await (await record.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  console.log(`PDF of 2 views: ${record.numPages} pages`);
  expect(text).toContain('2 views of the head: Top, Front.');
  expect(text).toContain('View 1 of 2: Top');
  expect(text).toContain('View 2 of 2: Front');
  expect(text).toContain('Photo: client-top.png, 1600 × 1200 px');
  expect(text).toContain('Photo: client-front.png, 900 × 1125 px');
  expect(text).toMatch(/All 2 views: \d+\.\d cm², about [\d,]+ dots/);
  // The PDF left the view on screen as it was.
  expect(await app<number>(page, 'store.getState().viewIndex')).toBe(0);

  // Saved and opened again: every view's export is the same, value for value.
  const saved = await download(page, () => page.getByRole('button', { name: 'Save design' }).click());
  await page.reload();
  await openApp(page);
  await openStep(page, 'Records');
  await chooseFile(page, () => page.getByRole('button', { name: 'Open design' }).click(), { name: saved.name, mimeType: 'application/zip', buffer: Buffer.from(saved.bytes) });
  await expect(page.getByText(/^Opened .*, 2 views\.$/)).toBeVisible();
  expect(await app<DesignDocument>(page, 'store.getState().document')).toEqual(doc);
  await page.getByRole('button', { name: 'Fit' }).click();
  const topAgain = (await exportPng(page)).image;
  expect(differing(topAgain, topPng)).toBe(0);
  await showViewNumber(page, 2);
  const frontAgain = (await exportPng(page)).image;
  expect(differing(frontAgain, frontPng)).toBe(0);
  console.log(`re-opened: 0 differing values in ${topPng.data.length + frontPng.data.length} values of both views' exports`);
});

test('the Views panel names, moves and deletes views, each one undo step, and the strip follows', async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const [fw, fh] = [600, 750];
  const front = renderFaceScene({ widthPx: fw, heightPx: fh, pxPerCm: 21, seed: 5 }).image;
  await openApp(page);
  await chooseFile(page, () => page.getByRole('button', { name: '+ Add view' }).click(), { name: 'side.png', mimeType: 'image/png', buffer: Buffer.from(encode({ width: fw, height: fh, data: new Uint8Array(front.rgba.buffer), channels: 4 })) });
  await expect.poll(() => app<number>(page, 'store.getState().document.views.length')).toBe(2);
  await openStep(page, 'Photo');
  const strip = page.getByRole('navigation', { name: 'Views of the head' });
  await page.getByLabel('Side this view shows').selectOption({ label: 'Left side' });
  const name = page.getByLabel('Own name for this view (optional)');
  await name.fill('Left temple, close');
  await name.press('Tab');
  await expect(strip.getByRole('button', { name: /^View 2 of 2: Left temple, close, no areas$/ })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Move earlier' }).click();
  await expect(strip.getByRole('button', { name: /^View 1 of 2: Left temple, close/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Move earlier' })).toBeDisabled();
  await page.getByRole('button', { name: 'Delete this view' }).click();
  await expect(strip.getByRole('button', { name: /^View \d of/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Delete this view' })).toBeDisabled();
  // Adding, the side, the name, the move and the delete: five steps; Undo takes back the last three.
  expect(await app<number>(page, 'store.getState().history.past.length')).toBe(5);
  for (let k = 0; k < 3; k++) await page.getByRole('button', { name: 'Undo' }).click();
  await expect(strip.getByRole('button', { name: /^View \d of/ })).toHaveCount(2);
  expect(await app<string[]>(page, 'store.getState().document.views.map((v) => v.name + ":" + v.label)')).toEqual(['top:', 'left:']);
});

test('Upload over a design of several views asks first: No keeps every view, Yes starts a new design', async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const [fw, fh] = [600, 750];
  const face = renderFaceScene({ widthPx: fw, heightPx: fh, pxPerCm: 21, seed: 5 }).image;
  const png = Buffer.from(encode({ width: fw, height: fh, data: new Uint8Array(face.rgba.buffer), channels: 4 }));
  await openApp(page);
  await chooseFile(page, () => page.getByRole('button', { name: '+ Add view' }).click(), { name: 'front.png', mimeType: 'image/png', buffer: png });
  await expect.poll(() => app<number>(page, 'store.getState().document.views.length')).toBe(2);
  const questions: string[] = [];
  page.once('dialog', (d) => {
    questions.push(d.message());
    void d.dismiss();
  });
  await chooseFile(page, () => page.getByRole('button', { name: 'Upload photo' }).first().click(), { name: 'new-client.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByText('The photo was not opened: the design of 2 views is as it was. Add view adds a photo to it.')).toBeVisible();
  expect(questions).toEqual(['This design has 2 views. The photo starts a new design in its place, and Undo cannot bring the views back. To add the photo to this design instead, use Add view. Start a new design?']);
  expect(await app<number>(page, 'store.getState().document.views.length')).toBe(2);
  expect(await app<number>(page, 'store.getState().history.past.length')).toBe(1);
  page.once('dialog', (d) => void d.accept());
  await chooseFile(page, () => page.getByRole('button', { name: 'Upload photo' }).first().click(), { name: 'new-client.png', mimeType: 'image/png', buffer: png });
  await expect.poll(() => app<string>(page, 'store.getState().design.photo.name')).toBe('new-client.png');
  expect(await app<number>(page, 'store.getState().document.views.length')).toBe(1);
});
