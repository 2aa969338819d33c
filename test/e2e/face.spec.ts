/**
 * Reading the face on the device: a generated front photo of known scale, read, used and drawn
 * on; a top photo that has no face. Every request stays on the app's origin.
 */
import { expect, test } from '@playwright/test';
import type { Design } from '../../src/core/document/types.ts';
import { app, exportPng, openApp, openStep, uploadFixture } from './app.ts';
import { luma } from './analysis.ts';

const READ_TIMEOUT = 120_000;

test('a front photo: the face is read on the device, the reading is used, and the export has the hairline at the stated height', async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const { encode } = await import('fast-png');
  // 42 px/cm: the app's assumed scale for this size (the long side over 30 cm) is 50, 19 % off.
  const [width, height, pxPerCm] = [1200, 1500, 42];
  const face = renderFaceScene({ widthPx: width, heightPx: height, pxPerCm, seed: 21 });
  const png = encode({ width, height, data: new Uint8Array(face.image.rgba.buffer), channels: 4 });
  const foreign: string[] = [];
  const models: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== 'http://127.0.0.1:4173' && url.protocol !== 'blob:' && url.protocol !== 'data:') foreign.push(r.url());
    if (url.pathname.startsWith('/models/face/')) models.push(url.pathname);
  });
  await openApp(page);
  await uploadFixture(page, { fileName: 'client-face.png', mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: width, heightPx: height } });
  await expect.poll(() => app<number>(page, 'store.getState().design.photo.widthPx')).toBe(width);
  expect(await app<number>(page, 'store.getState().design.scale.pxPerCm')).toBe(50);
  // Nothing of the face model is loaded before it is asked for.
  expect(models).toEqual([]);

  await openStep(page, 'Scale');
  await page.getByRole('button', { name: 'Read the face' }).click();
  const use = page.getByRole('button', { name: 'Use this reading' });
  await expect(use).toBeVisible({ timeout: READ_TIMEOUT });
  const reading = page.locator('#face-reading');
  await expect(reading).toContainText(/Scale: \d+\.\d px\/cm from both irises \(±4 %\)\./);
  // The three models, and one build of the WebAssembly kernels they run on (with SIMD, or without where the browser has none).
  const binaries = models.filter((m) => m.endsWith('.wasm'));
  expect(new Set(models.filter((m) => !m.endsWith('.wasm')))).toEqual(new Set(['blazeface', 'facemesh', 'iris'].flatMap((m) => [`/models/face/${m}.json`, `/models/face/${m}.bin`])));
  expect(binaries).toHaveLength(1);
  expect(['/models/face/tfjs-backend-wasm-simd.wasm', '/models/face/tfjs-backend-wasm.wasm']).toContain(binaries[0]);
  expect(await app<string | null>(page, 'faces.runtime()')).toBe('wasm');

  await use.click();
  const d = await app<Design>(page, 'store.getState().design');
  console.log(`face reading: ${d.scale.pxPerCm.toFixed(2)} px/cm read, ${pxPerCm} true (${((d.scale.pxPerCm / pxPerCm - 1) * 100).toFixed(1)} %), ±${(d.scale.uncertainty * 100).toFixed(1)} %`);
  expect(d.scale.source).toBe('iris');
  expect(Math.abs(d.scale.pxPerCm / pxPerCm - 1)).toBeLessThan(0.05);
  const mm = (a: { x: number; y: number } | null, b: { x: number; y: number }): number => (a ? (Math.hypot(a.x - b.x, a.y - b.y) / pxPerCm) * 10 : Infinity);
  const { glabella, leftEye, rightEye } = face.layout;
  console.log(`face landmarks, mm from the truth: glabella ${mm(d.landmarks.glabella, glabella).toFixed(1)}, eye corners ${mm(d.landmarks.leftEye, leftEye).toFixed(1)} and ${mm(d.landmarks.rightEye, rightEye).toFixed(1)}`);
  // The landmarks land where they were drawn, within 3 mm.
  for (const [read, truth] of [
    [d.landmarks.glabella, glabella],
    [d.landmarks.leftEye, leftEye],
    [d.landmarks.rightEye, rightEye],
  ] as const) {
    expect(mm(read, truth)).toBeLessThan(3);
  }
  // The brow peaks (B) sit above the eye corners, on their own side of the glabella.
  expect(d.landmarks.leftBrow!.x).toBeLessThan(d.landmarks.glabella!.x);
  expect(d.landmarks.rightBrow!.x).toBeGreaterThan(d.landmarks.glabella!.x);
  expect(d.landmarks.leftBrow!.y).toBeLessThan(d.landmarks.leftEye!.y - 0.5 * pxPerCm);
  expect(d.landmarks.rightBrow!.y).toBeLessThan(d.landmarks.rightEye!.y - 0.5 * pxPerCm);
  await expect(page.getByText(/^Scale \d+\.\d px\/cm, read from the irises \(±4 %\)$/)).toBeVisible();
  // One undo step takes the whole reading back.
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await app<Design['scale']>(page, 'store.getState().design.scale')).toEqual({ pxPerCm: 50, source: 'assumed', uncertainty: 0 });
  expect(await app<unknown>(page, 'store.getState().design.landmarks.glabella')).toBeNull();
  await page.getByRole('button', { name: 'Redo' }).click();

  // The proposed hairline: its height is stated, and the export shows its dots from there up.
  await page.getByRole('button', { name: 'Draw the proposed hairline' }).click();
  const said = await page.getByText(/^Hairline \d+\.\d cm above the glabella/).first().textContent();
  const stated = Number(/^Hairline (\d+\.\d) cm/.exec(said ?? '')![1]);
  const drawn = await app<Design>(page, 'store.getState().design');
  expect(drawn.areas).toHaveLength(1);
  const photo = { width, height, data: new Uint8Array(face.image.rgba.buffer) };
  const exported = (await exportPng(page)).image;
  const g = drawn.landmarks.glabella!;
  const cm = drawn.scale.pxPerCm;
  let lowest = -1;
  for (let y = Math.round(g.y - 3 * cm); y > 0 && lowest < 0; y--) {
    for (let x = Math.round(g.x - cm); x <= Math.round(g.x + cm); x++) {
      if (luma(photo, y * width + x) - luma(exported, y * width + x) > 8) {
        lowest = y;
        break;
      }
    }
  }
  const lowestCm = (g.y - lowest) / cm;
  console.log(`proposed hairline: stated ${stated} cm, lowest dot on the midline ${lowestCm.toFixed(2)} cm above the read glabella`);
  const { macroMm, microMm } = drawn.irregularity;
  expect(lowestCm).toBeGreaterThan(stated - (macroMm + microMm + 4) / 10 - 0.05);
  expect(lowestCm).toBeLessThan(stated + 0.8);
  expect(foreign).toEqual([]);
});

