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

test('mail settings: links point at PUBLIC_URL, never at the Host of a request', () => {
  const c = loadConfig({ PORT: '8080' });
  assert.equal(c.publicUrl, 'http://localhost:8080');
  assert.equal(c.smtpUrl, undefined);
  const d = loadConfig({ PUBLIC_URL: 'https://leren.example.org/', SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'Leren <noreply@leren.example.org>' });
  assert.deepEqual([d.publicUrl, d.smtpUrl, d.mailFrom], ['https://leren.example.org', 'smtp://mail:25', 'Leren <noreply@leren.example.org>']);
});

const bad: Array<[Record<string, string>, RegExp]> = [
  [{ PORT: 'abc' }, /PORT/],
  [{ PORT: '70000' }, /PORT/],
  [{ PORT: '-1' }, /PORT/],
  [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  [{ ADMIN_TOKEN: 'kort' }, /ADMIN_TOKEN/],
  [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
  [{ PUBLIC_URL: 'leren.example.org' }, /PUBLIC_URL/],
  [{ PUBLIC_URL: 'https://leren.example.org/pad' }, /PUBLIC_URL/],
  [{ SMTP_URL: 'http://mail.example.org' }, /SMTP_URL/],
  [{ MAIL_FROM: 'geen adres' }, /MAIL_FROM/],
  [{ MAIL_FROM: 'a@b.nl\r\nBcc: x@y.nl' }, /MAIL_FROM/],
];
for (const [env, message] of bad) {
  test(`refuses ${JSON.stringify(env)}`, () => {
    assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message));
  });
}
