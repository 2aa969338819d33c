/**
 * Accessibility of the built app: axe-core finds no serious or critical problem on any screen, the
 * whole flow (upload, draw, set parameters, export) works from the keyboard alone with a visible
 * focus, sliders announce their units, touch targets are at least 44 CSS px, and the layout holds
 * on a 1024 × 768 tablet and at 200 % zoom.
 *
 * 200 % zoom is emulated as the browser does it: a 1280 × 800 window zoomed to 200 % lays the page
 * out in a 640 × 400 CSS px viewport with two device pixels per CSS px, so those tests use
 * `viewport: 640 × 400, deviceScaleFactor: 2`.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { readFile } from 'node:fs/promises';
import { fitPxPerCm, renderScalpScene } from '../../src/core/demo/scalpImage.ts';
import type { ImagePoint } from '../../src/core/math/types.ts';
import { app, chooseFile, openApp, openStep, type StepName } from './app.ts';

/** The viewport a 1280 × 800 window has at 200 % zoom, in CSS px. */
const ZOOM_200 = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } as const;
const TABLET = { viewport: { width: 1024, height: 768 } } as const;

/** Runs axe on the page as it is and fails on any serious or critical violation, listing them. */
async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  // Nothing is excluded: the WebGL canvas host (role application, named) stays in scope.
  const { violations } = await new AxeBuilder({ page }).analyze();
  const counts = violations.reduce<Record<string, number>>((c, v) => ({ ...c, [v.impact ?? 'unknown']: (c[v.impact ?? 'unknown'] ?? 0) + v.nodes.length }), {});
  console.log(`axe, ${screen}: ${violations.length === 0 ? 'no violations' : `${JSON.stringify(counts)} (${violations.map((v) => v.id).join(', ')})`}`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`).join('\n');
  expect(serious, `axe on ${screen}:\n${report}`).toEqual([]);
}

test.describe('axe finds no serious or critical violations', () => {
  test('main screen, Help, Client library, a notice, side by side and presentation', async ({ page }) => {
    await openApp(page);
    await expectNoSeriousViolations(page, 'main screen (demo)');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Shortcuts and gestures' });
    await expect(help).toBeVisible();
    await expectNoSeriousViolations(page, 'Help dialog');
    await help.getByRole('button', { name: 'Close' }).click();
    await expect(help).toBeHidden();

    await openStep(page, 'Records');
    await page.getByRole('button', { name: 'Client library' }).click();
    const library = page.getByRole('dialog', { name: 'Client library' });
    await expect(library.getByRole('status')).toHaveText(/design/);
    await expectNoSeriousViolations(page, 'Client library dialog');
    await library.getByRole('button', { name: 'Close' }).click();
    await expect(library).toBeHidden();

    await openStep(page, 'Design');
    const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
    await density.fill('500');
    await density.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Density must be between 10 and 150 dots/cm²');
    await expectNoSeriousViolations(page, 'error notice shown');
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    await openStep(page, 'Show');
    await page.getByRole('checkbox', { name: 'Side by side: before and after each session' }).check();
    await expect(page.locator('#strip')).toHaveAttribute('data-panels', '4', { timeout: 30_000 });
    await expectNoSeriousViolations(page, 'side-by-side strip');
    await page.getByRole('button', { name: 'Close side by side' }).click();

    await page.getByRole('button', { name: 'Present to client' }).click();
    await expect(page.getByRole('toolbar', { name: 'Presentation' })).toBeVisible();
    await expectNoSeriousViolations(page, 'presentation mode');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('toolbar', { name: 'Presentation' })).toBeHidden();
  });

  test.describe('on a 1024 × 768 tablet', () => {
    test.use(TABLET);
    test('main screen', async ({ page }) => {
      await openApp(page);
      await expectNoSeriousViolations(page, '1024 × 768 viewport');
    });
  });

  test.describe('at 200 % zoom', () => {
    test.use(ZOOM_200);
    test('main screen and presentation', async ({ page }) => {
      await openApp(page);
      await expectNoSeriousViolations(page, '200 % zoom (640 × 400 CSS px, 2 device px per CSS px)');
      await page.getByRole('button', { name: 'Present to client' }).click();
      await expect(page.getByRole('toolbar', { name: 'Presentation' })).toBeVisible();
      await expectNoSeriousViolations(page, 'presentation mode at 200 % zoom');
    });
  });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** The focused element draws a focus ring: an outline at least 2 px wide, not `none`. */
async function expectFocusRing(page: Page, what: string): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    return { element: `${el.tagName.toLowerCase()}#${el.id}`, style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
  });
  expect(ring.style, `focus ring on ${what} (${ring.element})`).not.toBe('none');
  expect(ring.width, `focus ring width on ${what} (${ring.element})`).toBeGreaterThanOrEqual(2);
}

