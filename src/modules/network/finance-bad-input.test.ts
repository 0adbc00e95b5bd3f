import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createAgreement } from './commands/agreement-commands.js';
import { createBudgetLine } from './commands/budget-commands.js';
import { createContribution } from './commands/contribution-commands.js';
import { createExpense } from './commands/expense-commands.js';
import { createGrant } from './commands/grant-commands.js';

/**
 * Bad input on every agreement and finance form: a specific Dutch message,
 * the right status, nothing written (not a row, not an audit event), and
 * never a 500. One table; each row is tried by a coordinator.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let coordinator: { cookies: { lx_sessie: string }; csrf: string };
const ids = { grant: 0, agreement: 0, line: 0, contribution: 0, expense: 0 };

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  const { cookies } = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'coordinator' });
  coordinator = { cookies, csrf: await csrfFor(app, cookies, '/account') };
  await database.transaction(async (tx) => {
    const e = fx.ecosystem.id;
    ids.grant = await createGrant(tx, 'system', e, { name: 'Proefsubsidie', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: 1, grantPart: 1, awardedCents: 10_000_000, notes: '', rates: { po: 1_000_000 } });
    ids.agreement = await createAgreement(tx, 'system', e, { title: 'Proefconvenant', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: 60, documentUrl: null, notes: '' });
    ids.line = await createBudgetLine(tx, 'system', e, ids.grant, { category: 'activities', name: 'Activiteiten', planned: [1_000_000, 1_000_000, 0] });
    ids.contribution = await createContribution(tx, 'system', e, { organisationId: fx.orgs.library, agreementId: ids.agreement, grantId: ids.grant, stage: 'commitment', kind: 'cash', description: '', value: { amountCents: 500_000 }, datedOn: null });
    ids.expense = (await createExpense(tx, 'system', e, { budgetLineId: ids.line, spentOn: '2026-09-01', description: 'Bus', organisationId: null, reference: '', value: { amountCents: 10_000 } })).id;
  });
});
after(async () => {
  await app.close();
  await database.drop();
});

/** Every row of every table this part writes, plus the audit log: the same before and after a refused request. */
async function snapshot(): Promise<string> {
  const tables = ['agreements', 'agreement_documents', 'agreement_signatories', 'grants', 'grant_rates', 'budget_lines', 'budget_line_amounts', 'contributions', 'expenses', 'audit_events'];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2`.execute(database.db);
    parts.push(JSON.stringify(rows.rows.map((r) => ({ ...r, content: undefined }))));
  }
  return parts.join('\n');
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replace(/&quot;/g, '"');

const agreement = { title: 'Convenant', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: '', documentUrl: '', notes: '' };
const grant = { name: 'Subsidie', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: '1', grantPart: '1', awarded: '', notes: '' };
const contribution = () => ({ organisationId: String(fx.orgs.library), stage: 'commitment', kind: 'hours', description: 'Uren', amount: '', hours: '10', hourlyRate: '50', datedOn: '', grantId: String(ids.grant), agreementId: '' });
const expense = () => ({ grantId: String(ids.grant), budgetLineId: String(ids.line), description: 'Bus', spentOn: '2026-09-02', amount: '100', hours: '', hourlyRate: '', organisationId: '', reference: '' });
const signatory = () => ({ signatoryOrganisation: String(fx.orgs.library), personName: 'A. de Vries', personFunction: '', signedOn: '' });

// [what, path, form fields (after the CSRF token), status, words the answer must contain]
type Row = [string, () => string, () => Record<string, string>, number, RegExp];
const rows: Row[] = [
  // ---- agreements ----
  ['agreement without title', () => '/beheer/overeenkomsten/nieuw', () => ({ ...agreement, title: '' }), 400, /Vul de titel van de overeenkomst in/],
  ['agreement ending before it starts', () => '/beheer/overeenkomsten/nieuw', () => ({ ...agreement, endsOn: '2026-01-01' }), 400, /De einddatum moet na de begindatum liggen/],
  ['agreement on 31 June', () => '/beheer/overeenkomsten/nieuw', () => ({ ...agreement, startsOn: '2026-06-31' }), 400, /Vul een datum in als jjjj-mm-dd/],
  ['agreement of an unknown kind', () => '/beheer/overeenkomsten/nieuw', () => ({ ...agreement, kind: 'huurcontract' }), 400, /Maak een keuze uit de lijst/],
  ['agreement with a 5000-character title', () => '/beheer/overeenkomsten/nieuw', () => ({ ...agreement, title: 'x'.repeat(5000) }), 400, /Maximaal 200 tekens/],
  ['reminder of 0 days', () => `/beheer/overeenkomsten/${ids.agreement}/bewerken`, () => ({ ...agreement, reminderDays: '0' }), 400, /Vul een heel aantal dagen in, van 1 tot en met 365/],
  ['reminder of "twee maanden"', () => `/beheer/overeenkomsten/${ids.agreement}/bewerken`, () => ({ ...agreement, reminderDays: 'twee maanden' }), 400, /Vul een heel aantal dagen in/],
  ['a link to a script', () => `/beheer/overeenkomsten/${ids.agreement}/bewerken`, () => ({ ...agreement, documentUrl: 'javascript:alert(1)' }), 400, /Vul een webadres in dat begint met https:\/\//],
  ['changing an agreement that does not exist', () => '/beheer/overeenkomsten/999999/bewerken', () => agreement, 404, /Deze overeenkomst bestaat niet/],
  ['an agreement id that is no number', () => '/beheer/overeenkomsten/abc/bewerken', () => agreement, 400, /heel getal/],
  ['an agreement id beyond range', () => '/beheer/overeenkomsten/99999999999/verwijderen', () => ({}), 400, /hoogstens 2147483647/],
  ['signatory of an unknown organisation', () => `/beheer/overeenkomsten/${ids.agreement}/ondertekenaars`, () => ({ ...signatory(), signatoryOrganisation: '424242' }), 400, /Kies een organisatie uit de lijst/],
  ['signatory without a name', () => `/beheer/overeenkomsten/${ids.agreement}/ondertekenaars`, () => ({ ...signatory(), personName: '  ' }), 400, /Vul de naam in van wie tekent/],
  ['signatory signing next year', () => `/beheer/overeenkomsten/${ids.agreement}/ondertekenaars`, () => ({ ...signatory(), signedOn: `${new Date().getUTCFullYear() + 1}-01-01` }), 400, /De datum van ondertekening ligt in de toekomst/],
  ['removing a signatory that does not exist', () => `/beheer/overeenkomsten/${ids.agreement}/ondertekenaars/999999/verwijderen`, () => ({}), 404, /Deze overeenkomst bestaat niet/],
  ['contribution under an agreement with negative hours', () => `/beheer/overeenkomsten/${ids.agreement}/bijdragen`, () => ({ ...contribution(), hours: '-10' }), 400, /Het aantal uren mag niet negatief zijn/],
  ['contribution of an unknown organisation', () => `/beheer/overeenkomsten/${ids.agreement}/bijdragen`, () => ({ ...contribution(), organisationId: '424242' }), 400, /Kies een organisatie uit de lijst/],
  ['removing a document that is not there', () => `/beheer/overeenkomsten/${ids.agreement}/document/verwijderen`, () => ({}), 404, /Deze overeenkomst bestaat niet/],
  // ---- grants ----
  ['grant of six years', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, endsOn: '2032-08-01' }), 400, /Een subsidieperiode duurt hoogstens 5 jaar/],
  ['grant ending before it starts', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, endsOn: '2026-07-01' }), 400, /De einddatum moet na de begindatum liggen/],
  ['grant with a negative rate', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, 'rate-po': '-10' }), 400, /Een bedrag mag niet negatief zijn/],
  ['grant with a rate of € 1 million per school', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, 'rate-havo': '1.000.000' }), 400, /Het bedrag mag hoogstens € 100\.000 zijn/],
  ['grant with a rate in tenths of cents', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, 'rate-vwo': '12,345' }), 400, /hoogstens twee cijfers achter de komma/],
  ['grant with ratio 0 : 1', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, cofinancingPart: '0' }), 400, /Vul een heel getal in van 1 tot en met 100/],
  ['grant awarded "veel"', () => '/beheer/financien/subsidies/nieuw', () => ({ ...grant, awarded: 'veel' }), 400, /Vul een bedrag in euro’s in, bijvoorbeeld 1\.250,50/],
  ['awarded below the budget', () => `/beheer/financien/subsidies/${ids.grant}/bewerken`, () => ({ ...grant, awarded: '19.999,99' }), 400, /De begroting is al € 20\.000/],
  ['a one-year period with budget in year 2', () => `/beheer/financien/subsidies/${ids.grant}/bewerken`, () => ({ ...grant, startsOn: '2026-09-01', endsOn: '2027-08-31', awarded: '100.000' }), 400, /De begroting heeft bedragen in jaar 2, dat buiten deze periode valt/],
  ['a later start with an expense before it', () => `/beheer/financien/subsidies/${ids.grant}/bewerken`, () => ({ ...grant, startsOn: '2026-10-01', awarded: '100.000' }), 400, /Er zijn uitgaven buiten deze periode \(de eerste op 2026-09-01, de laatste op 2026-09-01\)/],
  ['changing a grant that does not exist', () => '/beheer/financien/subsidies/999999/bewerken', () => grant, 404, /Deze subsidie bestaat niet/],
  ['deleting a grant in use', () => `/beheer/financien/subsidies/${ids.grant}/verwijderen`, () => ({}), 409, /Bij deze subsidie horen nog begrotingsposten of bijdragen/],
  // ---- budget lines ----
  ['budget line over the awarded grant', () => `/beheer/financien/subsidies/${ids.grant}/begroting/nieuw`, () => ({ category: 'other', name: 'Te veel', planned1: '80.000,01' }), 400, /meer dan de toegekende subsidie van € 100\.000/],
  ['budget line without a name', () => `/beheer/financien/subsidies/${ids.grant}/begroting/nieuw`, () => ({ category: 'other', name: '', planned1: '10' }), 400, /Geef de begrotingspost een naam/],
  ['budget line with a negative year', () => `/beheer/financien/subsidies/${ids.grant}/begroting/nieuw`, () => ({ category: 'other', name: 'x', planned2: '-5' }), 400, /Een bedrag mag niet negatief zijn/],
  ['budget line of an unknown category', () => `/beheer/financien/begroting/${ids.line}/bewerken`, () => ({ category: 'bier', name: 'x' }), 400, /Maak een keuze uit de lijst/],
  ['budget line for a grant that does not exist', () => '/beheer/financien/subsidies/999999/begroting/nieuw', () => ({ category: 'other', name: 'x' }), 404, /Deze subsidie bestaat niet/],
  ['changing a budget line that does not exist', () => '/beheer/financien/begroting/999999/bewerken', () => ({ category: 'other', name: 'x' }), 404, /Deze begrotingspost bestaat niet/],
  ['deleting a budget line with expenses', () => `/beheer/financien/begroting/${ids.line}/verwijderen`, () => ({}), 409, /Op deze begrotingspost staan nog uitgaven/],
  // ---- contributions ----
  ['contribution with amount and hours', () => '/beheer/financien/bijdragen/nieuw', () => ({ ...contribution(), amount: '100' }), 400, /Vul een bedrag in óf uren met een uurtarief, niet allebei/],
  ['contribution in hours of 7,255', () => '/beheer/financien/bijdragen/nieuw', () => ({ ...contribution(), hours: '7,255' }), 400, /Uren hebben hoogstens twee cijfers achter de komma/],
  ['contribution at € 2.000 an hour', () => '/beheer/financien/bijdragen/nieuw', () => ({ ...contribution(), hourlyRate: '2.000' }), 400, /Het bedrag mag hoogstens € 500 zijn/],
  ['contribution of an unknown grant', () => '/beheer/financien/bijdragen/nieuw', () => ({ ...contribution(), grantId: '999999' }), 400, /Kies een subsidie uit de lijst/],
  ['contribution under an unknown agreement', () => '/beheer/financien/bijdragen/nieuw', () => ({ ...contribution(), agreementId: '999999' }), 400, /Kies een overeenkomst uit de lijst/],
  ['realised contribution without a date', () => '/beheer/financien/bijdragen/nieuw', () => ({ ...contribution(), stage: 'realisation' }), 400, /Vul een datum in/],
  ['cash counted in hours', () => `/beheer/financien/bijdragen/${ids.contribution}/bewerken`, () => ({ ...contribution(), kind: 'cash' }), 400, /Een bijdrage in geld is een bedrag/],
  ['changing a contribution that does not exist', () => '/beheer/financien/bijdragen/999999/bewerken', () => contribution(), 404, /Deze bijdrage bestaat niet/],
  ['deleting a contribution that does not exist', () => '/beheer/financien/bijdragen/999999/verwijderen', () => ({}), 404, /Deze bijdrage bestaat niet/],
  // ---- expenses ----
  ['expense before the grant began', () => '/beheer/financien/uitgaven/nieuw', () => ({ ...expense(), spentOn: '2026-07-31' }), 400, /Deze datum valt buiten de subsidieperiode/],
  ['expense on an unknown budget line', () => '/beheer/financien/uitgaven/nieuw', () => ({ ...expense(), budgetLineId: '999999' }), 400, /Kies een begrotingspost uit de lijst/],
  ['expense paid to an unknown partner', () => '/beheer/financien/uitgaven/nieuw', () => ({ ...expense(), organisationId: '999999' }), 400, /Kies een organisatie uit de lijst/],
  ['expense of € 0,001', () => '/beheer/financien/uitgaven/nieuw', () => ({ ...expense(), amount: '0,001' }), 400, /hoogstens twee cijfers achter de komma/],
  ['expense without description', () => `/beheer/financien/uitgaven/${ids.expense}/bewerken`, () => ({ ...expense(), description: '' }), 400, /Beschrijf in een paar woorden wat het is/],
  ['expense form for a grant that does not exist', () => '/beheer/financien/uitgaven/nieuw', () => ({ ...expense(), grantId: '999999' }), 404, /Deze subsidie bestaat niet/],
  ['changing an expense that does not exist', () => '/beheer/financien/uitgaven/999999/bewerken', () => expense(), 404, /Deze uitgave bestaat niet/],
  // ---- anything ----
  ['a null byte in a text field', () => '/beheer/overeenkomsten/nieuw', () => ({ ...agreement, notes: 'a\u0000b' }), 400, /Bevat tekens die niet zijn toegestaan/],
];

describe('bad input on the agreement and finance forms', () => {
  for (const [what, path, fields, status, message] of rows) {
    test(what, async () => {
      const before = await snapshot();
      const res = await app.inject({ method: 'POST', url: `/e/proef${path()}`, cookies: coordinator.cookies, ...formPost({ _csrf: coordinator.csrf, ...fields() }) });
      assert.equal(res.statusCode, status, `${what}: ${text(res.body).slice(0, 600)}`);
      assert.match(text(res.body), message, what);
      assert.equal(await snapshot(), before, `${what}: nothing written`);
    });
  }

  test('a wrong or missing form token changes nothing, on every kind of form', async () => {
    const before = await snapshot();
    for (const [path, fields] of [
      ['/beheer/overeenkomsten/nieuw', agreement], [`/beheer/overeenkomsten/${ids.agreement}/verwijderen`, {}], ['/beheer/financien/subsidies/nieuw', grant],
      [`/beheer/financien/bijdragen/${ids.contribution}/verwijderen`, {}], ['/beheer/financien/uitgaven/nieuw', expense()],
    ] as const) {
      for (const token of ['vals', undefined]) {
        const res = await app.inject({ method: 'POST', url: `/e/proef${path}`, cookies: coordinator.cookies, ...formPost({ ...(token && { _csrf: token }), ...fields }) });
        assert.ok(res.statusCode === 403 || res.statusCode === 400, `${path}: ${res.statusCode}`);
        if (token) assert.match(text(res.body), /Dit formulier is verlopen of kwam niet van deze site/);
      }
    }
    assert.equal(await snapshot(), before);
  });

  test('bad query strings and a body far too large', async () => {
    const get = (url: string) => app.inject({ url: `/e/proef${url}`, cookies: coordinator.cookies });
    for (const [url, status, message] of [
      ['/beheer/financien?subsidie=abc', 400, /heel getal/], ['/beheer/financien?subsidie=999999', 404, /Deze subsidie bestaat niet/],
      ['/beheer/financien/bijdragen?subsidie=-1', 400, /heel getal/], ['/beheer/financien/uitgaven?subsidie=999999', 404, /Deze subsidie bestaat niet/],
      ['/beheer/financien/export/financien.pdf', 400, /geen geldige keuze/], ['/beheer/financien/export/begroting.csv?subsidie=0', 400, /heel getal/],
      [`/beheer/financien/bijdragen/nieuw?subsidie=${'9'.repeat(13)}`, 400, /Maximaal 12 tekens/], ['/beheer/overeenkomsten/0', 400, /minstens 1/],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assert.match(text(res.body), message, url);
    }
    const before = await snapshot();
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/overeenkomsten/nieuw', cookies: coordinator.cookies, ...formPost({ _csrf: coordinator.csrf, ...agreement, notes: 'x'.repeat(600_000) }) });
    assert.equal(res.statusCode, 413);
    assert.match(text(res.body), /Wat je stuurt is te groot/);
    assert.equal(await snapshot(), before);
  });
});
