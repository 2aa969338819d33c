/**
 * Browser benchmarks on the built app in Chromium (software WebGL here): main-thread time per
 * Density change and time to the next drawn frame at 10^5 and 10^6 dots, and the export of a
 * 6000 x 4000 photo with 10^6 dots (total time, longest main-thread block, peak JS heap), and
 * reading the face on a 3000 x 4000 front photo (first read with the model's loading, then again).
 * Prints figures; never fails on time. Needs a Chromium (see scripts/ensure-chromium.sh).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- code run inside the page reads the app's untyped test handle */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { chooseFile, interceptFileChoosers } from '../e2e/app.ts';
import { benchDesignFile, type BenchPhoto } from './benchDesign.ts';

const W = 6000;
const H = 4000;

function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
}

/** The demo photo redrawn at W x H and encoded as a JPEG in the page: the benchmark's client photo. */
async function bigPhoto(page: Page): Promise<BenchPhoto> {
  const b64 = await page.evaluate(
    async ({ W, H }) => {
      const { store } = (window as any).__smp;
      const canvas = new OffscreenCanvas(W, H);
      canvas.getContext('2d')!.drawImage(store.getState().photo.original as ImageBitmap, 0, 0, W, H);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode(...bytes.subarray(i, i + 32768));
      return btoa(s);
    },
    { W, H },
  );
  return { bytes: new Uint8Array(Buffer.from(b64, 'base64')), mime: 'image/jpeg', name: `big-${W}x${H}.jpg`, widthPx: W, heightPx: H };
}

/** A generated front photo redrawn at 3000 x 4000 (12 MP) and encoded as a JPEG in the page, with its true scale. */
async function facePhoto(page: Page): Promise<{ bytes: Buffer; widthPx: number; heightPx: number; pxPerCm: number }> {
  const { renderFaceScene } = await import('../fixtures/faceImage.ts');
  const { encode } = await import('fast-png');
  const [w, h, pxPerCm] = [900, 1200, 30];
  const face = renderFaceScene({ widthPx: w, heightPx: h, pxPerCm, seed: 5 });
  const png = encode({ width: w, height: h, data: new Uint8Array(face.image.rgba.buffer), channels: 4 });
  const [FW, FH] = [3000, 4000];
  const b64 = await page.evaluate(
    async ({ png, FW, FH }) => {
      const small = await createImageBitmap(new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(FW, FH);
      canvas.getContext('2d')!.drawImage(small, 0, 0, FW, FH);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode(...bytes.subarray(i, i + 32768));
      return btoa(s);
    },
    { png: Buffer.from(png).toString('base64'), FW, FH },
  );
  return { bytes: Buffer.from(b64, 'base64'), widthPx: FW, heightPx: FH, pxPerCm: (pxPerCm * FW) / w };
}

interface FaceRuns {
  readonly runtime: string;
  /** Seconds from the click on Read the face to the reading shown: the first (which loads the models), then the later ones. */
  readonly first: number;
  readonly later: number[];
  /** Longest main-thread task over all reads, ms (0: none over the 50 ms long-task threshold). */
  readonly longest: number;
  readonly pxPerCm: number;
}

/**
 * Reads the face of `photo` `reads` times in a fresh page, each read timed in the page from the
 * click to the reading shown (so the test driver's polling adds nothing), once the opened photo has
 * settled (drawn, dots made, autosaved). `withoutWasm` refuses the WebAssembly binary, as a browser
 * that cannot run it would: the models then run on the library's plain JavaScript kernels, the
 * peer the WebAssembly ones are measured against.
 */
async function faceRuns(photo: Awaited<ReturnType<typeof facePhoto>>, reads: number, withoutWasm: boolean): Promise<FaceRuns> {
  // No service worker: both runs fetch the models the same way, and the refused binary is not answered from a cache.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    if (withoutWasm) await page.route('**/*.wasm', (route) => route.abort());
    interceptFileChoosers(page);
    await page.goto('http://127.0.0.1:4179/');
    await page.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
    const saved = await page.evaluate(() => document.body.dataset.autosaved);
    await chooseFile(page, () => page.getByRole('button', { name: 'Upload photo' }).click(), { name: 'face-12mp.jpg', mimeType: 'image/jpeg', buffer: photo.bytes });
    await page.waitForFunction(
      (saved) => {
        const s = (window as any).__smp.store.getState();
        return s.design.photo.name === 'face-12mp.jpg' && s.busy === null && document.body.dataset.autosaved !== saved;
      },
      saved,
      { timeout: 120_000 },
    );
    await page.evaluate(async () => {
      await (window as any).__smp.scene.whenPointsReady();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    await page.getByRole('tab', { name: 'Scale' }).click();
    const times: number[] = [];
    let longest = 0;
    for (let run = 0; run < reads; run++) {
      await page.evaluate(() => {
        const win = window as any;
        // (No named functions in here: the bench's compiler would wrap them in a helper the page does not have.)
        const buttons = [...document.querySelectorAll('button')];
        const read = buttons.find((b) => b.textContent === 'Read the face')!;
        const use = buttons.find((b) => b.textContent === 'Use this reading')!;
        win.__faceLong = 0;
        win.__faceObserver?.disconnect();
        win.__faceObserver = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) win.__faceLong = Math.max(win.__faceLong, e.duration);
        });
        win.__faceObserver.observe({ type: 'longtask' });
        win.__faceShown = new Promise<number>((resolve) => {
          let t0 = 0;
          read.addEventListener('click', () => (t0 = performance.now()), { capture: true, once: true });
          const watch = new MutationObserver(() => {
            if (t0 > 0 && !use.hidden) {
              watch.disconnect();
              resolve(performance.now() - t0);
            }
          });
          watch.observe(use, { attributes: true, attributeFilter: ['hidden'] });
        });
      });
      await page.getByRole('button', { name: 'Read the face' }).click();
      times.push((await page.evaluate(() => (window as any).__faceShown as Promise<number>)) / 1000);
      longest = Math.max(longest, await page.evaluate(() => (window as any).__faceLong as number));
    }
    const text = await page.locator('#face-reading').innerText();
    const runtime = (await page.evaluate(() => (window as any).__smp.faces.runtime() as Promise<string | null>)) ?? '?';
    return { runtime, first: times[0]!, later: times.slice(1), longest, pxPerCm: Number(/Scale: (\d+\.\d) px\/cm/.exec(text)?.[1] ?? NaN) };
  } finally {
    await context.close();
  }
}

