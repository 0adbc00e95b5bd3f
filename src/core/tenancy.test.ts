import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { testDatabase } from '../../test/helpers/build-app.js';
import { createFixture } from '../../test/helpers/factories.js';
import { EcosystemRegistry } from './tenancy.js';

const db = await testDatabase();
after(() => db.drop());

test('themes read again after the time-to-live keep the same objects while unchanged, and new ones after a change', async () => {
  const fx = await createFixture(db);
  // A time-to-live of 0: every call reads the themes again.
  const registry = new EcosystemRegistry(db.db, 0);
  const first = await registry.themes(fx.ecosystem.id);
  const firstSlugs = await registry.themeSlugs(fx.ecosystem.id);
  assert.ok(first.length > 0);
  assert.equal(await registry.themes(fx.ecosystem.id), first, 'unchanged: the same array');
  assert.equal(await registry.themeSlugs(fx.ecosystem.id), firstSlugs, 'unchanged: the same slug map');

  await db.db.updateTable('themes').set({ name: 'Nieuwe naam' }).where('id', '=', first[0]!.id).execute();
  const changed = await registry.themes(fx.ecosystem.id);
  assert.notEqual(changed, first);
  assert.equal(changed.find((t) => t.id === first[0]!.id)?.name, 'Nieuwe naam');
  assert.notEqual(await registry.themeSlugs(fx.ecosystem.id), firstSlugs);
});
