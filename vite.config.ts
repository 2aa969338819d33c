import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';

/** The face models the app reads faces with (BlazeFace, FaceMesh, Iris), as the library's package ships them. */
const FACE_MODEL_DIR = 'node_modules/@vladmandic/human/models';
const FACE_MODEL_FILES = ['blazeface', 'facemesh', 'iris'].flatMap((m) => [`${m}.json`, `${m}.bin`]);
/** The WebAssembly build of the model runtime's kernels, with and without SIMD (single-threaded: the page is not cross-origin isolated). */
const WASM_DIR = 'node_modules/@tensorflow/tfjs-backend-wasm/wasm-out';
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];
const FACE_FILES = [...FACE_MODEL_FILES.map((f) => ({ file: f, dir: FACE_MODEL_DIR })), ...WASM_FILES.map((f) => ({ file: f, dir: WASM_DIR }))];
const CONTENT_TYPES: Record<string, string> = { json: 'application/json', bin: 'application/octet-stream', wasm: 'application/wasm' };

/**
 * The binaries must be the build the library's bundled runtime expects (a different version's may
 * not load, and the reading would silently fall back to the slower JavaScript kernels).
 */
function checkWasmVersion(): void {
  // The library's tfjs.version.js names each part's version: var r="4.22.0"; … "tfjs-backend-wasm":r
  const text = readFileSync('node_modules/@vladmandic/human/dist/tfjs.version.js', 'utf8');
  const name = /"tfjs-backend-wasm":\s*(\w+)/.exec(text)?.[1];
  const wanted = name ? new RegExp(`var ${name}="([^"]+)"`).exec(text)?.[1] : undefined;
  const have = (JSON.parse(readFileSync('node_modules/@tensorflow/tfjs-backend-wasm/package.json', 'utf8')) as { version: string }).version;
  if (wanted !== have) throw new Error(`@tensorflow/tfjs-backend-wasm is ${have}, but @vladmandic/human bundles its runtime at ${wanted ?? '(version not found)'}: install that version.`);
}

/**
 * Serves the face models from the app's own origin, at models/face/: the dev server answers for
 * them, and the build writes them beside the app (so the service worker precaches them).
 */
function faceModels(): Plugin {
  return {
    name: 'face-models',
    buildStart() {
      checkWasmVersion();
    },
    configureServer(server) {
      server.middlewares.use('/models/face/', (req, res, next) => {
        const file = (req.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        const found = FACE_FILES.find((f) => f.file === file);
        if (!found) return next();
        res.setHeader('Content-Type', CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream');
        createReadStream(join(found.dir, file)).pipe(res);
      });
    },
    generateBundle() {
      for (const { file, dir } of FACE_FILES) this.emitFile({ type: 'asset', fileName: `models/face/${file}`, source: readFileSync(join(dir, file)) });
    },
  };
}

/**
 * Vite builds the app; Vitest runs the pure and store-level tests in Node. The PWA plugin writes
 * the web app manifest and a Workbox service worker that precaches every built file, so after the
 * first visit the app starts and works with the network off (nothing is fetched from elsewhere:
 * the app has no remote origin to cache).
 */
export default defineConfig({
  base: './',
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
  plugins: [
    faceModels(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'SMP Hairline Studio',
        short_name: 'SMP Studio',
        description: 'Hairline and density design for scalp micropigmentation, on the client’s own photo. Works offline; photos stay on the device.',
        theme_color: '#14181d',
        background_color: '#14181d',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Everything, the face models included: the face is read offline too.
        globPatterns: ['**/*.{js,css,html,png,webmanifest}', 'models/face/*.{json,bin,wasm}'],
        // The app's main chunk (PixiJS, jsPDF) is larger than Workbox's 2 MB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
      },
    }),
  ],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
});
