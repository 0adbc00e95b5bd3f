import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { migrateDownAll, migrateToLatest, migrations } from '../src/db/migrations.js';
import { testDatabase } from './helpers/build-app.js';

const database = await testDatabase({ migrate: false });
after(() => database.drop());

async function tables(): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%' order by table_name`.execute(database.db);
  return result.rows.map((r) => r.table_name);
}

test('the migration index runs up, down and up again', async () => {
  assert.ok(Object.keys(migrations).length >= 2);
  await migrateToLatest(database.db);
  const first = await tables();
  assert.ok(first.includes('activities') && first.includes('ecosystems') && first.includes('sessions'), first.join());
  await migrateDownAll(database.db);
  assert.deepEqual(await tables(), []);
  await migrateToLatest(database.db);
  assert.deepEqual(await tables(), first);
});

test('Dutch full-text search is available and stems', async () => {
  const result = await sql<{ v: string }>`select to_tsvector('dutch', 'robots bouwen')::text as v`.execute(database.db);
  assert.match(result.rows[0]!.v, /'robot'/);
});
