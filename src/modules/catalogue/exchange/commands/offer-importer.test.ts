import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase } from '../../../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../../../test/helpers/factories.js';
import { columns } from '../columns.js';
import { applyOfferImport } from './offer-importer.js';

const database = await testDatabase();
let fx: Fixture;

before(async () => {
  fx = await createFixture(database);
});
after(() => database.drop());

const row = (externalId: string, title: string) =>
  columns.map((c) => ({
    'Eigen id': externalId, Titel: title, 'Thema’s': 'bewegen', Vorm: 'Club', 'Binnen/buiten school': 'Buiten school', 'Leeftijd van': '6', 'Leeftijd tot': '9',
    Niveau: 'Kennismaken', Aanmelden: 'Vrije inloop', Online: 'ja', Sessies: '2030-03-01 10:00-11:00 (5)',
  } as Record<string, string>)[c.header] ?? '');

test('all or nothing: a failure in a later row undoes the rows before it', async () => {
  // The database refuses a title the validator lets through, so the second row fails inside the commands.
  await sql`create function refuse_kapot() returns trigger language plpgsql as $$
    begin if new.title = 'Kapot' then raise exception 'kapot'; end if; return new; end $$`.execute(database.db);
  await sql`create trigger refuse_kapot before insert on activities for each row execute function refuse_kapot()`.execute(database.db);
  const sheet = { headers: columns.map((c) => c.header), rows: [row('A-1', 'Heel'), row('A-2', 'Kapot')] };
  await assert.rejects(
    database.transaction((tx) => applyOfferImport(tx, { kind: 'admin' }, fx.ecosystem.id, sheet, { mode: 'all', defaultOrganisationId: fx.orgs.library, fileName: 'x.csv' })),
  );
  const left = await database.db.selectFrom('activities').select('id').where('external_id', 'in', ['A-1', 'A-2']).execute();
  assert.deepEqual(left, []);
  const audit = await database.db.selectFrom('audit_events').select('id').where('action', 'like', '%import%').execute();
  assert.deepEqual(audit, []);
  await sql`drop trigger refuse_kapot on activities`.execute(database.db);

  // Without the trap both rows go in, as drafts, with their sessions; a second run changes nothing in number.
  for (let run = 0; run < 2; run++) {
    const outcome = await database.transaction((tx) =>
      applyOfferImport(tx, { kind: 'admin' }, fx.ecosystem.id, { ...sheet, rows: [row('A-1', 'Heel'), row('A-2', 'Ook heel')] }, { mode: 'all', defaultOrganisationId: fx.orgs.library, fileName: 'x.csv' }),
    );
    assert.deepEqual([outcome.applied, outcome.created, outcome.updated], run === 0 ? [true, 2, 0] : [true, 0, 2]);
  }
  const rows = await database.db.selectFrom('activities').select(['id', 'status', 'online', 'last_session_at']).where('external_id', 'in', ['A-1', 'A-2']).execute();
  assert.deepEqual(rows.map((r) => [r.status, r.online]), [['draft', true], ['draft', true]]);
  assert.ok(rows.every((r) => r.last_session_at !== null));
  const sessions = await database.db.selectFrom('sessions').select('id').where('activity_id', 'in', rows.map((r) => r.id)).execute();
  assert.equal(sessions.length, 2);
});
