/**
 * `npm run realism`: how the preview reads, measured as real SMP photos are measured.
 *
 * Prints the measures (test/helpers/realism.ts) of the default plan on flat skin at every stage, on
 * three skin tones and at four scales: the table docs/realism.md quotes. With `--sheet FILE.png` it
 * also writes a side-by-side image of the built-in demo scalp (generated, no photo of anyone):
 * before, session 1 fresh, and healed after the three sessions, with a 4 × enlargement of each
 * below. Drawn by the CPU reference of the shaders, which the browser tests hold to the GPU.
 */
import { writeFileSync } from 'node:fs';
import { encode } from 'fast-png';
import { makeArea } from '../src/core/areas.ts';
import { renderScalpScene } from '../src/core/demo/scalpImage.ts';
import { fitPxPerCm } from '../src/core/demo/scalpLayout.ts';
import { newDesign } from '../src/core/document/defaults.ts';
import type { Design } from '../src/core/document/types.ts';
import type { ShowState } from '../src/core/dots/dotLook.ts';
import { imagePoint } from '../src/core/math/types.ts';
import { renderDesign } from '../test/helpers/dotOracle.ts';
import { realismMeasures, type RealismMeasures } from '../test/helpers/realism.ts';

const STAGES: readonly { readonly name: string; readonly show: ShowState }[] = [
  { name: 'healed, after session 3', show: { session: 3, alone: false, stage: 'healed', years: 0 } },
  { name: 'session 1, fresh', show: { session: 1, alone: false, stage: 'fresh', years: 0 } },
  { name: 'session 1, healed', show: { session: 1, alone: false, stage: 'healed', years: 0 } },
  { name: 'session 3, fresh', show: { session: 3, alone: false, stage: 'fresh', years: 0 } },
  { name: 'session 3, settling', show: { session: 3, alone: false, stage: 'settling', years: 0 } },
  { name: '5 years after healing', show: { session: 3, alone: false, stage: 'healed', years: 5 } },
];

/** The default plan over a 10 × 10 cm crown area on a 12 × 12 cm photo of flat skin; measured in the middle 6 × 6 cm. */
function flatSkin(rgb: readonly number[], pxPerCm: number, show: ShowState): RealismMeasures {
  const size = Math.round(12 * pxPerCm);
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) rgba.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], i * 4);
  const base = newDesign({ kind: 'file', name: 'flat skin', widthPx: size, heightPx: size }, 11, pxPerCm);
  const [lo, hi] = [pxPerCm, 11 * pxPerCm];
  const design: Design = { ...base, areas: [makeArea('a', [imagePoint(lo, lo), imagePoint(hi, lo), imagePoint(hi, hi), imagePoint(lo, hi)], 'crown')] };
  const after = renderDesign({ width: size, height: size, rgba }, design, show);
  return realismMeasures(rgba, after, size, { x0: 3 * pxPerCm, y0: 3 * pxPerCm, x1: 9 * pxPerCm, y1: 9 * pxPerCm }, pxPerCm);
}

const row = (label: string, m: RealismMeasures): string =>
  `| ${label} | ${(100 * m.darkening).toFixed(1)} % | ${m.dL.toFixed(1)} | ${m.da.toFixed(1)} | ${m.db.toFixed(1)} | ${m.grainExcess.toFixed(3)} | ${m.regularity.toFixed(2)} |`;
const HEADER = '| | darkening | ΔL* | Δa* | Δb* | grain excess | regularity |\n|---|---|---|---|---|---|---|';

const MEDIUM = [210, 160, 130];
console.log('Default plan of a new design (3 sessions, 90 dots/cm², 10:1 / 7:1 / 5:1, 1RL 0.25), medium skin (sRGB 210, 160, 130), 100 px/cm\n');
console.log(HEADER);
for (const s of STAGES) console.log(row(s.name, flatSkin(MEDIUM, 100, s.show)));
console.log('\nHealed, by skin tone (100 px/cm)\n');
console.log(HEADER);
for (const [name, rgb] of [['light (235, 200, 180)', [235, 200, 180]], ['medium (210, 160, 130)', MEDIUM], ['dark (170, 120, 90)', [170, 120, 90]]] as const) console.log(row(name, flatSkin(rgb, 100, STAGES[0]!.show)));
console.log('\nHealed, by scale (medium skin)\n');
console.log(HEADER);
for (const pxPerCm of [25, 50, 100, 200]) console.log(row(`${pxPerCm} px/cm`, flatSkin(MEDIUM, pxPerCm, STAGES[0]!.show)));

const sheetAt = process.argv.indexOf('--sheet');
if (sheetAt >= 0) {
  const file = process.argv[sheetAt + 1];
  if (!file) throw new Error('--sheet needs a file name');
  writeFileSync(file, demoSheet());
  console.log(`\nWrote ${file}`);
}

/** The side-by-side sheet of the demo scalp, PNG bytes. */
function demoSheet(): Uint8Array {
  const [w, h, seed] = [2000, 1500, 20261124];
  const pxPerCm = fitPxPerCm(w, h);
  const scene = renderScalpScene({ widthPx: w, heightPx: h, pxPerCm, seed });
  const base = newDesign({ kind: 'demo', name: 'demo scalp', widthPx: w, heightPx: h }, seed, pxPerCm);
  const design: Design = { ...base, areas: [{ ...makeArea('area-1', scene.layout.treatmentOutline), hairlineEdges: scene.layout.hairlineEdges.slice() }] };
  const photo = { width: w, height: h, rgba: scene.image.rgba };
  const panels = [scene.image.rgba, renderDesign(photo, design, STAGES[1]!.show), renderDesign(photo, design, STAGES[0]!.show)];
  // An 8 × 6 cm window over the hairline's apex (the treated skin lies above it in the image), and
  // a 2 × 1.5 cm detail 3 cm behind it.
  const apex = scene.layout.hairlineApex;
  const [cw, ch] = [Math.round(8 * pxPerCm), Math.round(6 * pxPerCm)];
  const cx = Math.round(apex.x - cw / 2);
  const cy = Math.round(apex.y + 1.5 * pxPerCm - ch);
  const [dw, dh, zoom] = [Math.round(cw / 4), Math.round(ch / 4), 4];
  const dx = Math.round(apex.x - dw / 2);
  const dy = Math.round(apex.y - 3 * pxPerCm - dh / 2);
  const gap = 8;
  const sw = panels.length * cw + (panels.length + 1) * gap;
  const sh = 2 * ch + 3 * gap;
  const out = new Uint8Array(sw * sh * 4).fill(255);
  panels.forEach((rgba, k) => {
    const ox = gap + k * (cw + gap);
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        const s = ((cy + y) * w + cx + x) * 4;
        out.set(rgba.subarray(s, s + 4), ((gap + y) * sw + ox + x) * 4);
        const z = ((dy + Math.floor(y / zoom)) * w + dx + Math.floor(x / zoom)) * 4;
        out.set(rgba.subarray(z, z + 4), ((2 * gap + ch + y) * sw + ox + x) * 4);
      }
    }
  });
  return encode({ width: sw, height: sh, data: out, channels: 4 });
}
