/**
 * Photo import on the built app: upright EXIF photos, types sniffed from bytes, and every kind of
 * bad file answered with a sentence while the design on screen stays exactly as it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { buildPhotoFixtures, PATTERN_HEIGHT_PX, PATTERN_WIDTH_PX } from '../fixtures/photoFixtures.ts';
import { app, exportPng, openApp, uploadFixture } from './app.ts';

const fixtures = buildPhotoFixtures();

function pixel(img: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

function near(actual: number[], expected: number[], tolerance = 40): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance);
}

test('a phone portrait (EXIF orientation 6) shows upright and exports upright', async ({ page }) => {
  await openApp(page);
  await uploadFixture(page, fixtures.jpegExif6);
  await expect(page.getByText(/Opened pattern-exif6\.jpg/)).toBeVisible();
  const photo = await app<{ widthPx: number; heightPx: number; name: string }>(page, 'store.getState().design.photo');
  expect(photo).toMatchObject({ widthPx: PATTERN_HEIGHT_PX, heightPx: PATTERN_WIDTH_PX, name: 'pattern-exif6.jpg' });
  await expect(page.getByText('uncalibrated')).toBeVisible();
  const { image, name } = await exportPng(page);
  expect(name).toMatch(/^smp-pattern-exif6-\d{4}-\d{2}-\d{2}-\d{4}\.png$/);
  expect([image.width, image.height]).toEqual([PATTERN_HEIGHT_PX, PATTERN_WIDTH_PX]);
  // Stored red top-left turns to the top-right when the photo is turned 90° clockwise; blue comes to the top-left.
  expect(near(pixel(image, 8, 8), [0, 0, 255])).toBe(true);
  expect(near(pixel(image, PATTERN_HEIGHT_PX - 8, 8), [255, 0, 0])).toBe(true);
  expect(near(pixel(image, 8, PATTERN_WIDTH_PX - 8), [255, 255, 255])).toBe(true);
});

for (const name of ['png', 'pngNamedJpg', 'webp', 'webpExif6', 'jpegExif3', 'jpegExif8'] as const) {
  test(`opens ${fixtures[name].fileName} (type from the bytes, upright size)`, async ({ page }) => {
    await openApp(page);
    await uploadFixture(page, fixtures[name]);
    const f = fixtures[name].expected;
    const swap = f.orientation >= 5;
    await expect(page.getByText(new RegExp(`Opened ${fixtures[name].fileName.replace('.', '\\.')}`))).toBeVisible();
    const photo = await app<{ widthPx: number; heightPx: number }>(page, 'store.getState().design.photo');
    expect(photo).toMatchObject({ widthPx: swap ? f.heightPx : f.widthPx, heightPx: swap ? f.widthPx : f.heightPx });
  });
}

const BAD: readonly [keyof typeof fixtures, RegExp][] = [
  ['text', /not a photo|isn't a photo|not an image/i],
  ['textNamedJpg', /not a photo|isn't a photo|not an image/i],
  ['empty', /empty/i],
  ['jpegTruncated', /incomplete|cut off|truncated/i],
  ['jpegCorrupt', /damaged|corrupt/i],
  ['pngTruncated', /incomplete|cut off|truncated/i],
  ['heic', /HEIC/],
  ['avif', /AVIF/i],
  ['jpeg50mp', /50\.0 megapixels.*48 megapixels/],
];

test('bad files each get a plain sentence; the design stays intact and undo still works', async ({ page }) => {
  await openApp(page);
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill('120');
  await density.press('Enter');
  const before = await app<string>(page, 'JSON.stringify(store.getState().design)');
  for (const [name, sentence] of BAD) {
    await uploadFixture(page, fixtures[name]);
    const alert = page.getByRole('alert').filter({ hasText: sentence });
    await expect(alert, `message for ${name}`).toBeVisible();
    await alert.getByRole('button', { name: 'Dismiss message' }).click();
    expect(await app<string>(page, 'JSON.stringify(store.getState().design)'), `design after ${name}`).toBe(before);
  }
  expect(await app<number>(page, 'scene.pointCount')).toBeGreaterThan(50_000);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('slider', { name: 'Density (dots/cm²)' })).toHaveValue('100');
});

test('an absurd typed value is refused with its range and the design is unchanged', async ({ page }) => {
  await openApp(page);
  const before = await app<string>(page, 'JSON.stringify(store.getState().design)');
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill('100000');
  await density.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /Density must be between 10 and 150 dots\/cm²/ })).toBeVisible();
  // What was typed stays, marked, with the sentence and the value kept right below it.
  await expect(density).toHaveValue('100000');
  await expect(density).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/^Density must be between 10 and 150 dots\/cm²; 100000 is outside that\. The design is unchanged\. Still 100 dots\/cm²\.$/)).toBeInViewport();
  expect(await app<string>(page, 'JSON.stringify(store.getState().design)')).toBe(before);
});

/** Makes a DataTransfer holding one fixture file, inside the page. */
async function transferOf(page: Page, name: keyof typeof fixtures) {
  const f = fixtures[name];
  return page.evaluateHandle(
    ({ b64, fileName, type }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], fileName, { type }));
      return dt;
    },
    { b64: Buffer.from(f.bytes).toString('base64'), fileName: f.fileName, type: f.mimeType },
  );
}