/** Reads the face of a 12 MP front photo on the WebAssembly kernels, and on the plain JavaScript ones as the peer, in the same run. */
async function faceBench(page: Page): Promise<void> {
  const photo = await facePhoto(page);
  const wasm = await faceRuns(photo, 4, false);
  const peer = await faceRuns(photo, 4, true);
  const runtimeName = (r: FaceRuns): string => (r.runtime === 'wasm' ? 'WebAssembly' : r.runtime === 'cpu' ? 'JavaScript' : r.runtime);
  for (const r of [wasm, peer]) {
    console.log(
      `face reading 3000 x 4000 (12 MP), ${runtimeName(r)} kernels: first ${r.first.toFixed(2)} s (loading the models), then ${r.later.map((t) => t.toFixed(2)).join(', ')} s (median ${median(r.later).toFixed(2)}); ${r.longest > 0 ? `longest main-thread task ${r.longest.toFixed(0)} ms` : 'no main-thread task over 50 ms'}; scale read ${r.pxPerCm.toFixed(1)} px/cm, true ${photo.pxPerCm.toFixed(1)}`,
    );
  }
  console.log(`face reading, WebAssembly against JavaScript kernels: first read ${(peer.first / wasm.first).toFixed(1)}x faster, later reads ${(median(peer.later) / median(wasm.later)).toFixed(1)}x faster`);
}

