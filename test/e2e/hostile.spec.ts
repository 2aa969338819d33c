/**
 * Hostile input on the built app (issue "Hardening", part 3): fuzzed photos (random bytes behind
 * valid magic numbers, headers with wrong sizes, decompression bombs, an empty and an oversized
 * file), absurd values typed into the number fields, and fuzzed design files. Each is answered with
 * a sentence in an alert; the design stays exactly as it was, nothing throws in the page, bad photos
 * are refused before the browser decodes them, and Undo still works afterwards.
 * The fuzzed inputs come from fast-check with fixed seeds, so every run tests the same files.
 */
import { expect, test, type Page } from '@playwright/test';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, zlibSync } from 'fflate';
import { encode as encodePng } from 'fast-png';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { crc32 } from '../../src/io/crc32.ts';
import { chunk, makeJpeg, makePng, makeVp8lBitstream, riff, withJpegFrameSize, withPngSize } from '../fixtures/photoFixtures.ts';
import { app, chooseFile, openApp, openStep, settle, type ChosenFile, type StepName } from './app.ts';

const SEED = 20261124;
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const cat = (...parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const u32 = (v: number, little = false): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, little);
  return b;
};
/** The `index`-th value of an arbitrary under the fixed seed. */
const fuzzed = <T>(arb: fc.Arbitrary<T>, index: number): T => fc.sample(arb, { seed: SEED + index, numRuns: 1 })[0]!;
const noise = (index: number, min = 200, max = 3000): Uint8Array => fuzzed(fc.uint8Array({ minLength: min, maxLength: max }), index);

/** A small, complete PNG declaring w × h whose IDAT is a real zlib stream of `rawBytes` zeros. */
function pngBomb(w: number, h: number, rawBytes: number): Uint8Array {
  const pngChunk = (type: string, data: Uint8Array): Uint8Array => {
    const body = cat(latin1(type), data);
    return cat(u32(data.length), body, u32(crc32(body)));
  };
  const ihdr = cat(u32(w), u32(h), Uint8Array.of(8, 2, 0, 0, 0));
  return cat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlibSync(new Uint8Array(rawBytes), { level: 9 })), pngChunk('IEND', new Uint8Array(0)));
}

interface Hostile {
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
  /** The sentence the app must show. */
  readonly says: RegExp;
}

const DAMAGED = /^This photo is (damaged and cannot be opened|incomplete: the file stops part-way through)/;
const TOO_BIG = (mp: string): RegExp => new RegExp(`^This photo is ${mp.replace('.', '\\.')} megapixels; the largest photo this tool opens is 48 megapixels\\. Please save a smaller copy and try again\\.$`);

