import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults serve on localhost:3000 with PGlite in ./data', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.dataDir, './data');
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.adminToken, undefined);
});

test('settings are read from the environment', () => {
  const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/srv/data', DATABASE_URL: 'postgres://u:p@db/x', ADMIN_TOKEN: 'a'.repeat(16) });
  assert.deepEqual([c.port, c.host, c.dataDir, c.databaseUrl, c.adminToken], [8080, '0.0.0.0', '/srv/data', 'postgres://u:p@db/x', 'a'.repeat(16)]);
});

const bad: Array<[Record<string, string>, RegExp]> = [
  [{ PORT: 'abc' }, /PORT/],
  [{ PORT: '70000' }, /PORT/],
  [{ PORT: '-1' }, /PORT/],
  [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  [{ ADMIN_TOKEN: 'kort' }, /ADMIN_TOKEN/],
  [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
];
for (const [env, message] of bad) {
  test(`refuses ${JSON.stringify(env)}`, () => {
    assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
  });
}
