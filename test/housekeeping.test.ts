import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runHousekeeping } from '../src/core/modules.js';
import { createUser } from '../src/modules/accounts/commands/user-creator.js';
import { modules } from '../src/modules/index.js';
import { Mailer } from '../src/modules/mail/mailer.js';
import { testConfig, testDatabase } from './helpers/build-app.js';
import { createFixture, type Fixture } from './helpers/factories.js';

const database = await testDatabase();
let fx: Fixture;
let userId: number;
const now = new Date('2027-03-01T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
// No SMTP: what housekeeping sends stays in the outbox.
const silent = { level: 'silent', info() {}, warn() {}, error() {}, debug() {}, fatal() {}, trace() {}, child: () => silent } as never;
const services = { mailer: new Mailer(database, { smtpUrl: undefined, from: 'noreply@proef.example', logger: silent }), config: testConfig() };

before(async () => {
  fx = await createFixture(database);
  userId = await database.transaction((tx) => createUser(tx, { email: 'opruimen@proef.example', name: 'Opruimen' }));
});
after(async () => database.drop());

test('housekeeping removes what has expired and keeps what is still of use', async () => {
  const e = fx.ecosystem.id;
  await database.db
    .insertInto('user_sessions')
    .values([
      { id: 'verlopen', user_id: userId, csrf_secret: 'x', expires_at: ago(1) },
      { id: 'geldig', user_id: userId, csrf_secret: 'x', expires_at: ago(-1) },
    ])
    .execute();
  await database.db
    .insertInto('login_tokens')
    .values([
      { token_hash: 'oud', user_id: userId, purpose: 'sign_in', expires_at: ago(2) },
      { token_hash: 'gebruikt', user_id: userId, purpose: 'password_reset', expires_at: ago(-1), used_at: ago(2) },
      { token_hash: 'vers', user_id: userId, purpose: 'sign_in', expires_at: ago(-0.01) },
    ])
    .execute();
  const invitation = (email: string, expires: Date, accepted: Date | null) => ({
    ecosystem_id: e, email, role: 'viewer' as const, token_hash: email, expires_at: expires, accepted_at: accepted,
  });
  await database.db
    .insertInto('invitations')
    .values([invitation('lang-verlopen@proef.example', ago(40), null), invitation('net-verlopen@proef.example', ago(5), null), invitation('aangenomen@proef.example', ago(40), ago(45))])
    .execute();
  const mail = (to: string, status: 'outbox' | 'sent', created: Date) => ({ to_address: to, subject: 'Proef', text_body: 'met link', html_body: '<p>met link</p>', status, created_at: created });
  await database.db
    .insertInto('mail_messages')
    .values([mail('oud@proef.example', 'outbox', ago(40)), mail('nieuw@proef.example', 'outbox', ago(2)), mail('heel-oud@proef.example', 'sent', ago(200))])
    .execute();
  await database.db
    .insertInto('offer_import_uploads')
    .values([
      { id: 'verlopen', ecosystem_id: e, user_id: userId, sheet: JSON.stringify([]), expires_at: ago(0.01) },
      { id: 'open', ecosystem_id: e, user_id: userId, sheet: JSON.stringify([]), expires_at: ago(-0.05) },
    ])
    .execute();

  await database.db
    .insertInto('school_import_uploads')
    .values([
      { id: 'verlopen', ecosystem_id: e, user_id: userId, content: JSON.stringify({}), expires_at: ago(0.01) },
      { id: 'open', ecosystem_id: e, user_id: userId, content: JSON.stringify({}), expires_at: ago(-0.05) },
    ])
    .execute();

  const batch = (await database.db.insertInto('pass_batches').values({ ecosystem_id: e, label: 'groep 6', size: 1 }).returning('id').executeTakeFirstOrThrow()).id;
  await database.db
    .insertInto('pass_card_sheets')
    .values([
      { ecosystem_id: e, batch_id: batch, created_by: userId, sealed: 'verlopen', expires_at: ago(0.001) },
      { ecosystem_id: e, batch_id: batch, created_by: userId, sealed: 'open', expires_at: ago(-0.01) },
    ])
    .execute();

  const removed = await runHousekeeping(database, modules, services, now);
  assert.deepEqual(removed, {
    'accounts.sessions': 1, 'accounts.loginTokens': 2, 'accounts.invitations': 1, 'mail.bodiesWiped': 1, 'mail.deleted': 1, 'catalogue.imports': 1,
    'network.schoolImports': 1, 'network.agreementReminders': 0,
    'passes.cardSheets': 1, 'passes.parentSessions': 0, 'passes.inactivePasses': 0, 'passes.pathSessions': 0, 'signups.offersExpired': 0, 'signups.placesOffered': 0, 'signups.reminders': 0,
  });
  assert.deepEqual((await database.db.selectFrom('school_import_uploads').select('id').execute()).map((r) => r.id), ['open']);
  assert.deepEqual((await database.db.selectFrom('pass_card_sheets').select('sealed').execute()).map((r) => r.sealed), ['open']);
  assert.deepEqual((await database.db.selectFrom('user_sessions').select('id').execute()).map((r) => r.id), ['geldig']);
  assert.deepEqual((await database.db.selectFrom('login_tokens').select('token_hash').execute()).map((r) => r.token_hash), ['vers']);
  assert.deepEqual((await database.db.selectFrom('invitations').select('email').orderBy('email').execute()).map((r) => r.email), ['aangenomen@proef.example', 'net-verlopen@proef.example']);
  const mails = await database.db.selectFrom('mail_messages').select(['to_address', 'text_body']).orderBy('to_address').execute();
  assert.deepEqual(mails, [{ to_address: 'nieuw@proef.example', text_body: 'met link' }, { to_address: 'oud@proef.example', text_body: '' }]);
  assert.deepEqual((await database.db.selectFrom('offer_import_uploads').select('id').execute()).map((r) => r.id), ['open']);

  // Nothing more to do the second time.
  assert.ok(Object.values(await runHousekeeping(database, modules, services, now)).every((n) => n === 0));
});