test('the whole flow by keyboard alone: upload, draw an area, set Density, export', async ({ page }) => {
  const w = 1200;
  const h = 900;
  const photo = renderScalpScene({ widthPx: w, heightPx: h, pxPerCm: fitPxPerCm(w, h), seed: 5 }).image;
  const png = encode({ width: w, height: h, data: new Uint8Array(photo.rgba.buffer), channels: 4 });
  await openApp(page);

  // Upload: Tab reaches "Upload photo" first; Enter opens the system file chooser.
  const upload = page.getByRole('button', { name: 'Upload photo' });
  await page.keyboard.press('Tab');
  await expect(upload).toBeFocused();
  await expectFocusRing(page, 'Upload photo');
  await chooseFile(page, () => page.keyboard.press('Enter'), { name: 'keyboard-client.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByText(/^Opened keyboard-client\.png \(1200 × 900 px\)/)).toBeVisible();
  const start = await app<{ areas: number; pxPerCm: number; density: number }>(page, '({ areas: store.getState().design.areas.length, pxPerCm: store.getState().design.scale.pxPerCm, density: store.getState().design.dots.densityPerCm2 })');

  // Draw area: the tool button, then the canvas, where arrows move a cursor and Space places points.
  const draw = page.getByRole('button', { name: 'Draw area' });
  await tabTo(page, draw);
  await expectFocusRing(page, 'Draw area');
  await page.keyboard.press('Enter');
  await expect(draw).toHaveAttribute('aria-pressed', 'true');
  const canvas = page.getByRole('application', { name: /^Scalp photo with the design/ });
  await tabTo(page, canvas);
  await expectFocusRing(page, 'the canvas');
  // The cursor starts at the centre of the photo (all of it is on screen after the upload).
  const centre = { x: w / 2, y: h / 2 };
  const cm = start.pxPerCm;
  const corners: [number, number][] = [
    [-4, -3],
    [4, -3],
    [4, 3],
    [-4, 3],
  ];
  const at = { x: 0, y: 0 };
  for (const [cx, cy] of corners) {
    for (; at.x < cx; at.x++) await page.keyboard.press('Shift+ArrowRight');
    for (; at.x > cx; at.x--) await page.keyboard.press('Shift+ArrowLeft');
    for (; at.y < cy; at.y++) await page.keyboard.press('Shift+ArrowDown');
    for (; at.y > cy; at.y--) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Space');
  }
  // The crosshair shows where the next point goes, and the hint says it in cm.
  await expect(page.locator('.key-cursor')).toBeVisible();
  await expect(page.locator('#tool-hint')).toHaveText(new RegExp(`^Cursor ${((centre.x - 4 * cm) / cm).toFixed(1)} cm from the photo's left edge, ${((centre.y + 3 * cm) / cm).toFixed(1)} cm from its top; 4 points placed\\.`));
  // Two 1 mm steps right and back: the last point stays where it is.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Select', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.key-cursor')).toBeHidden();
  const areas = await app<{ points: ImagePoint[] }[]>(page, 'store.getState().design.areas');
  expect(areas).toHaveLength(start.areas + 1);
  const drawn = areas.at(-1)!.points;
  expect(drawn).toHaveLength(4);
  drawn.forEach((p, i) => {
    expect(p.x).toBeCloseTo(centre.x + corners[i]![0] * cm, 6);
    expect(p.y).toBeCloseTo(centre.y + corners[i]![1] * cm, 6);
  });
  await expect(canvas).toBeFocused();
  await expectFocusRing(page, 'the canvas after closing the outline');

  // Density: the slider by arrow keys, then the number field by typing.
  const slider = page.getByRole('slider', { name: 'Density (dots/cm²)' });
  await tabTo(page, slider);
  await expectFocusRing(page, 'the Density slider');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(start.density + 3);
  await expect(slider).toHaveAttribute('aria-valuetext', `${start.density + 3} dots/cm²`);
  const number = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
  await tabTo(page, number);
  await expectFocusRing(page, 'the Density number field');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('64');
  await page.keyboard.press('Enter');
  await expect.poll(() => app<number>(page, 'store.getState().design.dots.densityPerCm2')).toBe(64);

  // Export: Ctrl+E saves the PNG at the photo's full resolution.
  const download = page.waitForEvent('download', { timeout: 110_000 });
  await page.keyboard.press('Control+E');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const exported = decode(await readFile(await file.path()));
  expect([exported.width, exported.height]).toEqual([w, h]);
});

test('sliders announce their units in their names and values', async ({ page }) => {
  await openApp(page);
  const cases: { step: StepName; name: RegExp; number: string; valueText: RegExp }[] = [
    { step: 'Design', name: /^Density \(dots\/cm²\)$/, number: 'Density in dots per cm²', valueText: /^\d+ dots\/cm²$/ },
    { step: 'Design', name: /^Transition zone \(mm\)$/, number: 'Transition zone in mm', valueText: /^[\d.]+ mm$/ },
    { step: 'Design', name: /^Placement \(% from even to natural\)$/, number: 'Placement in % from even to natural', valueText: /^\d+ %$/ },
    { step: 'Show', name: /^Years after healing$/, number: 'Years after healing in years', valueText: /^[\d.]+ years$/ },
    { step: 'Plan', name: /^Share of the final density \(%\)$/, number: 'Share of the final density (%) in percent', valueText: /^\d+ %$/ },
    { step: 'Plan', name: /^Dilution \(water:pigment\)$/, number: 'Dilution (water:pigment) in parts water per part pigment', valueText: /^[\d.]+:1, [\d.]+ parts water per part pigment$/ },
  ];
  for (const c of cases) {
    await openStep(page, c.step);
    const slider = page.getByRole('slider', { name: c.name });
    await expect(slider).toHaveCount(1);
    await expect(slider).toHaveAttribute('aria-valuetext', c.valueText);
    await expect(page.getByRole('spinbutton', { name: c.number, exact: true })).toHaveCount(1);
  }
  // A value changed by keyboard is announced with its unit.
  const share = page.getByRole('slider', { name: /^Share of the final density/ });
  await share.focus();
  await page.keyboard.press('ArrowRight');
  await expect(share).toHaveAttribute('aria-valuetext', /^\d+ %$/);
});

/**
 * Visible controls of `scope` (a CSS selector) smaller than 44 × 44 CSS px, after checking that
 * there are at least `least` of them; checkboxes count by their label row's height.
 */
async function smallTargets(page: Page, scope: string, least: number): Promise<{ small: string[]; seen: number }> {
  const { small, seen } = await page.evaluate((scope) => {
    const small: string[] = [];
    let seen = 0;
    const name = (el: Element): string => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    for (const root of document.querySelectorAll(scope)) {
      for (const el of root.querySelectorAll<HTMLElement>('button, select, input, textarea, label.check')) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        seen++;
        const box = el.getBoundingClientRect();
        if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
          // The clickable target is the label row around it.
          const row = el.closest('label')?.getBoundingClientRect();
          if (!row || row.height < 44) small.push(`checkbox "${name(el.closest('label') ?? el)}" row ${row?.height.toFixed(1)} px high`);
          continue;
        }
        if (el.matches('label.check')) continue;
        // A range input counts by its box: the thumb moves wherever the track is pressed.
        if (box.width < 44 || box.height < 44) small.push(`${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''} "${name(el)}" ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
      }
    }
    return { small, seen };
  }, scope);
  expect(seen, `visible controls in ${scope}`).toBeGreaterThanOrEqual(least);
  return { small, seen };
}

test.describe('touch targets are at least 44 × 44 CSS px', () => {
  for (const [label, size] of [
    ['1280 × 800', { viewport: { width: 1280, height: 800 } }],
    ['a 1024 × 768 tablet', TABLET],
  ] as const) {
    test.describe(`on ${label}`, () => {
      test.use(size);
      test('toolbar, side panel, notices and presentation bar', async ({ page }) => {
        await openApp(page);
        // Every step's controls, and the tools; then each folded section, unfolded in turn (they
        // open one at a time, as an accordion), counted by its own controls.
        const small: string[] = [];
        let seen = 0;
        for (const step of ['Photo', 'Scale', 'Design', 'Plan', 'Show', 'Records'] as const) {
          await openStep(page, step);
          const r = await smallTargets(page, step === 'Photo' ? '.toolbar, .panel' : '.panel', 1);
          small.push(...r.small);
          seen += r.seen;
          const folded = page.getByRole('tabpanel', { name: step }).locator('details:not([open]):not([hidden]) > summary');
          for (const section of await folded.allTextContents()) {
            await page.locator('summary', { hasText: section }).click();
            const f = await smallTargets(page, `#step-${step.toLowerCase()} details[open]`, 1);
            small.push(...f.small);
            seen += f.seen;
          }
        }
        // The aftercare plan's own view, with an Edit and a Remove for each line.
        await openStep(page, 'Records');
        await page.getByRole('button', { name: 'Open aftercare plan' }).click();
        const aftercare = await smallTargets(page, '#aftercare-dialog', 20);
        small.push(...aftercare.small);
        seen += aftercare.seen;
        await page.getByRole('dialog', { name: 'Aftercare plan' }).getByRole('button', { name: 'Close' }).click();
        expect(seen).toBeGreaterThanOrEqual(150);
        expect(small).toEqual([]);
        await openStep(page, 'Design');
        const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
        await density.fill('5');
        await density.press('Enter');
        await expect(page.getByRole('alert')).toBeVisible();
        expect((await smallTargets(page, '#notices', 1)).small).toEqual([]);
        await page.getByRole('button', { name: 'Dismiss message' }).click();
        await openStep(page, 'Records');
        await page.getByRole('button', { name: 'Client library' }).click();
        await expect(page.getByRole('dialog', { name: 'Client library' })).toBeVisible();
        expect((await smallTargets(page, '#library-dialog', 2)).small).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Present to client' }).click();
        await expect(page.getByRole('toolbar', { name: 'Presentation' })).toBeVisible();
        expect((await smallTargets(page, '.present-bar', 9)).small).toEqual([]);
      });
    });
  }
});

