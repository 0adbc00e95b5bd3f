import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

/** The command line as a newcomer uses it: first start loads the demo, SIGTERM stops cleanly. */
const dataDir = mkdtempSync(join(tmpdir(), 'leerecosysteem-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

test('serve: first start loads the demo, serves it, and stops on SIGTERM', async () => {
  const run = cli(['serve'], { PORT: '0', DATA_DIR: dataDir });
  // A readiness wait, not a speed check: a first start migrates and seeds, which takes long on a busy machine.
  const deadline = Date.now() + 180_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline && run.child.exitCode === null) {
    url = /draait op (http:\/\/[^\s]+)/.exec(run.output())?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  // Never leave the server running when it did not come up in time: it would stall the rest of the run.
  if (!url) run.child.kill('SIGKILL');
  assert.ok(url, run.output());
  const home = await fetch(`${url}/`, { redirect: 'manual' });
  assert.equal(home.status, 302);
  assert.equal(home.headers.get('location'), '/e/twente-demo/');
  const page = await fetch(`${url}/e/twente-demo/zoeken?q=robots`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Robots bouwen en programmeren/);
  run.child.kill('SIGTERM');
  assert.equal(await run.exited, 0);
});

test('migrate and seed on the same data folder do nothing new', async () => {
  const migrate = cli(['migrate'], { DATA_DIR: dataDir });
  assert.equal(await migrate.exited, 0, migrate.output());
  const seed = cli(['seed'], { DATA_DIR: dataDir });
  assert.equal(await seed.exited, 0, seed.output());
});

test('platform-admin makes the first administrator and prints a one-time sign-in link', async () => {
  const run = cli(['platform-admin', 'Beheer@Proef.example'], { DATA_DIR: dataDir, PUBLIC_URL: 'https://leren.proef.example' });
  assert.equal(await run.exited, 0, run.output());
  assert.match(run.output(), /beheer@proef\.example is platformbeheerder/);
  assert.match(run.output(), /https:\/\/leren\.proef\.example\/inloggen\/link\/[A-Za-z0-9_-]{43}\n/);
  const bad = cli(['platform-admin', 'geen-adres'], { DATA_DIR: dataDir });
  assert.equal(await bad.exited, 2);
  assert.match(bad.output(), /Dat is geen geldig e-mailadres/);
  const missing = cli(['platform-admin'], { DATA_DIR: dataDir });
  assert.equal(await missing.exited, 2);
  const demo = cli(['link', 'museum@twente-demo.example'], { DATA_DIR: dataDir });
  assert.equal(await demo.exited, 0, demo.output());
  assert.match(demo.output(), /Log binnen een kwartier in als museum@twente-demo\.example via:\nhttp:\/\/localhost:3000\/inloggen\/link\//);
  const nobody = cli(['link', 'niemand@twente-demo.example'], { DATA_DIR: dataDir });
  assert.equal(await nobody.exited, 2);
  assert.match(nobody.output(), /geen actief account/);
});

test('demo-pass hands out fresh codes and links for the invented demo children only', async () => {
  const run = cli(['demo-pass'], { DATA_DIR: dataDir, PUBLIC_URL: 'https://leren.proef.example' });
  assert.equal(await run.exited, 0, run.output());
  const out = run.output();
  assert.equal((out.match(/\(demo\)\n  pascode [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z], geheime code [0-9A-Z]{6}\n  https:\/\/leren\.proef\.example\/e\/twente-demo\/mijn-pad\/[A-Za-z0-9_-]{43}\n/g) ?? []).length, 3, out);
  const again = cli(['demo-pass', '--alles'], { DATA_DIR: dataDir });
  assert.equal(await again.exited, 2);
});

test('a bad setting stops the start with a message naming it', async () => {
  const run = cli(['serve'], { PORT: 'zeventig', DATA_DIR: dataDir });
  assert.equal(await run.exited, 1);
  assert.match(run.output(), /PORT/);
});

test('an unknown command shows the usage', async () => {
  const run = cli(['vliegen'], {});
  assert.equal(await run.exited, 2);
  assert.match(run.output(), /Gebruik:/);
});
