import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runHousekeeping } from '../../core/modules.js';
import { isoDay } from '../../web/format.js';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { pdfBytes } from '../../../test/helpers/finance-fixtures.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { multipartBody } from '../../../test/helpers/multipart.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { captureSmtp } from '../../../test/helpers/smtp.js';
import { createUser } from '../accounts/commands/user-creator.js';
import { grantRole } from '../accounts/commands/membership-commands.js';
import { modules } from '../index.js';
import { maxDocumentBytes } from './agreement-document.js';

/**
 * Agreements through HTTP: the signed document (upload, checks, download),
 * signatories, who may read which agreement, and the reminder the
 * coordinators get before an agreement ends, sent by the hourly housekeeping.
 */
const database = await testDatabase();
const smtp = await captureSmtp();
let app: FastifyInstance;
let fx: Fixture;
type Person = { cookies: { lx_sessie: string }; csrf: string };
const people = {} as Record<'coordinator' | 'viewer' | 'library' | 'museum' | 'school', Person>;
let agreementId: number;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database, { smtpUrl: smtp.url, publicUrl: 'https://leren.example.org' });
  const e = fx.ecosystem.id;
  const roles = {
    coordinator: { ecosystemId: e, role: 'coordinator' as const },
    viewer: { ecosystemId: e, role: 'viewer' as const },
    library: { ecosystemId: e, role: 'partner_editor' as const, organisationIds: [fx.orgs.library] },
    museum: { ecosystemId: e, role: 'partner_editor' as const, organisationIds: [fx.orgs.museum] },
    school: { ecosystemId: e, role: 'school_contact' as const, locationIds: [fx.locations.enschede] },
  };
  for (const [who, role] of Object.entries(roles)) {
    const { cookies } = await signedInAs(database, role, `${who}@proef.example`);
    people[who as keyof typeof people] = { cookies, csrf: await csrfFor(app, cookies, '/account') };
  }
  const res = await post('/beheer/overeenkomsten/nieuw', 'coordinator', {
    title: 'Convenant Leerecosysteem', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: '90', documentUrl: '', notes: 'Getekend op de startbijeenkomst.',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  agreementId = Number(/overeenkomsten\/(\d+)/.exec(res.headers.location as string)![1]);
});
after(async () => {
  await app.close();
  await smtp.close();
  await database.drop();
});