/** Whether the element is the topmost thing at its own centre once scrolled into view (so not clipped or covered). */
async function reachable(target: Locator): Promise<boolean> {
  await target.scrollIntoViewIfNeeded();
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

async function expectLayoutHolds(page: Page, where: string): Promise<void> {
  await openApp(page);
  // No sideways scrolling of the page.
  const page_ = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(page_.scrollWidth, `page width ${where}`).toBeLessThanOrEqual(page_.clientWidth + 1);
  // The canvas is on screen with room to work.
  const canvas = page.getByRole('application', { name: /^Scalp photo with the design/ });
  await expect(canvas).toBeInViewport();
  const box = (await canvas.boundingBox())!;
  expect(box.width, `canvas width ${where}`).toBeGreaterThanOrEqual(300);
  expect(box.height, `canvas height ${where}`).toBeGreaterThanOrEqual(200);
  // Every toolbar button can be reached: it wraps or scrolls, never clipped or covered.
  const toolbar = page.getByRole('navigation', { name: 'Tools' });
  const buttons = await toolbar.getByRole('button').all();
  expect(buttons.length).toBeGreaterThanOrEqual(12);
  const unreachable: string[] = [];
  for (const b of buttons) if (!(await reachable(b))) unreachable.push((await b.textContent()) ?? '?');
  expect(unreachable, `toolbar buttons out of reach ${where}`).toEqual([]);
  // The settings scroll: the last control and the first one of the tallest step can both be brought into view.
  await openStep(page, 'Records');
  const panel = page.getByRole('complementary', { name: 'Design settings' });
  const controls = panel.locator('button:visible, input:visible, select:visible');
  expect(await reachable(controls.last()), `last settings control ${where}`).toBe(true);
  expect(await reachable(panel.getByLabel('Client name')), `first settings control ${where}`).toBe(true);
  const after = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(after, `page width after scrolling ${where}`).toBeLessThanOrEqual(1);
}

test.describe('layout on a 1024 × 768 tablet', () => {
  test.use(TABLET);
  test('canvas, toolbar and settings all usable; no sideways scrolling', async ({ page }) => {
    await expectLayoutHolds(page, 'at 1024 × 768');
    // The settings panel scrolls on its own beside the canvas.
    await openStep(page, 'Design');
    const panel = await page.evaluate(() => {
      const p = document.getElementById('design-panel')!;
      return { overflowY: getComputedStyle(p).overflowY, scrolls: p.scrollHeight > p.clientHeight, scrollTop: p.scrollTop };
    });
    expect(panel.overflowY).toBe('auto');
    expect(panel.scrolls).toBe(true);
  });
});

test.describe('layout at 200 % zoom', () => {
  test.use(ZOOM_200);
  test('canvas fills the window below the toolbar; settings follow below it; no sideways scrolling', async ({ page }) => {
    await expectLayoutHolds(page, 'at 200 % zoom');
    // The page scrolls down to the settings (the canvas keeps the first screen).
    const doc = await page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, clientHeight: document.documentElement.clientHeight }));
    expect(doc.scrollHeight).toBeGreaterThan(doc.clientHeight);
    // Focus moved by Tab into the settings is scrolled into view.
    await page.evaluate(() => window.scrollTo(0, 0));
    const canvas = page.getByRole('application', { name: /^Scalp photo with the design/ });
    await canvas.focus();
    await openStep(page, 'Records');
    await page.evaluate(() => window.scrollTo(0, 0));
    await canvas.focus();
    const name = page.getByLabel('Client name');
    await tabTo(page, name);
    await expect(name).toBeInViewport();
  });
});
