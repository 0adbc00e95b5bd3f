// Builds what the browser loads into dist/public (served at /assets/):
//   js/map.js        the map island with Leaflet (the only JavaScript a finder page loads)
//   js/scan.js       the scan page's island (queue, camera); js/qr-decoder.js the QR decoder it loads
//                    only when the camera is on and the browser has no BarcodeDetector
//   css/app.css      NL Design System (Utrecht) tokens + the components the pages use + our own styles
//   css/leaflet.css  Leaflet's stylesheet (only the map page links it), images in css/images/
// Fails when a finder page would load more than 50 KB of compressed JavaScript.
// Offline and fast: esbuild only, no network.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'public');
const jsBudget = 50 * 1024; // gzip bytes of JavaScript one finder page may load

// Only our own folders: something else may put files in dist/public.
for (const dir of ['js', 'css']) rmSync(join(out, dir), { recursive: true, force: true });
mkdirSync(out, { recursive: true });
copyFileSync(join(root, 'src/web/styles/favicon.svg'), join(out, 'favicon.svg'));

// The per-component Utrecht packages arrive as exact-pinned dependencies of
// @utrecht/component-library-css (the one we list in package.json). Resolve them
// from there, so the build does not depend on npm hoisting them to the top.
const fromLibrary = createRequire(createRequire(join(root, 'package.json')).resolve('@utrecht/component-library-css/package.json'));
const utrechtFromLibrary = {
  name: 'utrecht-from-library',
  setup(b) {
    b.onResolve({ filter: /^@utrecht\// }, (args) => ({ path: fromLibrary.resolve(args.path) }));
  },
};

const common = {
  absWorkingDir: root,
  outdir: out,
  bundle: true,
  minify: true,
  // Keeps the licence notices (Leaflet's BSD licence asks for it), once, at the end of each file.
  legalComments: 'eof',
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { 'js/map': 'src/web/islands/map.ts', 'js/scan': 'src/web/islands/scan.ts', 'js/qr-decoder': 'src/web/islands/qr-decoder.ts' },
    format: 'iife',
    target: ['es2020'],
    tsconfig: 'src/web/islands/tsconfig.json',
  }),
  build({
    ...common,
    entryPoints: { 'css/app': 'src/web/styles/bundle.css', 'css/leaflet': 'node_modules/leaflet/dist/leaflet.css' },
    plugins: [utrechtFromLibrary],
    // Leaflet's stylesheet refers to its control and marker images; copy them beside it.
    loader: { '.png': 'file', '.svg': 'file' },
    assetNames: 'css/images/[name]',
    target: ['chrome100', 'firefox100', 'safari15'],
  }),
]);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
console.log(`${'dist/public/'.padEnd(18)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`);
for (const file of ['js/map.js', 'js/scan.js', 'js/qr-decoder.js', 'css/app.css', 'css/leaflet.css']) {
  const body = readFileSync(join(out, file));
  const gzip = gzipSync(body, { level: 9 }).length;
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${file.padEnd(18)} ${kb(body.length).padStart(9)} ${kb(gzip).padStart(9)} ${kb(brotli).padStart(9)}`);
  if (file.endsWith('.js') && gzip > jsBudget) {
    console.error(`${file} is ${kb(gzip)} gzipped; a finder page may load at most ${kb(jsBudget)} of compressed JavaScript.`);
    failed = true;
  }
}
// The scan page is not a finder page, but runs on cheap phones: its island and decoder together stay under 60 KB.
const scanBudget = 60 * 1024;
const scanTotal = ['js/scan.js', 'js/qr-decoder.js'].reduce((sum, file) => sum + gzipSync(readFileSync(join(out, file)), { level: 9 }).length, 0);
if (scanTotal > scanBudget) {
  console.error(`The scan page loads ${kb(scanTotal)} of compressed JavaScript with the camera on; at most ${kb(scanBudget)}.`);
  failed = true;
}
process.exitCode = failed ? 1 : 0;
