/**
 * Draws the app's icons (a shaved scalp seen from above, dotted, on the app's dark ground) into
 * public/icons/. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { encode } from 'fast-png';

function icon(size: number, maskable: boolean): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  // A maskable icon keeps its subject inside the central 80 % safe zone.
  const rx = size * (maskable ? 0.3 : 0.36);
  const ry = size * (maskable ? 0.36 : 0.44);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const u = (x + 0.5 - c) / rx;
      const v = (y + 0.5 - c) / ry;
      const r = Math.hypot(u, v);
      let rgb: [number, number, number] = [20, 24, 29];
      if (r < 1) {
        const shade = 1 - 0.35 * r * r;
        rgb = [Math.round(214 * shade), Math.round(160 * shade), Math.round(130 * shade)];
        // Microdots on a hexagonal grid over the front two thirds, thinning towards the hairline.
        const pitch = size / 24;
        const row = Math.round((y - c) / (pitch * 0.866));
        const col = Math.round((x - c) / pitch - (row % 2 ? 0.5 : 0));
        const dx = x - (c + (col + (row % 2 ? 0.5 : 0)) * pitch);
        const dy = y - (c + row * pitch * 0.866);
        const behindHairline = v > -0.55 + 0.08 * Math.cos(u * 6);
        if (behindHairline && Math.hypot(dx, dy) < size / 110 + 0.6) rgb = [46, 40, 42];
      }
      data.set([...rgb, 255], i);
    }
  }
  return encode({ width: size, height: size, data, channels: 4 });
}

mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(`public/icons/icon-${size}.png`, icon(size, false));
  writeFileSync(`public/icons/maskable-${size}.png`, icon(size, true));
}
console.log('public/icons: icon-192, icon-512, maskable-192, maskable-512');