test('a photo dropped on the canvas opens; a dropped text file is refused', async ({ page }) => {
  await openApp(page);
  const canvas = page.getByRole('application', { name: /Scalp photo/ });
  const text = await transferOf(page, 'text');
  await canvas.dispatchEvent('dragenter', { dataTransfer: text });
  await expect(page.getByText('Drop the photo to open it')).toBeVisible();
  await canvas.dispatchEvent('drop', { dataTransfer: text });
  await expect(page.getByRole('alert').filter({ hasText: /not a photo|isn't a photo|not an image/i })).toBeVisible();
  await expect(page.getByText('Drop the photo to open it')).toBeHidden();
  expect(await app<string>(page, 'store.getState().design.photo.name')).toBe('demo scalp');
  const png = await transferOf(page, 'png');
  await canvas.dispatchEvent('drop', { dataTransfer: png });
  await expect(page.getByText(/Opened pattern\.png/)).toBeVisible();
  expect(await app<number>(page, 'store.getState().design.photo.widthPx')).toBe(PATTERN_WIDTH_PX);
});

test('a pasted photo opens', async ({ page }) => {
  await openApp(page);
  const dt = await transferOf(page, 'jpeg');
  await page.evaluate((data) => window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })), dt);
  await expect(page.getByText(/Opened pattern\.jpg/)).toBeVisible();
  expect(await app<{ w: number; h: number }>(page, '({ w: store.getState().design.photo.widthPx, h: store.getState().design.photo.heightPx })')).toEqual({ w: PATTERN_WIDTH_PX, h: PATTERN_HEIGHT_PX });
});

test('an uploaded photo larger than the GPU limit is displayed from a smaller copy and exported at full size', async ({ page }) => {
  await openApp(page, '?maxTextureSize=48');
  await uploadFixture(page, fixtures.jpeg);
  await expect(page.getByText(/Opened pattern\.jpg/)).toBeVisible();
  const sizes = await app<number[]>(page, '[store.getState().photo.display.width, store.getState().photo.display.height, store.getState().photo.widthPx, store.getState().photo.heightPx]');
  expect(sizes).toEqual([48, 32, PATTERN_WIDTH_PX, PATTERN_HEIGHT_PX]);
  const { image } = await exportPng(page);
  expect([image.width, image.height]).toEqual([PATTERN_WIDTH_PX, PATTERN_HEIGHT_PX]);
  expect(near(pixel(image, 8, 8), [255, 0, 0])).toBe(true);
  expect(near(pixel(image, PATTERN_WIDTH_PX - 8, PATTERN_HEIGHT_PX - 8), [255, 255, 255])).toBe(true);
});