/** Opens the benchmark design for `dots` ranked points through Open design, and waits until its dots are drawn. */
async function openBenchDesign(page: Page, photo: BenchPhoto, dots: number): Promise<void> {
  const file = await benchDesignFile(photo, dots);
  const regenerations = await page.evaluate(() => (window as any).__smp.scene.stats.regenerations as number);
  // Open design is in the Records step of the side panel.
  await page.getByRole('tab', { name: 'Records' }).click();
  await chooseFile(page, () => page.getByRole('button', { name: 'Open design' }).click(), { name: `bench-${dots}.smpdesign`, mimeType: 'application/zip', buffer: Buffer.from(file) });
  await page.waitForFunction(
    ({ regenerations, name }) => {
      const { store, scene } = (window as any).__smp;
      const s = store.getState();
      return s.busy === null && s.design.photo.name === name && scene.stats.regenerations > regenerations;
    },
    { regenerations, name: photo.name },
    { timeout: 300_000 },
  );
  await page.evaluate(async () => {
    const { scene } = (window as any).__smp;
    await scene.whenPointsReady();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** Runs `action`, then waits until the autosave it causes has been written. */
async function afterAutosave<T>(page: Page, action: () => Promise<T>): Promise<T> {
  const before = await page.evaluate(() => document.body.dataset.autosaved);
  const result = await action();
  await page.waitForFunction((before) => document.body.dataset.autosaved !== before, before, { timeout: 120_000 });
  return result;
}

/** Moves the Density slider `n` times through its input event; returns per-change main-thread ms and ms to the next drawn frame. */
async function sliderRun(page: Page, n: number): Promise<{ count: number; main: number[]; frame: number[]; regenerations: number; uploads: number }> {
  return page.evaluate(async (n) => {
    const { scene } = (window as any).__smp;
    const slider = document.getElementById('density') as HTMLInputElement;
    const gl = scene.app.renderer.gl as WebGL2RenderingContext;
    const px = new Uint8Array(4);
    const regen0 = scene.stats.regenerations;
    const up0 = scene.uploads;
    const main: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < n; i++) {
      const frames0 = scene.stats.frames;
      slider.value = String(40 + ((i * 7) % 100));
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      main.push(t1 - t0);
      while (scene.stats.frames === frames0) await new Promise((r) => requestAnimationFrame(r));
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px); // waits for the GPU to finish the frame
      frame.push(performance.now() - t0);
    }
    slider.dispatchEvent(new Event('change', { bubbles: true }));
    return { count: scene.pointCount, main, frame, regenerations: scene.stats.regenerations - regen0, uploads: scene.uploads - up0 };
  }, n);
}

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const p95 = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)]!;

execSync('npx vite build', { stdio: 'ignore' });
const server = await preview({ preview: { port: 4179, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
const browser = await chromium.launch({
  ...(chromiumPath() ? { executablePath: chromiumPath() } : {}),
  args: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--enable-precise-memory-info', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  interceptFileChoosers(page);
  await page.goto('http://127.0.0.1:4179/');
  await page.waitForSelector('body[data-ready=true]', { timeout: 120_000 });
  const info = await page.evaluate(() => (window as any).__smp.scene.maxTextureSize);
  console.log(`Chromium ${browser.version()}, software WebGL (SwiftShader), max texture ${info}`);
  console.log('dots | changes | main-thread ms/change (median, p95) | ms to next frame (median, p95) | regenerations | buffer uploads');
  const photo = await bigPhoto(page);
  for (const dots of [1e5, 1e6]) {
    // Each change is saved to the autosave slot 1.5 s later (the 24 MP photo's bytes are packed
    // again); the slider and the export are timed after that save, so their figures are their own.
    await afterAutosave(page, () => openBenchDesign(page, photo, dots));
    const r = await afterAutosave(page, () => sliderRun(page, 60));
    console.log(`${r.count} | ${r.main.length} | ${median(r.main).toFixed(2)}, ${p95(r.main).toFixed(2)} | ${median(r.frame).toFixed(0)}, ${p95(r.frame).toFixed(0)} | ${r.regenerations} | ${r.uploads}`);
  }
  // Export of the 6000 x 4000 photo with 10^6 dots, through the Export PNG button.
  await page.evaluate(() => {
    const w = window as any;
    w.__bench = { longest: 0, peak: 0, samples: 0, long: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__bench.longest = Math.max(w.__bench.longest, e.duration);
        w.__bench.long.push(Math.round(e.duration));
      }
    }).observe({ type: 'longtask' });
    w.__benchTimer = setInterval(() => {
      const m = (performance as any).memory;
      if (m) w.__bench.peak = Math.max(w.__bench.peak, m.usedJSHeapSize);
      w.__bench.samples++;
    }, 25);
  });
  const heap0 = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize ?? 0);
  const t0 = Date.now();
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const d = await download;
  const seconds = (Date.now() - t0) / 1000;
  const stats = await page.evaluate(() => (clearInterval((window as any).__benchTimer), (window as any).__bench));
  const { statSync } = await import('node:fs');
  const size = statSync((await d.path())!).size;
  console.log(`export ${W} x ${H}, ${await page.evaluate(() => (window as any).__smp.scene.pointCount)} dots: ${seconds.toFixed(1)} s, PNG ${(size / 1e6).toFixed(1)} MB, ${stats.longest > 0 ? `longest main-thread task ${stats.longest.toFixed(0)} ms (${stats.long.length} over 50 ms: ${stats.long.join(', ')})` : 'no main-thread task over 50 ms (the long-task threshold)'}, JS heap ${(heap0 / 2 ** 20).toFixed(0)} MiB before, peak ${(stats.peak / 2 ** 20).toFixed(0)} MiB`);
  await faceBench(page);
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
