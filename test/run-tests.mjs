// Runs the test suite: unit and HTTP tests on PGlite, again on a PostgreSQL
// server when TEST_DATABASE_URL is set, then the browser tests in Chromium.
// Node 20's test runner has no glob support, so the files are found here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, pattern, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, pattern, out);
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

const only = process.argv[2]; // unit | server | browser
const unit = [...find('src', /\.test\.tsx?$/), ...find('test', /\.test\.ts$/).filter((f) => !f.includes('/e2e/'))].sort();
const browser = find('test/e2e', /\.test\.ts$/).sort();

function run(label, files, env) {
  console.log(`\n# ${label}: ${files.length} files`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', ...env },
  });
  return result.status === 0;
}

let ok = true;
if (!only || only === 'unit') ok = run('PGlite', unit, { TEST_DB: 'pglite' }) && ok;
if ((!only || only === 'server') && process.env.TEST_DATABASE_URL) ok = run('PostgreSQL server', unit, { TEST_DB: 'server' }) && ok;
else if (only === 'server') {
  console.error('TEST_DATABASE_URL is not set');
  ok = false;
}
if (!only || only === 'browser') ok = run('browser (Chromium)', browser, { TEST_DB: 'pglite' }) && ok;
process.exit(ok ? 0 : 1);
