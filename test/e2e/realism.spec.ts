/**
 * The preview against real work, in the browser: a generated photo of flat skin at 100 px/cm with the
 * default plan over nearly all of it, exported through the GPU and measured from the PNG as real SMP
 * photos are measured (test/helpers/realism.ts; the figures for real work are in docs/realism.md).
 * The unit tests measure the same on the CPU reference of the shaders; this holds the two together.
 */
import { expect, test } from '@playwright/test';
import { encode } from 'fast-png';
import { newDesign } from '../../src/core/document/defaults.ts';
import type { Design } from '../../src/core/document/types.ts';
import { benchDesignFile } from '../bench/benchDesign.ts';
import { renderDesign } from '../helpers/dotOracle.ts';
import { realismMeasures, type RealismMeasures } from '../helpers/realism.ts';
import { app, chooseFile, exportPng, openApp, openStep, type Rgba, settle } from './app.ts';

const SIZE = 1200;
const PX_PER_CM = 100;
const SKIN = [210, 160, 130] as const;

function flatSkin(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let i = 0; i < SIZE * SIZE; i++) rgba.set([SKIN[0], SKIN[1], SKIN[2], 255], i * 4);
  return rgba;
}

/** The middle 6 × 6 cm, well inside the area and its transition zone. */
const MIDDLE = { x0: 3 * PX_PER_CM, y0: 3 * PX_PER_CM, x1: 9 * PX_PER_CM, y1: 9 * PX_PER_CM };

const measured = (photo: Uint8ClampedArray, image: Rgba): RealismMeasures => realismMeasures(photo, image.data, SIZE, MIDDLE, PX_PER_CM);

test('exported on flat skin, the default plan reads as real healed work, fresh reads darker and only mildly red, and the GPU draws what the reference model computes', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  const photo = flatSkin();
  const bytes = encode({ width: SIZE, height: SIZE, data: new Uint8Array(photo.buffer), channels: 4 });
  const maxDensity = newDesign({ kind: 'file', name: 'x', widthPx: SIZE, heightPx: SIZE }, 1).maxDensityPerCm2;
  const file = await benchDesignFile({ bytes, mime: 'image/png', name: 'flat-skin.png', widthPx: SIZE, heightPx: SIZE }, (SIZE * SIZE * maxDensity) / PX_PER_CM ** 2);
  await openStep(page, 'Records');
  await chooseFile(page, () => page.getByRole('button', { name: 'Open design' }).click(), { name: 'flat-skin.smpdesign', mimeType: 'application/zip', buffer: Buffer.from(file) });
  await expect.poll(() => app<number>(page, 'store.getState().design.photo.widthPx')).toBe(SIZE);
  await settle(page);
  const design = await app<Design>(page, 'store.getState().design');
  expect(design.scale.pxPerCm).toBeCloseTo(PX_PER_CM, 6);
  expect(design.dots.densityPerCm2).toBe(90);
  expect(design.sessions.map((s) => s.dilutionWaterParts)).toEqual([10, 7, 5]);

  const healed = measured(photo, (await exportPng(page)).image);
  console.log(`healed, default plan: ${JSON.stringify(healed)}`);
  expect(healed.darkening).toBeGreaterThan(0.12);
  expect(healed.darkening).toBeLessThan(0.2);
  expect(healed.dL).toBeGreaterThan(-15);
  expect(healed.dL).toBeLessThan(-6);
  expect(healed.db).toBeLessThanOrEqual(0);
  expect(healed.grainExcess).toBeGreaterThan(0.03);
  expect(healed.grainExcess).toBeLessThan(0.055);
  expect(healed.regularity).toBeGreaterThan(0.6);
  expect(healed.regularity).toBeLessThan(0.66);

  // The CPU reference of the shaders (what the unit tests measure) agrees with the GPU's export.
  const reference = measured(photo, { width: SIZE, height: SIZE, data: new Uint8Array(renderDesign({ width: SIZE, height: SIZE, rgba: photo }, design).buffer) });
  expect(Math.abs(healed.darkening - reference.darkening)).toBeLessThan(0.005);
  expect(Math.abs(healed.dL - reference.dL)).toBeLessThan(0.4);
  expect(Math.abs(healed.db - reference.db)).toBeLessThan(0.4);

  await openStep(page, 'Show');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('1');
  const healedFirst = measured(photo, (await exportPng(page)).image);
  await page.getByRole('combobox', { name: 'Healing' }).selectOption('fresh');
  await expect(page.locator('#show-status')).toContainText('After session 1 of 3');
  const freshFirst = measured(photo, (await exportPng(page)).image);
  console.log(`session 1 healed: ${JSON.stringify(healedFirst)}; session 1 fresh: ${JSON.stringify(freshFirst)}`);
  expect(freshFirst.darkening).toBeGreaterThan(healedFirst.darkening + 0.02);
  expect(freshFirst.da).toBeGreaterThan(healedFirst.da);
  expect(freshFirst.da).toBeLessThanOrEqual(5);
  expect(healedFirst.darkening).toBeLessThan(healed.darkening / 2);
});
