import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/core/config.js';
import { createDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrations.js';

/**
 * Tests run on PGlite in memory, or, when the runner sets TEST_DB=server, each
 * test file gets its own fresh database on the server at TEST_DATABASE_URL
 * (dropped at the end), so files can run side by side.
 */
export async function testDatabase(options: { migrate?: boolean } = {}): Promise<Database & { drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DB === 'server' ? process.env.TEST_DATABASE_URL : undefined;
  let database: Database;
  let dropDatabase = async () => {};
  if (serverUrl) {
    const name = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await createDatabase({ url: url.toString(), poolSize: 8 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await createDatabase({ dataDir: 'memory://' });
  }
  if (options.migrate !== false) await migrateToLatest(database.db);
  return {
    ...database,
    async drop() {
      await database.close();
      await dropDatabase();
    },
  };
}

export const adminToken = 'test-admin-token-0123456789';

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests stand in for many clients through X-Forwarded-For, as a proxy would.
  return { ...loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: adminToken, TRUST_PROXY: '1' }), ...overrides };
}

export async function testApp(database: Database, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  // Imported here so database-only tests do not load every module.
  const { buildApp } = await import('../../src/app.js');
  const app = await buildApp({ config: testConfig(overrides), database });
  await app.ready();
  return app;
}

export const auth = { authorization: `Bearer ${adminToken}` };
