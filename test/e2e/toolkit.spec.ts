/**
 * The hairline toolkit in the built app: a template, mirror editing, the density brush, and what
 * each does to the exported image.
 */
import { expect, test, type Page } from '@playwright/test';
import { CORE_EXTENT_SIGMAS, coreSigmaMm, DOT_SIZE_VARIATION, HALO_SIGMA_MM } from '../../src/core/appearance.ts';
import type { Design } from '../../src/core/document/types.ts';
import { distanceToSegment } from '../../src/core/math/polygon.ts';
import { mirrorPoint, midline } from '../../src/core/landmarks.ts';
import { app, exportPng, openApp, openStep, photoRgba, toPage, unfold, uploadFixture } from './app.ts';
import { dotPixels, luma } from './analysis.ts';

async function design(page: Page): Promise<Design> {
  return app<Design>(page, 'store.getState().design');
}

async function dragImage(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8): Promise<void> {
  const a = await toPage(page, from.x, from.y);
  const b = await toPage(page, to.x, to.y);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
  await page.mouse.up();
}

test('a template area, mirrored and brushed: the export changes where it should and nowhere else', async ({ page }) => {
  await openApp(page);
  // The demo is a top view with the mid-frontal point and vertex marked.
  await unfold(page, 'Templates');
  await page.getByLabel('Pattern (top photo)').selectOption({ label: 'Norwood III' });
  await page.getByRole('button', { name: 'Apply pattern' }).click();
  // The demo marks the sides of the head, so the pattern is fitted to its breadth, and says so.
  await expect(page.getByText(/Norwood III area placed, in place of 1 earlier area \(Undo brings it back\)\. It fits the head's breadth, 15\.\d cm between the sides\./)).toBeVisible();
  let d = await design(page);
  expect(d.areas).toHaveLength(1);
  expect(d.areas[0]!.hairlineEdges.filter(Boolean).length).toBeGreaterThan(3);

  // Mirror editing: drag a point on one side with the mouse; its partner follows. The new area is
  // selected, and its section sits folded below the list, which opened on it.
  await expect(page.getByRole('listitem').filter({ hasText: /^Area 1, hairline \/ full area: / })).toBeVisible();
  await unfold(page, 'Selected area 1');
  await page.getByRole('checkbox', { name: 'Mirror editing about the midline' }).check();
  d = await design(page);
  expect(d.areas[0]!.mirrored).toBe(true);
  const n = d.areas[0]!.points.length;
  const p = d.areas[0]!.points[1]!;
  await dragImage(page, p, { x: p.x - 40, y: p.y + 25 });
  d = await design(page);
  const moved = d.areas[0]!.points[1]!;
  expect(Math.hypot(moved.x - (p.x - 40), moved.y - (p.y + 25))).toBeLessThan(3);
  const partner = d.areas[0]!.points[n - 1]!;
  const expected = mirrorPoint(moved, midline(d));
  expect(Math.hypot(partner.x - expected.x, partner.y - expected.y)).toBeLessThan(0.01);
  await expect(page.getByText(/^Left \d+\.\d cm², right \d+\.\d cm² \(0 % apart\)/)).toBeVisible();

  const photo = await photoRgba(page);
  const before = (await exportPng(page)).image;

  // Lower the density with the brush: 8 mm radius, strength 0.5, one stroke across the area.
  await unfold(page, 'Density brush');
  await page.getByLabel('Brush mode').selectOption('lower');
  await expect(page.getByRole('button', { name: 'Density brush', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const radius = page.getByRole('spinbutton', { name: 'Brush size, radius (mm) in millimetres' });
  await radius.fill('8');
  await radius.press('Enter');
  const strength = page.getByRole('spinbutton', { name: 'Brush strength (0 to 1) in change at the centre, 0 to 1' });
  await strength.fill('0.5');
  await strength.press('Enter');
  const box = d.areas[0]!.points;
  const cx = box.reduce((s, q) => s + q.x, 0) / box.length;
  const cy = box.reduce((s, q) => s + q.y, 0) / box.length;
  await dragImage(page, { x: cx - 120, y: cy }, { x: cx + 120, y: cy });
  d = await design(page);
  expect(d.brush).toHaveLength(1);
  const stroke = d.brush[0]!;
  expect(stroke).toMatchObject({ mode: 'lower', radiusMm: 8, strength: 0.5 });
  const after = (await exportPng(page)).image;

  // Where the stroke cannot reach (beyond its radius), the export is unchanged, pixel for pixel.
  const pxPerMm = d.scale.pxPerCm / 10;
  // The stroke's radius, plus how far a dot's halo reaches (3 σ of red, the widest) and a few px.
  const reach = (8 + 3 * HALO_SIGMA_MM[0]) * pxPerMm + 3;
  // Dots' own pixels: darker than the skin around them (the halos darken the whole area).
  const dotsBefore = dotPixels(photo, before, 1.5 * pxPerMm);
  const dotsAfter = dotPixels(photo, after, 1.5 * pxPerMm);
  const a = stroke.points[0]!;
  const b = stroke.points[stroke.points.length - 1]!;
  let outsideChanged = 0;
  let coreDotsBefore = 0;
  let coreDotsAfter = 0;
  for (let y = 0; y < before.height; y++) {
    for (let x = 0; x < before.width; x++) {
      const i = y * before.width + x;
      const dist = distanceToSegment(x + 0.5, y + 0.5, a, b);
      if (dist > reach) {
        if (Math.abs(luma(before, i) - luma(after, i)) > 1) outsideChanged++;
      } else if (dist < 4 * pxPerMm) {
        coreDotsBefore += dotsBefore[i]!;
        coreDotsAfter += dotsAfter[i]!;
      }
    }
  }
  console.log(`brush: ${outsideChanged} pixels changed beyond the stroke; dot pixels in its core ${coreDotsBefore} → ${coreDotsAfter}`);
  expect(outsideChanged).toBe(0);
  // Strength 0.5 at the centre halves the density there.
  expect(coreDotsBefore).toBeGreaterThan(500);
  expect(coreDotsAfter / coreDotsBefore).toBeGreaterThan(0.35);
  expect(coreDotsAfter / coreDotsBefore).toBeLessThan(0.65);

  // One undo removes the stroke, and the export is as before.
  await page.getByRole('button', { name: 'Undo' }).click();
  expect((await design(page)).brush).toHaveLength(0);
});

test('Help lists every tool with its shortcut, opens with ? and closes with Escape', async ({ page }) => {
  await openApp(page);
  await page.locator('#canvas-host').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Shortcuts and gestures' });
  await expect(dialog).toBeVisible();
  for (const [key, label] of [['L', 'Landmarks'], ['B', 'Density brush'], ['D', 'Draw area'], ['Ctrl+Z', 'Undo']]) {
    await expect(dialog.getByRole('row', { name: `${key} ${label}` })).toBeVisible();
  }
  await expect(dialog.getByText('Two fingers: pinch to zoom, drag to pan.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The tool shortcuts switch tools.
  await page.keyboard.press('b');
  await expect(page.getByRole('button', { name: 'Density brush', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Landmarks', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('on a front photo: scale, landmarks, a natural hairline 8 cm above the glabella, mirrored and brushed', async ({ page }) => {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const { encode } = await import('fast-png');
  const size = 1600;
  const pxPerCm = size / 22;
  const face = renderFaceScene({ widthPx: size, heightPx: size, pxPerCm, seed: 4, tiltDeg: 3 });
  const png = encode({ width: size, height: size, data: new Uint8Array(face.image.rgba.buffer), channels: 4 });
  await openApp(page);
  await uploadFixture(page, { fileName: 'client-front.png', mimeType: 'image/png', bytes: png, expected: { type: 'png', widthPx: size, heightPx: size } });
  await expect.poll(() => app<number>(page, 'store.getState().design.photo.widthPx')).toBe(size);
  await page.getByRole('button', { name: 'Fit' }).click();

  // Scale: two clicks 10 cm apart, typed distance.
  const { glabella, leftEye, rightEye } = face.layout;
  await page.getByRole('button', { name: 'Set scale' }).click();
  for (const p of [glabella, { x: glabella.x, y: glabella.y - 10 * pxPerCm }]) {
    const s = await toPage(page, p.x, p.y);
    await page.mouse.click(s.x, s.y);
  }
  await page.getByLabel('Distance (cm)').fill('10');
  await page.getByRole('button', { name: 'Apply scale' }).click();
  const measured = await app<number>(page, 'store.getState().design.scale.pxPerCm');
  expect(Math.abs(measured / pxPerCm - 1)).toBeLessThan(0.01);

  // Landmarks: glabella, then the outer eye corners.
  await page.getByRole('button', { name: 'Landmarks', exact: true }).click();
  for (const p of [glabella, leftEye, rightEye]) {
    const s = await toPage(page, p.x, p.y);
    await page.mouse.click(s.x, s.y);
  }
  await expect(page.getByText('Placed: glabella, left eye corner, right eye corner.')).toBeVisible();

  // A natural hairline at 8 cm.
  await unfold(page, 'Templates');
  await page.getByLabel('Hairline style (front photo)').selectOption({ label: 'Natural / soft' });
  const height = page.getByRole('spinbutton', { name: 'Hairline height above glabella (cm) in centimetres' });
  await height.fill('8');
  await height.press('Enter');
  await page.getByRole('button', { name: 'Apply hairline' }).click();
  await expect(page.getByText(/^Hairline: 8\.0 cm above the glabella, \d+\.\d cm wide\.$/)).toBeVisible();
  let d = await app<Design>(page, 'store.getState().design');
  expect(d.areas).toHaveLength(1);
  expect(d.areas[0]!.mirrored).toBe(true);

  // Mirror editing: move the image-left temple point; the right one follows.
  const n = d.areas[0]!.points.length;
  const p = d.areas[0]!.points[2]!;
  await dragImage(page, p, { x: p.x - 15, y: p.y - 10 });
  d = await app<Design>(page, 'store.getState().design');
  const partner = d.areas[0]!.points[n - 2]!;
  const mirrored = mirrorPoint(d.areas[0]!.points[2]!, midline(d));
  expect(Math.hypot(partner.x - mirrored.x, partner.y - mirrored.y)).toBeLessThan(0.01);

  // The export has dots on the forehead only behind the new line: along the midline, the lowest
  // dot lies within the irregularity (macro + micro + stray zone) of 8 cm above the glabella.
  // The uploaded PNG is lossless: the photo's pixels are the generated ones.
  const photo = { width: size, height: size, data: new Uint8Array(face.image.rgba.buffer) };
  const before = (await exportPng(page)).image;
  const cm = d.scale.pxPerCm;
  const col0 = Math.round(glabella.x - 1.0 * cm);
  const col1 = Math.round(glabella.x + 1.0 * cm);
  let lowest = -1;
  for (let y = Math.round(glabella.y - 3 * cm); y > 0 && lowest < 0; y--) {
    for (let x = col0; x <= col1; x++) {
      const i = y * size + x;
      if (luma(photo, i) - luma(before, i) > 8) {
        lowest = y;
        break;
      }
    }
  }
  const { macroMm, microMm } = d.irregularity;
  const lowestCm = (glabella.y - lowest) / cm;
  console.log(`front photo: lowest dot on the midline band ${lowestCm.toFixed(2)} cm above the glabella`);
  expect(lowestCm).toBeGreaterThan(8 - (macroMm + microMm + 4) / 10 - 0.05);
  expect(lowestCm).toBeLessThan(8 + 0.8);

  // Raise the density with the brush on the image-right side; the image-left side is untouched.
  await unfold(page, 'Density brush');
  await page.getByLabel('Brush mode').selectOption('raise');
  const from = { x: glabella.x + 1.5 * cm, y: glabella.y - 10 * cm };
  await dragImage(page, from, { x: from.x + 1.5 * cm, y: from.y });
  const after = (await exportPng(page)).image;
  const stroke = (await app<Design>(page, 'store.getState().design')).brush[0]!;
  // The stroke's radius, plus how far a dot's halo reaches (3 σ of red, the widest) and a few px.
  const reach = ((stroke.radiusMm + 3 * HALO_SIGMA_MM[0]) / 10) * cm + 3;
  const sa = stroke.points[0]!;
  const sb = stroke.points[stroke.points.length - 1]!;
  let elsewhere = 0;
  let darkerUnder = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const diff = luma(before, i) - luma(after, i);
      if (distanceToSegment(x + 0.5, y + 0.5, sa, sb) > reach) {
        if (Math.abs(diff) > 1) elsewhere++;
      } else if (diff > 8) darkerUnder++;
    }
  }
  console.log(`front photo brush: ${elsewhere} pixels changed beyond the stroke, ${darkerUnder} pixels darker under it`);
  expect(elsewhere).toBe(0);
  // Raising by 0.3 adds about 0.3 × 100 dots/cm² over the stroke's 2.2 cm²: some 60 dots.
  expect(darkerUnder).toBeGreaterThan(60);
  await page.screenshot({ path: 'test-results/screens/front-hairline.png' });
});

test('before/after split: the keyboard and the mouse move the divider; the export shows the photo left of it and the design right of it', async ({ page }) => {
  await openApp(page);
  const full = (await exportPng(page)).image;
  const photo = await photoRgba(page);
  await openStep(page, 'Show');
  await page.getByRole('checkbox', { name: 'Before/after split' }).check();
  const divider = page.getByRole('slider', { name: 'Divider position (% of the photo width)' });
  await divider.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowLeft');
  await expect(divider).toHaveValue('60');
  const w = full.width;
  const h = full.height;
  await dragImage(page, { x: 0.6 * w, y: h / 2 }, { x: 0.45 * w, y: h / 2 });
  const split = await app<number>(page, 'store.getState().view.compare.split');
  expect(Math.abs(split - 0.45)).toBeLessThan(0.01);
  await expect(divider).toHaveValue(String(Math.round(split * 100)));
  const shown = (await exportPng(page)).image;
  const xs = split * w;
  const pxPerMm = (await app<number>(page, 'store.getState().design.scale.pxPerCm')) / 10;
  const reach = Math.ceil(CORE_EXTENT_SIGMAS * coreSigmaMm('1RL-0.25') * (1 + DOT_SIZE_VARIATION) * pxPerMm) + 1;
  let leftDots = 0;
  let rightDiff = 0;
  let rightDots = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      // A dot's centre decides its side; allow its core's reach (3 σ of the widest core, 0.15 mm
      // + 18 %, about 4 px here) and a pixel on either side of the divider.
      if (x < xs - reach) {
        if (Math.abs(luma(photo, i) - luma(shown, i)) > 1) leftDots++;
        if (luma(photo, i) - luma(full, i) > 6) rightDots++; // dots the full design has on this side
      } else if (x > xs + reach) {
        if (Math.abs(luma(full, i) - luma(shown, i)) > 1) rightDiff++;
      }
    }
  }
  console.log(`split at ${(split * 100).toFixed(1)} %: ${leftDots} changed pixels left (the design had ${rightDots} dot pixels there), ${rightDiff} differing right`);
  expect(rightDots).toBeGreaterThan(1000);
  expect(leftDots).toBe(0);
  expect(rightDiff).toBe(0);
});
