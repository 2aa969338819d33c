/**
 * The consultation workspace: the side panel as steps (one page at a time, tabs by keyboard), each
 * tool opening its step, Compare and Present in the top bar, every step short enough to use at
 * 1280 × 800 and 1024 × 768, and the aftercare plan in its own view.
 */
import { expect, test, type Page } from '@playwright/test';
import { decode, encode } from 'fast-png';
import { renderScalpScene } from '../../src/core/demo/scalpImage.ts';
import { fitPxPerCm } from '../../src/core/demo/scalpLayout.ts';
import { app, chooseFile, openApp, openStep, toPage, unfold, type StepName } from './app.ts';

const STEPS: readonly StepName[] = ['Photo', 'Scale', 'Design', 'Plan', 'Show', 'Records'];

/** The step whose tab is selected, and how many step pages show. */
async function shownStep(page: Page): Promise<{ selected: string; pages: number }> {
  const selected = (await page.getByRole('tab', { selected: true }).textContent())!.replace(/^\d/, '');
  const pages = await page.getByRole('tabpanel').count();
  return { selected, pages };
}

test('the side panel shows one step at a time; tabs by keyboard; each tool opens its step', async ({ page }) => {
  await openApp(page);
  const tabs = page.getByRole('tablist', { name: 'Steps of the consultation' }).getByRole('tab');
  expect(await tabs.allTextContents()).toEqual(STEPS.map((s, i) => `${i + 1}${s}`));
  // The demo opens on Design: it is a finished design to explore.
  expect(await shownStep(page)).toEqual({ selected: 'Design', pages: 1 });

  // Arrow keys, Home and End move between the tabs and open their step.
  await page.getByRole('tab', { name: 'Design' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Plan' })).toBeFocused();
  expect(await shownStep(page)).toEqual({ selected: 'Plan', pages: 1 });
  await expect(page.getByRole('button', { name: 'Add session' })).toBeVisible();
  await page.keyboard.press('End');
  expect(await shownStep(page)).toEqual({ selected: 'Records', pages: 1 });
  await page.keyboard.press('ArrowRight');
  expect(await shownStep(page)).toEqual({ selected: 'Photo', pages: 1 });
  await page.keyboard.press('ArrowLeft');
  expect(await shownStep(page)).toEqual({ selected: 'Records', pages: 1 });
  await page.keyboard.press('Home');
  expect(await shownStep(page)).toEqual({ selected: 'Photo', pages: 1 });
  await expect(page.getByText(/^This is the demo: a generated scalp, nobody's photo/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose a client photo' })).toBeVisible();
  // Only the selected tab is a tab stop.
  expect(await tabs.evaluateAll((els) => els.map((e) => (e as HTMLElement).tabIndex))).toEqual([0, -1, -1, -1, -1, -1]);

  // A tool opens its step.
  await page.getByRole('button', { name: 'Set scale' }).click();
  expect((await shownStep(page)).selected).toBe('Scale');
  await page.getByRole('button', { name: 'Density brush', exact: true }).click();
  expect((await shownStep(page)).selected).toBe('Design');
  // The brush's settings unfold with it.
  await expect(page.getByLabel('Brush mode')).toBeVisible();
  await openStep(page, 'Records');
  await page.getByRole('button', { name: 'Draw area' }).click();
  expect((await shownStep(page)).selected).toBe('Design');
  await page.keyboard.press('Escape');

  // Compare and Present are one click away in the top bar.
  const compare = page.getByRole('button', { name: 'Compare', exact: true });
  await expect(compare).toHaveAttribute('aria-pressed', 'false');
  await compare.click();
  await expect(compare).toHaveAttribute('aria-pressed', 'true');
  expect(await app<boolean>(page, 'store.getState().view.compare.on')).toBe(true);
  expect((await shownStep(page)).selected).toBe('Show');
  await expect(page.getByRole('checkbox', { name: 'Before/after split' })).toBeChecked();
  await compare.click();
  expect(await app<boolean>(page, 'store.getState().view.compare.on')).toBe(false);
  await page.getByRole('button', { name: 'Present to client' }).click();
  await expect(page.getByRole('toolbar', { name: 'Presentation' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('toolbar', { name: 'Presentation' })).toBeHidden();
});

test('first run: the demo says it is one and offers two ways on; Explore leaves it be', async ({ page }) => {
  await openApp(page);
  const welcome = page.getByRole('region', { name: 'A demo to start from' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText("nobody's photo");
  await expect(welcome.getByRole('button', { name: 'Upload a client photo' })).toBeVisible();
  await welcome.getByRole('button', { name: 'Explore the demo' }).click();
  await expect(welcome).toBeHidden();
  await expect(page.getByRole('application', { name: /^Scalp photo with the design/ })).toBeFocused();
});

test('an uploaded photo opens the Scale step, and the Photo step says what is open', async ({ page }) => {
  const [w, h] = [900, 700];
  const photo = renderScalpScene({ widthPx: w, heightPx: h, pxPerCm: fitPxPerCm(w, h), seed: 3 }).image;
  const png = encode({ width: w, height: h, data: new Uint8Array(photo.rgba.buffer), channels: 4 });
  await openApp(page);
  // From the welcome's own button.
  await chooseFile(page, () => page.getByRole('button', { name: 'Upload a client photo' }).click(), { name: 'client-crown.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(page.getByText(/^Opened client-crown\.png/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'A demo to start from' })).toBeHidden();
  expect((await shownStep(page)).selected).toBe('Scale');
  await expect(page.getByText('uncalibrated')).toBeVisible();
  await openStep(page, 'Photo');
  await expect(page.getByText(/^client-crown\.png: 900 × 700 px \(0\.6 megapixels\), showing [\d.]+ × [\d.]+ cm at an assumed scale; set the scale next\.$/)).toBeVisible();
});

test('the templates offered follow the photo: patterns on a top photo, hairline styles on a front one', async ({ page }) => {
  await openApp(page);
  // The demo is a top photo: its mid-frontal point, vertex and sides of the head are marked.
  await unfold(page, 'Templates');
  await expect(page.getByLabel('Pattern (top photo)')).toBeVisible();
  await expect(page.getByLabel('Hairline style (front photo)')).toBeHidden();
  await expect(page.getByText(/^A top photo \(mid-frontal point marked\): balding patterns\.$/)).toBeVisible();
  // Without landmarks both are offered, with a sentence saying which is for which.
  await page.evaluate('window.__smp.store.setState((s) => ({ design: { ...s.design, landmarks: { glabella: null, leftEye: null, rightEye: null, midFrontal: null, vertex: null, leftSide: null, rightSide: null } } }))');
  await expect(page.getByLabel('Hairline style (front photo)')).toBeVisible();
  await expect(page.getByLabel('Pattern (top photo)')).toBeVisible();
  await expect(page.getByText(/^Hairline styles are for a front photo, patterns for a top photo\./)).toBeVisible();
});

for (const [label, viewport] of [
  ['1280 × 800', { width: 1280, height: 800 }],
  ['1024 × 768', { width: 1024, height: 768 }],
] as const) {
  test(`at ${label}, no step is taller than 1.5 windows or shows more than 60 controls; the toolbar keeps one row`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openApp(page);
    const sizes: Record<string, { height: number; controls: number }> = {};
    for (const step of STEPS) {
      await openStep(page, step);
      sizes[step] = await page.getByRole('tabpanel', { name: step }).evaluate((el) => ({
        height: el.scrollHeight,
        controls: [...document.querySelectorAll('button, input, select, textarea')].filter((c) => (c as HTMLElement).checkVisibility()).length,
      }));
    }
    // Design's sections fold as an accordion: with an area selected, each one open in turn.
    await openStep(page, 'Design');
    await page.getByRole('button', { name: /^Area 1, / }).click();
    await expect(page.locator('summary', { hasText: 'Selected area 1' })).toBeVisible();
    const design = page.getByRole('tabpanel', { name: 'Design' });
    for (const section of await design.locator('summary').allTextContents()) {
      await page.locator('summary', { hasText: section }).click();
      await expect(page.locator('details[open] > summary', { hasText: section })).toHaveCount(1);
      expect(await page.locator('#step-design details[open]').count(), `${section} alone open`).toBe(1);
      sizes[`Design, ${section}`] = await design.evaluate((el) => ({
        height: el.scrollHeight,
        controls: [...document.querySelectorAll('button, input, select, textarea')].filter((c) => (c as HTMLElement).checkVisibility()).length,
      }));
    }
    expect(Object.keys(sizes).length).toBe(STEPS.length + 7);
    console.log(`steps at ${label}: ${JSON.stringify(sizes)}`);
    for (const [step, size] of Object.entries(sizes)) {
      expect(size.height, `${step} height`).toBeLessThanOrEqual(1.5 * viewport.height);
      expect(size.controls, `${step} visible controls`).toBeLessThanOrEqual(60);
    }
    // One row of tools: every button's top within a few pixels of the first one's.
    const tops = await page
      .getByRole('navigation', { name: 'Tools' })
      .getByRole('button')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);
  });
}

test('the aftercare plan opens in its own view, dated as the client reads it, and closes with Escape', async ({ page }) => {
  await openApp(page);
  await openStep(page, 'Records');
  await page.getByLabel('Client name').fill('Ana Silva');
  await page.getByLabel('Client name').press('Tab');
  const summary = page.getByRole('status').filter({ hasText: /^\d+ lines, dated .+ to .+\. Open the plan/ });
  await expect(summary).toBeVisible();
  const open = page.getByRole('button', { name: 'Open aftercare plan' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Aftercare plan' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('For Ana Silva');
  // Dated headings in order, as the client will read them.
  const headings = await dialog.locator('.aftercare-list h2').allTextContents();
  expect(headings.length).toBeGreaterThan(3);
  // The Records page itself stays short: no line-by-line buttons there.
  expect(await page.getByRole('tabpanel', { name: 'Records' }).getByRole('button', { name: /^(Edit|Remove) “/ }).count()).toBe(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});

test('the outline, handles and guides can be hidden outside presentation, and come back', async ({ page }) => {
  await openApp(page);
  const point = await app<{ x: number; y: number }>(page, 'store.getState().design.areas[0].points[0]');
  const at = await toPage(page, point.x, point.y);
  const canvas = page.locator('#canvas-host canvas');
  const box = (await canvas.boundingBox())!;
  /** RGB of the canvas at the first outline point (a handle is drawn there). */
  const pixel = async (): Promise<number[]> => {
    const shot = decode(await canvas.screenshot());
    const i = (Math.round(at.y - box.y) * shot.width + Math.round(at.x - box.x)) * shot.channels;
    return [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
  };
  const shown = await pixel();
  await openStep(page, 'Show');
  const toggle = page.getByRole('checkbox', { name: 'Outlines, handles and guides over the photo' });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  expect(await app<boolean>(page, 'store.getState().view.showOverlay')).toBe(false);
  await expect.poll(async () => (await pixel()).join()).not.toBe(shown.join());
  await toggle.check();
  await expect.poll(async () => (await pixel()).join()).toBe(shown.join());
});

test('the hints name the next thing to do: the landmark to click, by its letter, and a first area', async ({ page }) => {
  await openApp(page);
  const hint = page.locator('#tool-hint');
  // The demo is a top photo: the Landmarks tool starts with its mid-frontal point.
  await page.getByRole('button', { name: 'Landmarks', exact: true }).click();
  await expect(hint).toHaveText(/^Top photo, 1 of 4: click the mid-frontal point, .*\(shown as M\)\./);
  const midFrontal = await app<{ x: number; y: number }>(page, 'store.getState().design.landmarks.midFrontal');
  const at = await toPage(page, midFrontal.x, midFrontal.y + 100);
  await page.mouse.click(at.x, at.y);
  await expect(hint).toHaveText(/^Top photo, 2 of 4: click the vertex, the centre of the crown \(shown as V\)\./);
  const vertex = await app<{ x: number; y: number }>(page, 'store.getState().design.landmarks.vertex');
  const near = await toPage(page, vertex.x, vertex.y + 150);
  await page.mouse.click(near.x, near.y);
  await expect(hint).toHaveText(/^Top photo, 3 of 4: click the widest point of the head on the photo's left, above the ear \(shown as S\)\./);
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  // With no area, Select says how to make one instead of how to drag points that are not there.
  await page.evaluate('window.__smp.store.setState((s) => ({ design: { ...s.design, areas: [] } }))');
  await expect(hint).toHaveText(/^No treatment area yet: choose Draw area/);
  // The letters are explained in Help.
  await page.getByRole('button', { name: 'Help' }).click();
  await expect(page.getByRole('dialog', { name: 'Shortcuts and gestures' }).getByText(/^V: the vertex/)).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Shortcuts and gestures' }).getByText(/^S: the sides of the head/)).toBeVisible();
});