test.describe('a browser that cannot load the WebAssembly kernels', () => {
  // No service worker, which would answer from its cache: the binary's request is refused below.
  test.use({ serviceWorkers: 'block' });

  test('without its WebAssembly kernels the face is still read, on plain JavaScript, to the same scale and landmarks', async ({ page }) => {
    const { renderFaceScene } = await import('../fixtures/faceImage.ts');
    const { encode } = await import('fast-png');
    const refused: string[] = [];
    await page.route('**/*.wasm', (route) => {
      refused.push(new URL(route.request().url()).pathname);
      return route.abort();
    });
    const [width, height, pxPerCm] = [1200, 1500, 42];
    const face = renderFaceScene({ widthPx: width, heightPx: height, pxPerCm, seed: 21 });
    const png = encode({ width, height, data: new Uint8Array(face.image.rgba.buffer), channels: 4 });
    await openApp(page);
    await uploadFixture(page, { fileName: 'client-face.png', mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: width, heightPx: height } });
    await expect.poll(() => app<string>(page, 'store.getState().design.photo.name')).toBe('client-face.png');
    await openStep(page, 'Scale');
    await page.getByRole('button', { name: 'Read the face' }).click();
    await page.getByRole('button', { name: 'Use this reading' }).click({ timeout: READ_TIMEOUT });
    expect(refused.length).toBeGreaterThan(0);
    expect(await app<string | null>(page, 'faces.runtime()')).toBe('cpu');
    const { scale, landmarks } = await app<Design>(page, 'store.getState().design');
    expect(scale.source).toBe('iris');
    expect(Math.abs(scale.pxPerCm / pxPerCm - 1)).toBeLessThan(0.05);
    const { glabella, leftEye, rightEye } = face.layout;
    const mm = [
      [landmarks.glabella!, glabella],
      [landmarks.leftEye!, leftEye],
      [landmarks.rightEye!, rightEye],
    ].map(([a, b]) => (Math.hypot(a!.x - b!.x, a!.y - b!.y) / pxPerCm) * 10);
    console.log(`face read on plain JavaScript: ${scale.pxPerCm.toFixed(2)} px/cm (${((scale.pxPerCm / pxPerCm - 1) * 100).toFixed(1)} %), glabella and eye corners ${mm.map((e) => e.toFixed(1)).join(', ')} mm from the truth`);
    for (const e of mm) expect(e).toBeLessThan(3);
  });
});

