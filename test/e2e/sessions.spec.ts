/**
 * Sessions and outcomes on the built app: a three-session plan set through the Sessions panel,
 * exports after session 1 and 3, fresh and healed, the comparison sheet, presentation mode and
 * Match existing hair. Numbers come from the exported pixels.
 */
import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { readFile } from 'node:fs/promises';
import { smoothOutline } from '../../src/core/areas.ts';
import { scalpLayout } from '../../src/core/demo/scalpLayout.ts';
import { fitPxPerCm } from '../../src/core/demo/scalpImage.ts';
import { DEMO_HEIGHT_PX, DEMO_SEED, DEMO_WIDTH_PX } from '../../src/demo.ts';
import type { Design } from '../../src/core/document/types.ts';
import { interiorPatch } from '../helpers/fringe.ts';
import { app, exportPng, openApp, openStep, photoRgba, setEvenPlacement, toPage, unfold, type Rgba } from './app.ts';
import { countBlobs, dotPixels, interiorPixels } from './analysis.ts';

/** Sets one session's share, dilution and date through the Sessions panel. */
async function setSession(page: Page, k: number, share: number, dilution: number, date: string): Promise<void> {
  await page.getByRole('button', { name: `Edit session ${k}` }).click();
  await expect(page.getByRole('group', { name: `Session ${k}` })).toBeVisible();
  for (const [name, value] of [
    ['Share of the final density (%) in percent', share],
    ['Dilution (water:pigment) in parts water per part pigment', dilution],
  ] as const) {
    const field = page.getByRole('spinbutton', { name });
    await field.fill(String(value));
    await field.press('Enter');
  }
  await page.getByLabel('Date', { exact: true }).fill(date);
}

/**
 * Mean darkening of the red channel (photo − export, levels) over a mask. Red, because the redness
 * of fresh skin takes green and blue down and leaves red alone: what is left is the dots.
 */
function meanDarkening(before: Rgba, after: Rgba, mask: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    sum += before.data[i * 4]! - after.data[i * 4]!;
    n++;
  }
  return sum / n;
}

/** Mean reddening over a mask: how much more green fell than red, as a fraction of green. */
function rednessOf(before: Rgba, after: Rgba, mask: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const r = after.data[i * 4]! / Math.max(1, before.data[i * 4]!);
    const g = after.data[i * 4 + 1]! / Math.max(1, before.data[i * 4 + 1]!);
    sum += r - g;
    n++;
  }
  return sum / n;
}

test('a three-session plan: darker with each session, fresh darker than healed, each export what is shown', async ({ page }) => {
  await openApp(page);
  // Build the plan from one session up, through the panel.
  await openStep(page, 'Plan');
  const remove = page.getByRole('button', { name: 'Remove last session' });
  await remove.click();
  await remove.click();
  await page.getByRole('button', { name: 'Add session' }).click();
  await page.getByRole('button', { name: 'Add session' }).click();
  await setSession(page, 1, 30, 8, '2027-01-04');
  await setSession(page, 2, 50, 5, '2027-01-18');
  await setSession(page, 3, 20, 3, '2027-02-15');
  const plan = await app<Design['sessions']>(page, 'store.getState().design.sessions');
  expect(plan).toEqual([
    { date: '2027-01-04', sharePercent: 30, dilutionWaterParts: 8, needle: '1RL-0.25' },
    { date: '2027-01-18', sharePercent: 50, dilutionWaterParts: 5, needle: '1RL-0.25' },
    { date: '2027-02-15', sharePercent: 20, dilutionWaterParts: 3, needle: '1RL-0.25' },
  ]);
  await expect(page.getByRole('row', { name: /18 Jan 50 % 5:1 1RL 0\.25 [\d,]+/ })).toBeVisible();

  // Even placement, so that the dots counted below never touch.
  await setEvenPlacement(page);
  const before = await photoRgba(page);
  const design = await app<Design>(page, 'store.getState().design');
  const deep = interiorPixels(before.width, before.height, smoothOutline(design.areas[0]!.points).points, (design.dots.transitionMm + 6) * (design.scale.pxPerCm / 10));
  const stats0 = await app<{ regenerations: number; uploads: number }>(page, '({ regenerations: scene.stats.regenerations, uploads: scene.uploads })');
  await openStep(page, 'Show');
  const show = page.getByRole('combobox', { name: 'Show' });
  const healing = page.getByRole('combobox', { name: 'Healing' });
  const results: Record<string, { dark: number; redness: number; dots: number }> = {};
  for (const session of ['1', '3']) {
    for (const stage of ['healed', 'fresh']) {
      await show.selectOption(session);
      await healing.selectOption(stage);
      await expect(page.locator('#show-status')).toContainText(`After session ${session} of 3`);
      const image = (await exportPng(page)).image;
      results[`${session}-${stage}`] = { dark: meanDarkening(before, image, deep), redness: rednessOf(before, image, deep), dots: countBlobs(dotPixels(before, image, 1.5 * (design.scale.pxPerCm / 10)), before.width, before.height, deep) };
    }
  }
  console.log(`red-channel darkening (levels), redness and dots: ${JSON.stringify(results)}`);
  // Stepping through the plan changes uniforms only.
  expect(await app(page, '({ regenerations: scene.stats.regenerations, uploads: scene.uploads })')).toEqual(stats0);
  // Darker with sessions, fresh darker than healed.
  expect(results['3-healed']!.dark).toBeGreaterThan(results['1-healed']!.dark * 2);
  expect(results['1-fresh']!.dark).toBeGreaterThan(results['1-healed']!.dark * 1.5);
  expect(results['3-fresh']!.dark).toBeGreaterThan(results['3-healed']!.dark);
  // Fresh skin is reddened (green down against red); healed skin keeps only the slight warm-grey
  // cast of healed carbon (green absorbed a little more than red, Δa* about +1 in real work).
  // The flush is mild, never the saturated patch of a uniform tint.
  expect(results['1-fresh']!.redness).toBeGreaterThan(results['1-healed']!.redness + 0.004);
  expect(results['1-fresh']!.redness).toBeLessThan(0.05);
  expect(Math.abs(results['1-healed']!.redness)).toBeLessThan(0.025);
  // Session 1 places 30 % of the dots of the finished design.
  const share = results['1-healed']!.dots / results['3-healed']!.dots;
  expect(share).toBeGreaterThan(0.25);
  expect(share).toBeLessThan(0.35);
});