const HOSTILE_PHOTOS: readonly Hostile[] = [
  { name: 'empty.jpg', mime: 'image/jpeg', bytes: new Uint8Array(0), says: /^This file is empty, so there is no photo in it\./ },
  { name: 'noise-1.jpg', mime: 'image/jpeg', bytes: cat(Uint8Array.of(0xff, 0xd8, 0xff), noise(1)), says: DAMAGED },
  { name: 'noise-2.jpg', mime: 'image/jpeg', bytes: cat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), noise(2)), says: DAMAGED },
  { name: 'noise-3.png', mime: 'image/png', bytes: cat(makePng().subarray(0, 8), noise(3)), says: DAMAGED },
  { name: 'noise-4.png', mime: 'image/png', bytes: cat(makePng().subarray(0, 33), noise(4)), says: DAMAGED },
  { name: 'noise-5.webp', mime: 'image/webp', bytes: cat(latin1('RIFF'), u32(3000, true), latin1('WEBPVP8L'), noise(5)), says: DAMAGED },
  { name: 'noise-6.heic', mime: 'image/heic', bytes: cat(u32(24), latin1('ftypheic'), new Uint8Array(4), latin1('mif1heic'), noise(6)), says: /^This photo is in HEIC format, which this tool cannot open\./ },
  { name: 'noise-7.gif', mime: 'image/gif', bytes: cat(latin1('GIF89a'), noise(7)), says: /^This is a GIF image, which this tool cannot open\./ },
  { name: 'noise-8.tif', mime: 'image/tiff', bytes: cat(latin1('II*\0'), noise(8)), says: /^This is a TIFF image, which this tool cannot open\./ },
  { name: 'zero-size.jpg', mime: 'image/jpeg', bytes: withJpegFrameSize(makeJpeg(), 0, 0), says: /^This photo is damaged and cannot be opened\./ },
  { name: 'zero-width.png', mime: 'image/png', bytes: withPngSize(makePng(), 0, 64), says: /^This photo is damaged and cannot be opened\./ },
  { name: 'wrong-size-65535.jpg', mime: 'image/jpeg', bytes: withJpegFrameSize(makeJpeg(), 65535, 65535), says: TOO_BIG('4294.8') },
  // A decompression bomb that passes a naive check: a few kB on disk, a valid zlib stream, 7.5 GB once decoded.
  { name: 'bomb-50000.png', mime: 'image/png', bytes: pngBomb(50_000, 50_000, 8 * 1024 * 1024), says: TOO_BIG('2500.0') },
  { name: 'huge-canvas.webp', mime: 'image/webp', bytes: riff([chunk('VP8X', cat(new Uint8Array(4), u32(2 ** 24 - 1, true).subarray(0, 3), u32(2 ** 24 - 1, true).subarray(0, 3))), chunk('VP8L', makeVp8lBitstream())]), says: TOO_BIG('281474976.7') },
  { name: 'notes.png', mime: 'image/png', bytes: latin1('Client notes: not a photo at all.\n'), says: /^This file is not a photo\. Please choose a JPEG, PNG or WebP image\.$/ },
];