test('the same face, its head tilted, at 50 % and 150 % of the size reads in proportion, with its landmarks in place', async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const { encode } = await import('fast-png');
  await openApp(page);
  const read: number[] = [];
  for (const f of [0.5, 1.5]) {
    const [width, height, pxPerCm] = [1200 * f, 1500 * f, 42 * f];
    // The head rolled 8° clockwise: the eye line is no longer level.
    const face = renderFaceScene({ widthPx: width, heightPx: height, pxPerCm, seed: 21, tiltDeg: 8 });
    const png = encode({ width, height, data: new Uint8Array(face.image.rgba.buffer), channels: 4 });
    const name = `client-face-${f}.png`;
    await uploadFixture(page, { fileName: name, mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: width, heightPx: height } });
    await expect.poll(() => app<string>(page, 'store.getState().design.photo.name')).toBe(name);
    await openStep(page, 'Scale');
    await page.getByRole('button', { name: 'Read the face' }).click();
    await page.getByRole('button', { name: 'Use this reading' }).click({ timeout: READ_TIMEOUT });
    const { scale, landmarks } = await app<Design>(page, 'store.getState().design');
    expect(scale.source).toBe('iris');
    expect(Math.abs(scale.pxPerCm / pxPerCm - 1)).toBeLessThan(0.05);
    read.push(scale.pxPerCm);
    const truth = face.layout;
    const mm = [
      [landmarks.glabella!, truth.glabella],
      [landmarks.leftEye!, truth.leftEye],
      [landmarks.rightEye!, truth.rightEye],
    ].map(([a, b]) => (Math.hypot(a!.x - b!.x, a!.y - b!.y) / pxPerCm) * 10);
    console.log(`tilted face at ${f * 100} %: glabella and eye corners ${mm.map((e) => e.toFixed(1)).join(', ')} mm from the truth`);
    for (const e of mm) expect(e).toBeLessThan(3);
    // The eye line read follows the roll.
    const roll = (Math.atan2(landmarks.rightEye!.y - landmarks.leftEye!.y, landmarks.rightEye!.x - landmarks.leftEye!.x) * 180) / Math.PI;
    expect(Math.abs(roll - 8)).toBeLessThan(1.5);
  }
  console.log(`face at 50 % and 150 %: ${read.map((r) => r.toFixed(2)).join(' and ')} px/cm, ratio ${(read[1]! / read[0]!).toFixed(3)} (3 expected)`);
  expect(Math.abs(read[1]! / read[0]! / 3 - 1)).toBeLessThan(0.03);
});

