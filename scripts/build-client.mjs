// Builds what the browser loads into dist/public (served at /assets/):
// the map island with Leaflet, one stylesheet of NL Design System (Utrecht)
// tokens and components plus our own, and Leaflet's stylesheet.
// Fails when a finder page would load more than 50 KB of compressed JavaScript.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'public');
const jsBudget = 50 * 1024;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };

await build({
  ...common,
  entryPoints: { 'js/map': 'src/web/islands/map.ts' },
  outdir: out,
  format: 'iife',
  target: ['es2020'],
  tsconfig: 'src/web/islands/tsconfig.json',
});

await build({
  ...common,
  entryPoints: { 'css/app': 'src/web/styles/bundle.css', 'css/leaflet': 'node_modules/leaflet/dist/leaflet.css' },
  outdir: out,
  // Leaflet's stylesheet points at marker images we do not use (circle markers are drawn as SVG).
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'css/images/[name]',
});

let failed = false;
for (const file of ['js/map.js', 'css/app.css', 'css/leaflet.css']) {
  const body = readFileSync(join(out, file));
  const gzip = gzipSync(body, { level: 9 }).length;
  const brotli = brotliCompressSync(body).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${file.padEnd(16)} ${kb(body.length).padStart(9)}  gzip ${kb(gzip).padStart(8)}  brotli ${kb(brotli).padStart(8)}`);
  if (file.endsWith('.js') && gzip > jsBudget) {
    console.error(`${file} is ${kb(gzip)} compressed; finder pages may load at most ${kb(jsBudget)} of JavaScript.`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