test('the comparison sheet: before plus one captioned panel per session, darker panel by panel', async ({ page }) => {
  await openApp(page);
  await openStep(page, 'Show');
  const download = page.waitForEvent('download', { timeout: 110_000 });
  await page.getByRole('button', { name: 'Export comparison sheet PNG' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^smp-demo-scalp-\d{4}-\d{2}-\d{2}-\d{4}-comparison\.png$/);
  const png = decode(await readFile(await d.path()));
  const ch = png.channels;
  const at = (x: number, y: number): number => {
    const i = (y * png.width + x) * ch;
    return 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
  };
  // Panels are photo pixels between white gaps: count the runs of non-white along the middle row.
  const y = Math.round(png.height / 2);
  const runs: { x0: number; x1: number }[] = [];
  for (let x = 0; x < png.width; x++) {
    const white = at(x, y) > 250;
    if (!white && (runs.length === 0 || runs[runs.length - 1]!.x1 !== x - 1)) runs.push({ x0: x, x1: x });
    else if (!white) runs[runs.length - 1]!.x1 = x;
  }
  const panels = runs.filter((r) => r.x1 - r.x0 > 100);
  expect(panels).toHaveLength(4);
  // Each panel darker than the one before it at the centre of the treated area.
  const centreLuma = panels.map((r) => {
    const cx = Math.round((r.x0 + r.x1) / 2);
    const half = Math.round((r.x1 - r.x0) / 8);
    let sum = 0;
    let n = 0;
    for (let yy = y - half; yy < y + half; yy++) for (let xx = cx - half; xx < cx + half; xx++, n++) sum += at(xx, yy);
    return sum / n;
  });
  console.log(`comparison sheet ${png.width} x ${png.height}, panel centre luma ${centreLuma.map((v) => v.toFixed(1)).join(', ')}`);
  for (let i = 1; i < centreLuma.length; i++) expect(centreLuma[i]).toBeLessThan(centreLuma[i - 1]!);
  await expect(page.getByText(/comparison\.png \(\d+ × \d+ px, 4 panels\)/)).toBeVisible();
  // The strip on screen is the same picture.
  await page.getByRole('checkbox', { name: 'Side by side: before and after each session' }).check();
  await expect(page.locator('#strip')).toHaveAttribute('data-panels', '4', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Close side by side' }).click();
  await expect(page.locator('#strip')).toBeHidden();
});

test('presentation: tools hidden, arrows step through sessions, Escape returns', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Present to client' }).click();
  const bar = page.getByRole('toolbar', { name: 'Presentation' });
  await expect(bar).toBeVisible();
  await expect(page.getByRole('button', { name: 'Upload photo' })).toBeHidden();
  await expect(bar.getByRole('button', { name: 'Session 3' })).toHaveAttribute('aria-pressed', 'true');
  await expect(bar.getByRole('button', { name: 'Session 3' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(bar.getByRole('button', { name: 'Session 1' })).toHaveAttribute('aria-pressed', 'true');
  // The focus ring follows the session shown.
  await expect(bar.getByRole('button', { name: 'Session 1' })).toBeFocused();
  await bar.getByRole('button', { name: 'Fresh' }).click();
  expect(await app(page, 'store.getState().view.show')).toEqual({ session: 1, alone: false, stage: 'fresh', years: 0 });
  expect(await app(page, 'store.getState().view.showOverlay')).toBe(false);
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(page.getByRole('button', { name: 'Upload photo' })).toBeVisible();
  expect(await app(page, 'store.getState().view.showOverlay')).toBe(true);
});

test('match existing hair: a patch of the demo stubble suggests a density near the generated 60 /cm², applied in one undo step', async ({ page }) => {
  await openApp(page);
  const layout = scalpLayout({ widthPx: DEMO_WIDTH_PX, heightPx: DEMO_HEIGHT_PX, pxPerCm: fitPxPerCm(DEMO_WIDTH_PX, DEMO_HEIGHT_PX), seed: DEMO_SEED });
  const patch = interiorPatch(layout, 1.5, 1.5)!;
  await unfold(page, 'Match existing hair');
  await page.getByRole('button', { name: 'Mark reference patch' }).click();
  const a = await toPage(page, patch.x0, patch.y0);
  const b = await toPage(page, patch.x0 + patch.w, patch.y0 + patch.h);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
  const measured = page.getByText(/^Measured on [\d.]+ cm²: \d+ follicles, (\d+) per cm²/);
  await expect(measured).toBeVisible();
  const perCm2 = Number(/(\d+) per cm²/.exec((await measured.textContent())!)![1]);
  expect(Math.abs(perCm2 / 60 - 1)).toBeLessThan(0.15);
  const suggested = (await page.getByText(/^Suggested: Density/).textContent())!;
  const [, density, dilution] = /Density (\d+) dots\/cm², and dilution ([\d.]+):1/.exec(suggested)!;
  const steps = await app<number>(page, 'store.getState().history.past.length');
  await page.getByRole('button', { name: 'Apply suggestions' }).click();
  const after = await app<{ d: number; w: number; steps: number }>(page, '({ d: store.getState().design.dots.densityPerCm2, w: store.getState().design.sessions[2].dilutionWaterParts, steps: store.getState().history.past.length })');
  expect(after).toEqual({ d: Number(density), w: Number(dilution), steps: steps + 1 });
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(100);

  // Bare skin 2 cm nearer the head's centre, clear of the fringe: the shade joins the suggestion,
  // with a needle, and Apply sets density, needle and dilution in one step.
  const dx = layout.head.centreXPx - (patch.x0 + patch.w / 2);
  const dy = layout.head.centreYPx - (patch.y0 + patch.h / 2);
  const shift = (2.5 * layout.pxPerCm) / Math.hypot(dx, dy);
  const c = await toPage(page, patch.x0 + patch.w / 2 + dx * shift, patch.y0 + patch.h / 2 + dy * shift);
  await page.getByRole('button', { name: 'Mark bare skin' }).click();
  await page.mouse.click(c.x, c.y);
  const shade = page.getByText(/Against the bare skin it shades the scalp (\d+) % darker\./);
  await expect(shade).toBeVisible();
  expect(Number(/shades the scalp (\d+) %/.exec((await shade.textContent())!)![1])).toBeGreaterThan(5);
  const withShade = (await page.getByText(/^Suggested: Density/).textContent())!;
  const [, d2, w2, needle] = /Density (\d+) dots\/cm², and dilution ([\d.]+):1 with (?:a|the) (\dRL 0\.\d\d) mm needle/.exec(withShade)!;
  expect(withShade).toMatch(/Healed, the dots shade bare skin \d+ % darker/);
  const before = await app<number>(page, 'store.getState().history.past.length');
  await page.getByRole('button', { name: 'Apply suggestions' }).click();
  const applied = await app<{ d: number; w: number; needle: string; steps: number }>(
    page,
    '({ d: store.getState().design.dots.densityPerCm2, w: store.getState().design.sessions[2].dilutionWaterParts, needle: store.getState().design.sessions[2].needle, steps: store.getState().history.past.length })',
  );
  expect(applied).toEqual({ d: Number(d2), w: Number(w2), needle: needle!.replace(' ', '-'), steps: before + 1 });
  await page.getByRole('button', { name: 'Clear patches' }).click();
  await expect(page.getByText('No patch marked.')).toBeVisible();
});