const get = (url: string, who: keyof typeof people) => app.inject({ url: `/e/proef${url}`, cookies: people[who].cookies });
const post = (url: string, who: keyof typeof people, fields: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/e/proef${url}`, cookies: people[who].cookies, ...formPost({ _csrf: people[who].csrf, ...fields }) });
const upload = (who: keyof typeof people, file: { fileName: string; type: string; data: Buffer } | undefined, csrf = people[who].csrf) => {
  const { payload, headers } = multipartBody({ _csrf: csrf }, file && { name: 'document', ...file });
  return app.inject({ method: 'POST', url: `/e/proef/beheer/overeenkomsten/${agreementId}/document`, cookies: people[who].cookies, payload, headers });
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const stored = () => database.db.selectFrom('agreement_documents').select(['file_name', 'size_bytes']).where('agreement_id', '=', agreementId).executeTakeFirst();

describe('the signed document', () => {
  test('a bad upload gets a clear message and stores nothing', async () => {
    const cases: Array<[string, { fileName: string; type: string; data: Buffer } | undefined, number, RegExp]> = [
      ['no file chosen', undefined, 400, /Kies een PDF-bestand/],
      ['an empty file', { fileName: 'leeg.pdf', type: 'application/pdf', data: Buffer.alloc(0) }, 400, /Kies een PDF-bestand|Dit bestand is leeg/],
      ['a Word file renamed to .pdf', { fileName: 'convenant.pdf', type: 'application/pdf', data: Buffer.from('PK\u0003\u0004 word/document.xml') }, 400, /Dit bestand is geen PDF/],
      ['a PDF labelled as a picture', { fileName: 'convenant.pdf', type: 'image/png', data: pdfBytes() }, 400, /Dit bestand is geen PDF/],
      ['half a PDF (cut off)', { fileName: 'convenant.pdf', type: 'application/pdf', data: pdfBytes(5000).subarray(0, 3000) }, 400, /Dit bestand is geen PDF/],
      ['just over 10 MB', { fileName: 'groot.pdf', type: 'application/pdf', data: pdfBytes(maxDocumentBytes + 1) }, 400, /Dit bestand is groter dan 10 MB/],
      ['far over the limit', { fileName: 'enorm.pdf', type: 'application/pdf', data: pdfBytes(maxDocumentBytes + 200_000) }, 413, /Het bestand is te groot: een overeenkomst mag hoogstens 10 MB zijn/],
    ];
    for (const [what, file, status, message] of cases) {
      const res = await upload('coordinator', file);
      assert.equal(res.statusCode, status, what);
      assert.match(text(res.body), message, what);
      assert.equal(await stored(), undefined, what);
    }
    // The page with the problem still shows the agreement and a form to try again.
    const res = await upload('coordinator', { fileName: 'x.pdf', type: 'application/pdf', data: Buffer.from('geen pdf') });
    assert.match(res.body, /id="veld-document"[^>]*aria-invalid="true"/);
  });

  test('a wrong form token, a viewer or a partner: refused, nothing stored', async () => {
    const file = { fileName: 'convenant.pdf', type: 'application/pdf', data: pdfBytes() };
    assert.equal((await upload('coordinator', file, 'vals-token')).statusCode, 403);
    assert.equal((await upload('viewer', file)).statusCode, 403);
    assert.equal((await upload('library', file)).statusCode, 403);
    assert.equal(await stored(), undefined);
  });

  test('a PDF is stored, downloaded byte for byte, replaced and removed', async () => {
    const data = pdfBytes(20_000);
    let res = await upload('coordinator', { fileName: 'C:\\Documenten\\Convenant “Twente” 2026.pdf', type: 'application/pdf', data });
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 400));
    assert.deepEqual(await stored(), { file_name: 'Convenant “Twente” 2026.pdf', size_bytes: 20_000 });
    res = await get(`/beheer/overeenkomsten/${agreementId}/document`, 'viewer');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], `attachment; filename="Convenant Twente 2026.pdf"; filename*=UTF-8''Convenant%20%E2%80%9CTwente%E2%80%9D%202026.pdf`);
    assert.ok(res.rawPayload.equals(data));
    assert.match(text((await get(`/beheer/overeenkomsten/${agreementId}`, 'coordinator')).body), /Convenant “Twente” 2026\.pdf downloaden \(20 kB\)/);

    res = await upload('coordinator', { fileName: 'versie2', type: 'application/octet-stream', data: pdfBytes(1000) });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await stored(), { file_name: 'versie2.pdf', size_bytes: 1000 });

    res = await post(`/beheer/overeenkomsten/${agreementId}/document/verwijderen`, 'coordinator');
    assert.equal(res.statusCode, 303);
    assert.equal(await stored(), undefined);
    assert.equal((await get(`/beheer/overeenkomsten/${agreementId}/document`, 'coordinator')).statusCode, 404);
    const actions = (await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', String(agreementId)).execute()).map((a) => a.action);
    assert.deepEqual(actions.filter((a) => a.includes('document')), ['network.agreement.documentUploaded', 'network.agreement.documentUploaded', 'network.agreement.documentRemoved']);
  });
});

describe('signatories and who reads what', () => {
  test('signatories are added with organisation, name, function and date; a wrong organisation is named', async () => {
    let res = await post(`/beheer/overeenkomsten/${agreementId}/ondertekenaars`, 'coordinator', { signatoryOrganisation: '999999', personName: 'Iemand', personFunction: '', signedOn: '' });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /Kies een organisatie uit de lijst/);
    res = await post(`/beheer/overeenkomsten/${agreementId}/ondertekenaars`, 'coordinator', { signatoryOrganisation: String(fx.orgs.library), personName: 'Demo Directeur', personFunction: 'directeur-bestuurder', signedOn: '2026-07-01' });
    assert.equal(res.statusCode, 303);
    const page = text((await get(`/beheer/overeenkomsten/${agreementId}`, 'coordinator')).body);
    assert.match(page, /Bibliotheek Proefstad Demo Directeur directeur-bestuurder 1 juli 2026/);
    assert.match(page, /Getekend/);
  });

  test('a partner party to the agreement reads it; others do not', async () => {
    assert.equal((await get(`/beheer/overeenkomsten/${agreementId}`, 'library')).statusCode, 200);
    assert.equal((await get(`/beheer/overeenkomsten/${agreementId}`, 'museum')).statusCode, 403);
    assert.equal((await get(`/beheer/overeenkomsten/${agreementId}`, 'school')).statusCode, 403);
    assert.equal((await get('/beheer/overeenkomsten', 'school')).statusCode, 403);
    assert.equal((await get('/beheer/overeenkomsten', 'museum')).statusCode, 200);
    assert.doesNotMatch(text((await get('/beheer/overeenkomsten', 'museum')).body), /Convenant Leerecosysteem/);
    const anonymous = await app.inject({ url: `/e/proef/beheer/overeenkomsten/${agreementId}` });
    assert.equal(anonymous.statusCode, 303);
    // Partners see the agreement but no buttons to change it.
    assert.doesNotMatch((await get(`/beheer/overeenkomsten/${agreementId}`, 'library')).body, /Ondertekenaar toevoegen|Uploaden/);
  });

  test('a signatory is removed from its own agreement only', async () => {
    const signatory = await database.db.selectFrom('agreement_signatories').select('id').where('agreement_id', '=', agreementId).executeTakeFirstOrThrow();
    const res = await post('/beheer/overeenkomsten/nieuw', 'coordinator', { title: 'Andere', kind: 'letter_of_intent', status: 'draft', startsOn: '2026-01-01', endsOn: '', reminderDays: '', documentUrl: '', notes: '' });
    const other = Number(/overeenkomsten\/(\d+)/.exec(res.headers.location as string)![1]);
    assert.equal((await post(`/beheer/overeenkomsten/${other}/ondertekenaars/${signatory.id}/verwijderen`, 'coordinator')).statusCode, 404);
    assert.equal((await post(`/beheer/overeenkomsten/${agreementId}/ondertekenaars/${signatory.id}/verwijderen`, 'coordinator')).statusCode, 303);
    assert.equal((await post(`/beheer/overeenkomsten/${other}/verwijderen`, 'coordinator')).statusCode, 303);
    assert.equal((await get(`/beheer/overeenkomsten/${other}`, 'coordinator')).statusCode, 404);
  });
});

describe('a reminder before an agreement ends', () => {
  const day = 86_400_000;
  const now = new Date();
  const inDays = (n: number) => isoDay(new Date(now.getTime() + n * day));

  test('coordinators are mailed once, the set number of days before the end; drafts, ended and open-ended agreements not', async () => {
    const e = fx.ecosystem.id;
    // A second coordinator, and one whose account is disabled.
    await database.transaction(async (tx) => {
      const second = await createUser(tx, { email: 'tweede.coordinator@proef.example', name: 'Tweede Coördinator' });
      await grantRole(tx, 'system', { ecosystemId: e, userId: second, role: 'coordinator' });
      const disabled = await createUser(tx, { email: 'oud@proef.example', name: 'Oud' });
      await grantRole(tx, 'system', { ecosystemId: e, userId: disabled, role: 'coordinator' });
      await tx.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled).execute();
    });
    const make = (title: string, status: string, endsOn: string, reminderDays = '') =>
      post('/beheer/overeenkomsten/nieuw', 'coordinator', { title, kind: 'collaboration_agreement', status, startsOn: '2025-01-01', endsOn, reminderDays, documentUrl: '', notes: '' });
    await make('Loopt over 30 dagen af', 'signed', inDays(30));
    await make('Loopt over 90 dagen af', 'signed', inDays(90));
    await make('Concept dat afloopt', 'draft', inDays(30));
    await make('Al afgelopen', 'signed', inDays(-1));
    await make('Korte termijn', 'signed', inDays(10), '10');
    await make('Net te vroeg', 'signed', inDays(11), '10');

    const removed = await runHousekeeping(database, modules, app.ctx, now);
    assert.equal(removed['network.agreementReminders'], 2);
    const reminders = await database.db.selectFrom('mail_messages').select(['to_address', 'subject', 'kind']).where('kind', '=', 'agreement_reminder').orderBy('subject').orderBy('to_address').execute();
    assert.deepEqual(reminders.map((m) => m.to_address), ['coordinator@proef.example', 'tweede.coordinator@proef.example', 'coordinator@proef.example', 'tweede.coordinator@proef.example']);
    assert.ok(reminders.every((m) => /^Overeenkomst loopt af op \p{L}+ \d+ \p{L}+ \d{4}: (Korte termijn|Loopt over 30 dagen af)$/u.test(m.subject)), reminders.map((m) => m.subject).join('\n'));

    const mail = await smtp.waitFor((m) => m.to.includes('tweede.coordinator@proef.example') && m.subject.endsWith('Loopt over 30 dagen af'));
    assert.match(mail.text, /Beste Tweede Coördinator,/);
    assert.match(mail.text, /De samenwerkingsovereenkomst “Loopt over 30 dagen af” van Proefregio proef loopt af op .* over 30 dagen\./);
    const link = mail.link('https://leren.example.org/e/proef/beheer/overeenkomsten/');
    assert.equal((await app.inject({ url: new URL(link).pathname, cookies: people.coordinator.cookies })).statusCode, 200);
    const audit = await database.db.selectFrom('audit_events').select(['actor_kind', 'details']).where('action', '=', 'network.agreement.reminderSent').execute();
    assert.equal(audit.length, 2);
    assert.ok(audit.every((a) => a.actor_kind === 'system'));

    // Once: the next hour sends nothing new.
    assert.equal((await runHousekeeping(database, modules, app.ctx, new Date(now.getTime() + 3_600_000)))['network.agreementReminders'], 0);
    assert.match(text((await get('/beheer/overeenkomsten', 'coordinator')).body), /Loopt af over 30 dagen/);
  });

  test('an extended agreement is reminded of again before its new end date', async () => {
    const row = await database.db.selectFrom('agreements').select(['id', 'reminder_sent_at']).where('title', '=', 'Loopt over 30 dagen af').executeTakeFirstOrThrow();
    assert.ok(row.reminder_sent_at);
    assert.match(text((await get(`/beheer/overeenkomsten/${row.id}`, 'coordinator')).body), /Verstuurd op/);
    const res = await post(`/beheer/overeenkomsten/${row.id}/bewerken`, 'coordinator', {
      title: 'Loopt over 30 dagen af', kind: 'collaboration_agreement', status: 'signed', startsOn: '2025-01-01', endsOn: inDays(400), reminderDays: '', documentUrl: '', notes: '',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await database.db.selectFrom('agreements').select('reminder_sent_at').where('id', '=', row.id).executeTakeFirstOrThrow()).reminder_sent_at, null);
    assert.equal((await runHousekeeping(database, modules, app.ctx, now))['network.agreementReminders'], 0);
    // 60 days before the new end: this one. ("Loopt over 90 dagen af" has ended by then without its reminder having been run: too late to send.)
    assert.equal((await runHousekeeping(database, modules, app.ctx, new Date(now.getTime() + 345 * day)))['network.agreementReminders'], 1);
  });
});