test("eyes shut: no iris to measure, so the scale comes from the pupils' distance, with its wider uncertainty and a sentence", async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const { encode } = await import('fast-png');
  const [width, height, pxPerCm] = [1200, 1500, 42];
  const face = renderFaceScene({ widthPx: width, heightPx: height, pxPerCm, seed: 21, eyesClosed: true });
  const png = encode({ width, height, data: new Uint8Array(face.image.rgba.buffer), channels: 4 });
  await openApp(page);
  await uploadFixture(page, { fileName: 'eyes-shut.png', mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: width, heightPx: height } });
  await expect.poll(() => app<string>(page, 'store.getState().design.photo.name')).toBe('eyes-shut.png');
  await openStep(page, 'Scale');
  await page.getByRole('button', { name: 'Read the face' }).click();
  const reading = page.locator('#face-reading');
  await expect(reading).toContainText(/Scale: \d+\.\d px\/cm from the distance between the pupils \(±6 %\)\./, { timeout: READ_TIMEOUT });
  await expect(reading).toContainText('The edges of the irises could not be seen (eyes closed, glare or glasses?)');
  await page.getByRole('button', { name: 'Use this reading' }).click();
  const { scale } = await app<Design>(page, 'store.getState().design');
  console.log(`eyes shut: ${scale.pxPerCm.toFixed(2)} px/cm from the pupils, ${pxPerCm} true (${((scale.pxPerCm / pxPerCm - 1) * 100).toFixed(1)} %)`);
  expect(scale.source).toBe('pupils');
  expect(scale.uncertainty).toBeCloseTo(3.6 / 63, 6);
  // Within the stated uncertainty: people's pupils are 63 ± 3.6 mm apart.
  expect(Math.abs(scale.pxPerCm / pxPerCm - 1)).toBeLessThan(scale.uncertainty);
  await expect(page.getByText(/^Scale \d+\.\d px\/cm, read from the distance between the pupils \(±6 %\)$/)).toBeVisible();
});

test('two faces: the largest is read first, and the other can be chosen', async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const { encode } = await import('fast-png');
  // Two people side by side: 35 px/cm on the left, 28 on the right (farther from the camera).
  const [w, h] = [1000, 1250];
  const left = renderFaceScene({ widthPx: w, heightPx: h, pxPerCm: 35, seed: 3 }).image.rgba;
  const right = renderFaceScene({ widthPx: w, heightPx: h, pxPerCm: 28, seed: 9 }).image.rgba;
  const both = new Uint8Array(2 * w * h * 4);
  for (let y = 0; y < h; y++) {
    both.set(left.subarray(y * w * 4, (y + 1) * w * 4), y * 2 * w * 4);
    both.set(right.subarray(y * w * 4, (y + 1) * w * 4), (y * 2 + 1) * w * 4);
  }
  const png = encode({ width: 2 * w, height: h, data: both, channels: 4 });
  await openApp(page);
  await uploadFixture(page, { fileName: 'two-faces.png', mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: 2 * w, heightPx: h } });
  await expect.poll(() => app<string>(page, 'store.getState().design.photo.name')).toBe('two-faces.png');
  await openStep(page, 'Scale');
  await page.getByRole('button', { name: 'Read the face' }).click();
  const which = page.getByLabel('Face to read');
  await expect(which).toBeVisible({ timeout: READ_TIMEOUT });
  await expect(page.locator('#face-reading')).toContainText("2 faces were found: choose which one is the client's.");
  expect(await which.locator('option').allTextContents()).toEqual(['Face 1, on the left, the largest', 'Face 2, on the right']);
  const scaleOf = async (): Promise<number> => Number(/Scale: (\d+\.\d) px\/cm/.exec(await page.locator('#face-reading').innerText())![1]);
  expect(Math.abs((await scaleOf()) / 35 - 1)).toBeLessThan(0.05);
  await which.selectOption({ label: 'Face 2, on the right' });
  expect(Math.abs((await scaleOf()) / 28 - 1)).toBeLessThan(0.05);
  await page.getByRole('button', { name: 'Use this reading' }).click();
  const d = await app<Design>(page, 'store.getState().design');
  expect(Math.abs(d.scale.pxPerCm / 28 - 1)).toBeLessThan(0.05);
  expect(d.landmarks.glabella!.x).toBeGreaterThan(w);
});

test('a top photo has no face to read: a sentence, and nothing changes', async ({ page }) => {
  await openApp(page);
  const before = await app<Design>(page, 'store.getState().design');
  await openStep(page, 'Scale');
  await page.getByRole('button', { name: 'Read the face' }).click();
  await expect(page.locator('#face-reading')).toContainText('No face was found in this photo. A top, side or back view has none to read', { timeout: READ_TIMEOUT });
  await expect(page.getByRole('button', { name: 'Use this reading' })).toBeHidden();
  expect(await app<Design>(page, 'store.getState().design')).toEqual(before);
});
