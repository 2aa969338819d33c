/**
 * The hairline toolkit in the built app: a template, mirror editing, the density brush, and what
 * each does to the exported image.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Design } from '../../src/core/document/types.ts';
import { distanceToSegment } from '../../src/core/math/polygon.ts';
import { mirrorPoint, midline } from '../../src/core/landmarks.ts';
import { app, exportPng, openApp, photoRgba, toPage } from './app.ts';
import { luma } from './analysis.ts';

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
  await page.getByLabel('Pattern (top photo)').selectOption({ label: 'Norwood III' });
  await page.getByRole('button', { name: 'Apply pattern' }).click();
  let d = await design(page);
  expect(d.areas).toHaveLength(1);
  expect(d.areas[0]!.hairlineEdges.filter(Boolean).length).toBeGreaterThan(3);

  // Mirror editing: drag a point on one side with the mouse; its partner follows.
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
  await page.getByLabel('Brush mode').selectOption('lower');
  await expect(page.getByRole('button', { name: 'Density brush', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const radius = page.getByRole('spinbutton', { name: 'Brush size, radius (mm) in millimetres' });
  await radius.fill('8');
  await radius.press('Enter');
  const strength = page.getByRole('spinbutton', { name: 'Brush strength in change at the centre, 0 to 1' });
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
  const reach = 8 * pxPerMm + 3;
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
        if (luma(photo, i) - luma(before, i) > 6) coreDotsBefore++;
        if (luma(photo, i) - luma(after, i) > 6) coreDotsAfter++;
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
