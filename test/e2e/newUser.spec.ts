/**
 * A whole consultation as a new user would do it, with only what is on screen: upload a photo, set
 * its scale, draw the area, plan the sessions, present, and save the PDF record, each next control
 * found by its role and name and already in view when it is needed (no scrolling of the panel). An
 * edit made just before the page is closed is there when the app is opened again.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encode } from 'fast-png';
import { renderScalpScene } from '../../src/core/demo/scalpImage.ts';
import { fitPxPerCm } from '../../src/core/demo/scalpLayout.ts';
import { app, chooseFile, drawArea, expectNoticeShown, openApp, toPage } from './app.ts';

/** Clicks a control that must already be on screen, where the user would see it. */
async function clickInView(control: Locator): Promise<void> {
  await expect(control).toBeVisible();
  await expect(control).toBeInViewport();
  await control.click();
}

/** The side panel's scroll position (a step that fits needs none). */
async function panelScroll(page: Page): Promise<number> {
  return page.getByRole('complementary', { name: 'Design settings' }).evaluate((el) => el.scrollTop);
}

for (const [label, viewport] of [
  ['1280 × 800', { width: 1280, height: 800 }],
  ['1024 × 768', { width: 1024, height: 768 }],
] as const) {
  test(`a new user at ${label}: photo, scale, area, plan, presentation and PDF with what is on screen`, async ({ page, context }) => {
    await page.setViewportSize(viewport);
    const [w, h] = [1600, 1200];
    const pxPerCm = fitPxPerCm(w, h);
    const photo = renderScalpScene({ widthPx: w, heightPx: h, pxPerCm, seed: 9 }).image;
    const png = encode({ width: w, height: h, data: new Uint8Array(photo.rgba.buffer), channels: 4 });
    await openApp(page);

    // Photo: the welcome offers the upload.
    await chooseFile(page, () => clickInView(page.getByRole('button', { name: 'Upload a client photo' })), { name: 'client.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await expect(page.getByRole('tab', { name: 'Scale', selected: true })).toBeVisible();
    await expect(page.getByText('uncalibrated')).toBeInViewport();

    // Scale: two clicks 10 cm apart, the distance typed where the clicks were.
    await clickInView(page.getByRole('button', { name: 'Set scale' }));
    for (const x of [w / 2 - 5 * pxPerCm, w / 2 + 5 * pxPerCm]) {
      const p = await toPage(page, x, h / 2);
      await page.mouse.click(p.x, p.y);
    }
    const distance = page.getByRole('spinbutton', { name: 'Distance (cm)' });
    await expect(distance).toBeFocused();
    await expect(distance).toBeInViewport();
    await page.keyboard.type('10');
    await clickInView(page.getByRole('button', { name: 'Apply scale' }));
    await expect(page.getByText(/^Scale [\d.]+ px\/cm, measured with a ruler$/)).toBeVisible();
    expect(Math.abs((await app<number>(page, 'store.getState().design.scale.pxPerCm')) / pxPerCm - 1)).toBeLessThan(0.01);

    // Design: an area of four points.
    await expect(page.getByRole('button', { name: 'Draw area' })).toBeInViewport();
    await drawArea(page, [
      [600, 300],
      [1000, 300],
      [1050, 800],
      [550, 800],
    ]);
    await expect(page.getByRole('listitem').filter({ hasText: /^Area 1, hairline \/ full area: \d+\.\d cm², about [\d,]+ dots/ })).toBeInViewport();

    // Plan: the first session's date, in view without scrolling the panel.
    await clickInView(page.getByRole('tab', { name: 'Plan' }));
    expect(await panelScroll(page)).toBe(0);
    await clickInView(page.getByRole('button', { name: 'Edit session 1' }));
    const date = page.getByLabel('Date', { exact: true });
    await expect(date).toBeInViewport();
    await date.fill('2027-03-01');
    await expect.poll(() => app<string>(page, 'store.getState().design.sessions[0].date')).toBe('2027-03-01');

    // Show: presentation from the top bar, through the sessions and back.
    await clickInView(page.getByRole('button', { name: 'Present to client' }));
    const bar = page.getByRole('toolbar', { name: 'Presentation' });
    await expect(bar).toBeInViewport();
    await clickInView(bar.getByRole('button', { name: 'Session 1' }));
    await page.keyboard.press('ArrowRight');
    await expect(bar.getByRole('button', { name: 'Session 2' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await expect(bar).toBeHidden();

    // Records: the client's name, and the PDF named after the client.
    await clickInView(page.getByRole('tab', { name: 'Records' }));
    expect(await panelScroll(page)).toBe(0);
    const name = page.getByLabel('Client name');
    await expect(name).toBeInViewport();
    await name.fill('Ana Silva');
    await name.press('Tab');
    const download = page.waitForEvent('download', { timeout: 110_000 });
    await clickInView(page.getByRole('button', { name: 'Export PDF' }));
    expect((await download).suggestedFilename()).toMatch(/^smp-ana-silva-\d{4}-\d{2}-\d{2}\.pdf$/);

    // An edit just before the page is closed: back in Design, Density typed, and the tab closed.
    await clickInView(page.getByRole('tab', { name: 'Design' }));
    const density = page.getByRole('spinbutton', { name: 'Density in dots per cm²' });
    await expect(density).toBeInViewport();
    await density.fill('72');
    await density.press('Enter');
    await page.close({ runBeforeUnload: true });
    const again = await context.newPage();
    await again.setViewportSize(viewport);
    await openApp(again);
    await expectNoticeShown(again, /^Recovered the design you were working on/);
    expect(await app<{ d: number; c: string }>(again, '({ d: store.getState().design.dots.densityPerCm2, c: store.getState().design.client })')).toEqual({ d: 72, c: 'Ana Silva' });
  });
}