/** Counts the browser's image decodes (createImageBitmap) and uncaught errors, from before the app starts. */
async function watchPage(page: Page): Promise<string[]> {
  await page.addInitScript(`(() => {
    window.__decodes = 0;
    const original = window.createImageBitmap;
    window.createImageBitmap = function (...args) { window.__decodes++; return original.apply(this, args); };
  })()`);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const designJson = (page: Page): Promise<string> => app<string>(page, 'JSON.stringify(store.getState().design)');
const decodes = (page: Page): Promise<number> => page.evaluate('window.__decodes') as Promise<number>;

async function chooseFileWith(page: Page, button: string, file: ChosenFile): Promise<void> {
  await chooseFile(page, () => page.getByRole('button', { name: button }).click(), file);
}

/** The alert with `says`, then dismissed; returns its text. */
async function expectAlert(page: Page, says: RegExp, what: string): Promise<string> {
  // The sentence is the alert's paragraph (the alert also holds its Dismiss button).
  const alert = page.getByRole('alert').filter({ has: page.locator('p', { hasText: says }) });
  await expect(alert, `alert for ${what}`).toBeVisible();
  const text = (await alert.locator('p').textContent()) ?? '';
  await alert.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  return text;
}

async function setDensity(page: Page, value: string): Promise<void> {
  await openStep(page, 'Design');
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill(value);
  await density.press('Enter');
}

test('fuzzed photos: each is refused with a sentence before decoding; the design is unchanged and Undo still works', async ({ page }) => {
  const errors = await watchPage(page);
  await openApp(page);
  await setDensity(page, '120');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(120);
  const before = await designJson(page);
  const pointsBefore = await app<number>(page, 'scene.pointCount');

  const dir = await mkdtemp(join(tmpdir(), 'smp-hostile-'));
  try {
    // One more: a file just over the 64 MB limit, refused on its size before it is looked into.
    const oversized = join(dir, 'oversized.jpg');
    await writeFile(oversized, cat(makeJpeg(), new Uint8Array(65 * 1024 * 1024 - makeJpeg().length)));
    const files: readonly (Hostile & { path?: string })[] = [...HOSTILE_PHOTOS, { name: 'oversized.jpg', mime: 'image/jpeg', bytes: new Uint8Array(0), path: oversized, says: /^This file is 65\.0 MB; the largest file this tool opens is 64 MB\./ }];
    const sentences: string[] = [];
    for (const f of files) {
      const decodesBefore = await decodes(page);
      await chooseFileWith(page, 'Upload photo', f.path ?? { name: f.name, mimeType: f.mime, buffer: Buffer.from(f.bytes) });
      sentences.push(`${f.name}: ${await expectAlert(page, f.says, f.name)}`);
      expect(await designJson(page), `design after ${f.name}`).toBe(before);
      expect(await decodes(page), `image decodes for ${f.name}`).toBe(decodesBefore);
      expect(await app<string | null>(page, 'store.getState().busy'), `busy after ${f.name}`).toBeNull();
    }
    console.log(`${files.length} hostile photos, each refused:\n  ${sentences.join('\n  ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // The picture is still there and still drawn; the edit made before can be undone and redone.
  expect(await app<number>(page, 'scene.pointCount')).toBe(pointsBefore);
  const frames = await app<number>(page, 'scene.stats.frames');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => app<number>(page, 'scene.stats.frames')).toBeGreaterThan(frames);
  await page.getByRole('button', { name: 'Undo' }).click();
  await openStep(page, 'Design');
  await expect(page.getByRole('slider', { name: 'Density (dots/cm²)' })).toHaveValue('100');
  expect(await app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(100);
  await page.getByRole('button', { name: 'Redo' }).click();
  expect(await designJson(page)).toBe(before);
  expect(errors).toEqual([]);
});

test('a 1 × 1 PNG is a photo: it opens, draws and exports without an error', async ({ page }) => {
  const errors = await watchPage(page);
  await openApp(page);
  const tiny = encodePng({ width: 1, height: 1, data: Uint8Array.of(200, 150, 120, 255), channels: 4, depth: 8 });
  const decodesBefore = await decodes(page);
  await chooseFileWith(page, 'Upload photo', { name: 'tiny.png', mimeType: 'image/png', buffer: Buffer.from(tiny) });
  await expect(page.getByRole('status').filter({ hasText: 'Opened tiny.png (1 × 1 px).' })).toBeVisible();
  expect(await decodes(page), 'a photo that passes the byte door is decoded (the decode counter works)').toBeGreaterThan(decodesBefore);
  expect(await app<number[]>(page, '[store.getState().photo.widthPx, store.getState().photo.heightPx]')).toEqual([1, 1]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  expect((await download).suggestedFilename()).toMatch(/^smp-tiny-.*\.png$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

interface Absurd {
  readonly step: StepName;
  readonly field: string;
  readonly value: string;
  readonly says: RegExp;
  readonly before?: (page: Page) => Promise<void>;
}

const ABSURD: readonly Absurd[] = [
  { step: 'Design', field: 'Density in dots per cm²', value: '1e9', says: /^Density must be between 10 and 150 dots\/cm²; 1e9 is outside that\. The design is unchanged\.$/ },
  { step: 'Design', field: 'Density in dots per cm²', value: '-5', says: /^Density must be between 10 and 150 dots\/cm²; -5 is outside that\. The design is unchanged\.$/ },
  { step: 'Design', field: 'Transition zone in mm', value: '99999', says: /^Transition zone must be between 0 and 20 mm; 99999 is outside that\./ },
  { step: 'Plan', field: 'Dilution (water:pigment) in parts water per part pigment', value: '999', says: /^Dilution \(water:pigment\) must be between 0 and 30 water:pigment; 999 is outside that\. Nothing was changed\.$/ },
  { step: 'Plan', field: 'Share of the final density (%) in percent', value: '0', says: /^Share of the final density \(%\) must be between 5 and 100 %; 0 is outside that\. Nothing was changed\.$/ },
  { step: 'Show', field: 'Years after healing in years', value: '99', says: /^Years after healing must be between 0 and 8 years; 99 is outside that\. Nothing was changed\.$/ },
];

test('absurd values typed into the number fields are refused with the range; nothing changes', async ({ page }) => {
  const errors = await watchPage(page);
  await openApp(page);
  const before = await designJson(page);
  const viewBefore = await app<string>(page, 'JSON.stringify(store.getState().view.show)');
  for (const a of ABSURD) {
    await openStep(page, a.step);
    const field = page.getByRole('spinbutton', { name: a.field });
    const shown = await field.inputValue();
    await field.fill(a.value);
    await field.press('Enter');
    await expectAlert(page, a.says, `${a.field} = ${a.value}`);
    // The refused value stays in its field, marked, with the sentence and the value kept below it.
    await expect(field, `${a.field} keeps what was typed`).toHaveValue(a.value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(`${a.says.source.replace(/\$$/, '')}.* Still ${shown.replace('.', '\\.')}\\b`));
    // Fixed by typing the value it had, the mark goes.
    await field.fill(shown);
    await field.press('Enter');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    expect(await designJson(page), `design after ${a.field} = ${a.value}`).toBe(before);
  }
  // Letters cannot be typed into a number field; what is left is an empty field, refused as such.
  await openStep(page, 'Design');
  const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await density.fill('');
  await density.pressSequentially('abc');
  await density.press('Enter');
  await expectAlert(page, /^Density must be between 10 and 150 dots\/cm²; the field was empty\. The design is unchanged\.$/, 'Density = abc');
  await expect(density).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Density must be between 10 and 150 dots/cm²; the field was empty. The design is unchanged. Still 100 dots/cm².')).toBeVisible();

  // The aftercare plan's "Add a line": a day ten thousand years away, a fraction, the day before the range.
  await openStep(page, 'Records');
  await page.getByRole('button', { name: 'Open aftercare plan' }).click();
  await expect(page.getByRole('dialog', { name: 'Aftercare plan' })).toBeVisible();
  await page.getByLabel('Title', { exact: true }).fill('Check-up');
  await page.getByLabel('Text', { exact: true }).fill('Come back for a check-up.');
  for (const day of ['1e7', '2.5', '-61']) {
    await page.getByLabel('Days after that session').fill(day);
    await page.getByRole('button', { name: 'Add line' }).click();
    await expectAlert(page, new RegExp(`^Days after the session must be a whole number from -60 to 3650; ${day.replace('.', '\\.')} is not\\. The plan is unchanged\\.$`), `aftercare day ${day}`);
    expect(await designJson(page), `design after aftercare day ${day}`).toBe(before);
  }
  expect(await app<string>(page, 'JSON.stringify(store.getState().view.show)')).toBe(viewBefore);
  expect(await app<number>(page, 'store.getState().history.past.length')).toBe(0);
  expect(errors).toEqual([]);
});

test('fuzzed design files are refused with a sentence; the design on screen is unchanged', async ({ page }) => {
  const errors = await watchPage(page);
  await openApp(page);
  await setDensity(page, '90');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(90);
  const before = await designJson(page);
  // A real design file from Save design, to fuzz inside.
  const saved = page.waitForEvent('download');
  await openStep(page, 'Records');
  await page.getByRole('button', { name: 'Save design' }).click();
  const parts = unzipSync(new Uint8Array(await readFile(await (await saved).path())));
  expect(Object.keys(parts).sort()).toEqual(['design.json', 'manifest.json']);
  const design = JSON.parse(new TextDecoder().decode(parts['design.json'])) as Record<string, unknown>;
  const notANumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.dictionary(fc.string(), fc.integer()));
  const field = fuzzed(fc.constantFrom('version', 'seed', 'photo', 'scale', 'dots'), 13);

  const files: readonly { name: string; bytes: Uint8Array }[] = [
    { name: 'noise.smpdesign', bytes: noise(10) },
    { name: 'noise-zip.smpdesign', bytes: cat(Uint8Array.of(0x50, 0x4b, 0x03, 0x04), noise(11)) },
    { name: 'noise-json.smpdesign', bytes: zipSync({ ...parts, 'design.json': noise(12, 50, 500) }) },
    { name: 'random-json.smpdesign', bytes: zipSync({ ...parts, 'design.json': strToU8(JSON.stringify(fuzzed(fc.jsonValue(), 14))) }) },
    { name: `bad-${field}.smpdesign`, bytes: zipSync({ ...parts, 'design.json': strToU8(JSON.stringify({ ...design, [field]: fuzzed(notANumber, 15) })) }) },
  ];
  const sentences: string[] = [];
  for (const f of files) {
    await chooseFileWith(page, 'Open design', { name: f.name, mimeType: 'application/zip', buffer: Buffer.from(f.bytes) });
    const says = new RegExp(`^${f.name.replace(/[.-]/g, '\\$&')} could not be opened: [A-Z].+\\. The design on screen is unchanged\\.$`);
    sentences.push(await expectAlert(page, says, f.name));
    expect(await designJson(page), `design after ${f.name}`).toBe(before);
  }
  console.log(`fuzzed design files, each refused:\n  ${sentences.join('\n  ')}`);
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(100);
  expect(errors).toEqual([]);
});

// ---------------------------------------------------------------- scales and densities the dots cannot carry

test('a design file with an absurd maximum density opens with the app\'s own and draws its dots, with no uncaught error', async ({ page }) => {
  const errors = await watchPage(page);
  await openApp(page);
  const before = await designJson(page);
  const saved = page.waitForEvent('download');
  await openStep(page, 'Records');
  await page.getByRole('button', { name: 'Save design' }).click();
  const parts = unzipSync(new Uint8Array(await readFile(await (await saved).path())));
  const design = JSON.parse(new TextDecoder().decode(parts['design.json'])) as Record<string, unknown>;
  await chooseFileWith(page, 'Open design', { name: 'absurd.smpdesign', mimeType: 'application/zip', buffer: Buffer.from(zipSync({ ...parts, 'design.json': strToU8(JSON.stringify({ ...design, maxDensityPerCm2: 1e12 })) })) });
  // Either refused with a sentence (design unchanged) or opened with a sane value and drawn; never an uncaught error.
  await expect.poll(() => app<string | null>(page, 'store.getState().busy')).toBeNull();
  await settle(page);
  expect(errors).toEqual([]);
  // The file opens with the app's own ceiling (160 dots/cm²), which is the design as saved.
  expect(await designJson(page)).toBe(before);
  expect(await app<number>(page, 'store.getState().design.maxDensityPerCm2')).toBe(160);
  expect(await app<number>(page, 'scene.pointCount')).toBeGreaterThan(0);
});

test('Set scale at 2.2 px/cm on a 2000 px photo (a photo 9 m wide) is refused with a sentence, with no uncaught error', async ({ page }) => {
  const errors = await watchPage(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Set scale', exact: true }).click();
  const box = await page.locator('#canvas-host').boundingBox();
  const v = await app<{ zoom: number; panX: number; panY: number }>(page, 'store.getState().view');
  const at = (x: number, y: number) => ({ x: box!.x + (x - v.panX) * v.zoom, y: box!.y + (y - v.panY) * v.zoom });
  for (const p of [at(900, 700), at(1030, 700)]) await page.mouse.click(p.x, p.y);
  await page.getByRole('spinbutton', { name: 'Distance (cm)' }).fill('60');
  const scale0 = await app<number>(page, 'store.getState().design.scale.pxPerCm');
  await page.getByRole('button', { name: 'Apply scale' }).click();
  await expect(page.getByRole('alert')).toContainText('far larger than a head');
  await settle(page);
  expect(errors).toEqual([]);
  expect(await app<number>(page, 'store.getState().design.scale.pxPerCm')).toBe(scale0);
  expect(await app<number>(page, 'scene.pointCount')).toBeGreaterThan(0);
});

test('the design of a 1 × 1 photo re-opens exactly', async ({ page }) => {
  await openApp(page);
  const tiny = encodePng({ width: 1, height: 1, data: Uint8Array.of(200, 150, 120, 255), channels: 4, depth: 8 });
  await chooseFileWith(page, 'Upload photo', { name: 'tiny.png', mimeType: 'image/png', buffer: Buffer.from(tiny) });
  await expect(page.getByRole('status').filter({ hasText: 'Opened tiny.png' })).toBeVisible();
  const before = await designJson(page);
  const saved = page.waitForEvent('download');
  await openStep(page, 'Records');
  await page.getByRole('button', { name: 'Save design' }).click();
  const path = await (await saved).path();
  await chooseFileWith(page, 'Open design', path);
  await expect(page.getByRole('status').filter({ hasText: `Opened ${basename(path)}` })).toBeVisible();
  await expect.poll(() => app<string | null>(page, 'store.getState().busy')).toBeNull();
  expect(await designJson(page)).toBe(before);
});
