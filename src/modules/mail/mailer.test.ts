import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { captureSmtp } from '../../../test/helpers/smtp.js';
import { composeMail } from './compose.js';
import { Mailer } from './mailer.js';

const database = await testDatabase();
let fx: Fixture;
const silent = { level: 'silent', info() {}, warn() {}, error() {}, debug() {}, fatal() {}, trace() {}, child: () => silent } as never;

before(async () => {
  fx = await createFixture(database);
});
after(async () => {
  await database.drop();
});

const content = (to: string) => ({ to, kind: 'test', subject: 'Proefbericht', paragraphs: ['Hallo <b>daar</b>,', 'Regel één\nRegel twee'], action: { label: 'Klik', url: 'https://leren.example.org/x?a=1&b=2' }, footer: 'Onderaan.' });

test('composed mail: text is plain, HTML escapes what users typed', () => {
  const mail = composeMail(content('a@proef.example'));
  assert.match(mail.text, /^Hallo <b>daar<\/b>,\n\nRegel één\nRegel twee\n\nKlik:\nhttps:\/\/leren\.example\.org\/x\?a=1&b=2\n\n--\nOnderaan\.$/);
  assert.match(mail.html, /Hallo &lt;b&gt;daar&lt;\/b&gt;/);
  assert.match(mail.html, /href="https:\/\/leren\.example\.org\/x\?a=1&amp;b=2"/);
  assert.match(mail.html, /<html lang="nl">/);
});

describe('over SMTP', () => {
  test('mail is sent only after the transaction commits; a rollback sends nothing', async () => {
    const smtp = await captureSmtp();
    const mailer = new Mailer(database, { smtpUrl: smtp.url, from: 'Proef <noreply@proef.example>', logger: silent });
    await assert.rejects(
      database.transaction(async (tx) => {
        await mailer.queue(tx, content('teruggedraaid@proef.example'));
        throw new Error('afgebroken');
      }),
    );
    await database.transaction((tx) => mailer.queue(tx, content('verstuurd@proef.example')));
    const mail = await smtp.waitFor((m) => m.to.includes('verstuurd@proef.example'));
    assert.equal(mail.subject, 'Proefbericht');
    await mailer.idle();
    assert.equal(smtp.received.length, 1);
    const row = await database.db.selectFrom('mail_messages').selectAll().where('to_address', '=', 'verstuurd@proef.example').executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.equal(row.text_body, '', 'the body (which may hold a sign-in link) is wiped once sent');
    assert.equal(await database.db.selectFrom('mail_messages').select('id').where('to_address', '=', 'teruggedraaid@proef.example').executeTakeFirst(), undefined);
    await mailer.close();
    await smtp.close();
  });

  test('a refused delivery is tried again later, and succeeds', async () => {
    const smtp = await captureSmtp({ failNext: 1 });
    const mailer = new Mailer(database, { smtpUrl: smtp.url, from: 'noreply@proef.example', logger: silent });
    await database.transaction((tx) => mailer.queue(tx, content('later@proef.example')));
    await mailer.idle();
    const failed = await database.db.selectFrom('mail_messages').selectAll().where('to_address', '=', 'later@proef.example').executeTakeFirstOrThrow();
    assert.equal(failed.status, 'pending');
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /451/);
    assert.ok(failed.next_attempt_at.getTime() > Date.now() + 30_000, 'waits before trying again');
    // Time passes.
    await database.db.updateTable('mail_messages').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('id', '=', failed.id).execute();
    mailer.kick();
    await smtp.waitFor((m) => m.to.includes('later@proef.example'));
    await mailer.idle();
    const sent = await database.db.selectFrom('mail_messages').select(['status', 'attempts']).where('id', '=', failed.id).executeTakeFirstOrThrow();
    assert.deepEqual(sent, { status: 'sent', attempts: 2 });
    await mailer.close();
    await smtp.close();
  });
});

describe('without SMTP: the outbox', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await testApp(database, { smtpUrl: undefined });
  });
  after(async () => app.close());

  test('mail stays in the outbox, and only a platform administrator reads it', async () => {
    await database.transaction((tx) => app.ctx.mailer.queue(tx, { ...content('outbox@proef.example'), ecosystemId: fx.ecosystem.id }));
    const row = await database.db.selectFrom('mail_messages').select(['id', 'status']).where('to_address', '=', 'outbox@proef.example').executeTakeFirstOrThrow();
    assert.equal(row.status, 'outbox');

    const admin = await signedInAs(database, 'platform_admin');
    const list = await app.inject({ url: '/beheer/post', cookies: admin.cookies });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /outbox@proef\.example/);
    assert.match(list.body, /geen mailserver ingesteld/);
    const one = await app.inject({ url: `/beheer/post/${row.id}`, cookies: admin.cookies });
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /https:\/\/leren\.example\.org\/x\?a=1&amp;b=2/);

    const coordinator = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
    assert.equal((await app.inject({ url: '/beheer/post', cookies: coordinator.cookies })).statusCode, 403);
    assert.equal((await app.inject({ url: `/beheer/post/${row.id}`, cookies: coordinator.cookies })).statusCode, 403);
    assert.equal((await app.inject({ url: '/beheer/post' })).statusCode, 303);
    for (const bad of ['0', 'abc', '1e3', '99999999999999999999']) {
      assert.equal((await app.inject({ url: `/beheer/post/${bad}`, cookies: admin.cookies })).statusCode, 400, bad);
    }
    assert.equal((await app.inject({ url: '/beheer/post/999999', cookies: admin.cookies })).statusCode, 404);
    assert.equal((await app.inject({ url: '/beheer/post?voor=x', cookies: admin.cookies })).statusCode, 400);
  });
});
