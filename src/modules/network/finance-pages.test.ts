import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../db/database.js';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../test/helpers/factories.js';
import { addSchools } from '../../../test/helpers/finance-fixtures.js';
import { csrfFor, formPost } from '../../../test/helpers/forms.js';
import { signedInAs } from '../../../test/helpers/people.js';
import { createBudgetLine } from './commands/budget-commands.js';
import { createContribution } from './commands/contribution-commands.js';
import { createExpense } from './commands/expense-commands.js';
import { financeOverview, findGrant } from './queries/finance-queries.js';

/**
 * The finance pages through HTTP: a coordinator sets up a grant sized on the
 * participating schools, records partners' contributions under an agreement
 * and books expenses; the co-financing statement follows; partners confirm
 * their own; the steering group reads; the exports add up when read back.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
type Person = { cookies: { lx_sessie: string }; csrf: string };
const people = {} as Record<'coordinator' | 'viewer' | 'library' | 'museum' | 'otherCoordinator', Person>;
let other: Fixture;
let grantId: number;
let agreementId: number;
let lineId: number;

before(async () => {
  fx = await createFixture(database);
  other = await createFixture(database, 'ander');
  app = await testApp(database);
  const e = fx.ecosystem.id;
  const grants = {
    coordinator: { ecosystemId: e, role: 'coordinator' as const },
    viewer: { ecosystemId: e, role: 'viewer' as const },
    library: { ecosystemId: e, role: 'partner_editor' as const, organisationIds: [fx.orgs.library] },
    museum: { ecosystemId: e, role: 'partner_editor' as const, organisationIds: [fx.orgs.museum] },
    otherCoordinator: { ecosystemId: other.ecosystem.id, role: 'coordinator' as const },
  };
  for (const [who, grant] of Object.entries(grants)) {
    const { cookies } = await signedInAs(database, grant, `${who.toLowerCase()}@proef.example`);
    people[who as keyof typeof people] = { cookies, csrf: await csrfFor(app, cookies, '/account') };
  }
  // Two primary schools and a combined vmbo-tl/havo/vwo location take part; one is only interested, one stopped.
  await addSchools(database, e, [
    { types: ['po'] }, { types: ['po'] }, { types: ['po'], participation: 'interested' }, { types: ['vmbo-tl', 'havo', 'vwo'] }, { types: ['so'], participation: 'stopped' },
  ]);
});
after(async () => {
  await app.close();
  await database.drop();
});

const get = (url: string, who: keyof typeof people) => app.inject({ url: `/e/proef${url}`, cookies: people[who].cookies });
const post = (url: string, who: keyof typeof people, fields: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/e/proef${url}`, cookies: people[who].cookies, ...formPost({ _csrf: people[who].csrf, ...fields }) });
/** The text of a page without markup, to look for sentences in. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\s+/g, ' ').replace(/&amp;/g, '&');
const idFrom = (location: unknown, pattern: RegExp) => Number(pattern.exec(String(location))![1]);

const contribution = (over: Record<string, string>) => ({
  organisationId: String(fx.orgs.library), stage: 'commitment', kind: 'hours', description: 'Educator voor de techniekclub', amount: '', hours: '', hourlyRate: '',
  datedOn: '', grantId: String(grantId), ...over,
});

describe('a coordinator runs the finances', () => {
  test('a grant is sized on the participating school locations per type × the rates', async () => {
    const res = await post('/beheer/financien/subsidies/nieuw', 'coordinator', {
      name: 'Techkwadraat 2026–2029', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: '1', grantPart: '1', awarded: '', notes: '',
      'rate-po': '10.000', 'rate-so': '12.000', 'rate-vmbo-tl': '20.000', 'rate-havo': '15.000', 'rate-vwo': '15000,00',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    grantId = idFrom(res.headers.location, /subsidie=(\d+)/);
    const page = text((await get(`/beheer/financien?subsidie=${grantId}`, 'coordinator')).body);
    // 2 × po € 10.000 + 1 × vmbo-tl € 20.000 + 1 × havo € 15.000 + 1 × vwo € 15.000; so stopped, po interested: not counted.
    assert.match(page, /Primair onderwijs \(po\) 2 € 10\.000 € 20\.000/);
    assert.match(page, /vmbo theoretische leerweg \(tl\) 1 € 20\.000 € 20\.000/);
    assert.match(page, /Speciaal onderwijs \(so\) 0 € 12\.000 € 0/);
    assert.match(page, /Berekend subsidiebedrag € 70\.000/);
    assert.match(page, /Nog niet toegekend: we rekenen met het berekende bedrag van € 70\.000/);
    const grant = await findGrant(database.db, fx.ecosystem.id, grantId);
    assert.equal((await financeOverview(database.db, fx.ecosystem.id, grant!)).amount.computedCents, 7_000_000);
  });

  test('contributions under an agreement move the co-financing ratio, and the page says what is missing', async () => {
    const created = await post('/beheer/overeenkomsten/nieuw', 'coordinator', {
      title: 'Convenant Techniek Twente', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: '', documentUrl: '', notes: '',
    });
    agreementId = idFrom(created.headers.location, /overeenkomsten\/(\d+)/);
    const before = text((await get('/beheer/financien', 'coordinator')).body);
    assert.match(before, /Voldoet nog niet: er ontbreekt € 70\.000/);

    // 100 hours × € 75 from the library, € 20.000 in cash from the museum.
    let res = await post(`/beheer/overeenkomsten/${agreementId}/bijdragen`, 'coordinator', contribution({ hours: '100', hourlyRate: '75' }));
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 800));
    res = await post(`/beheer/overeenkomsten/${agreementId}/bijdragen`, 'coordinator', contribution({ organisationId: String(fx.orgs.museum), kind: 'cash', description: 'Bijdrage in geld', amount: '20.000' }));
    assert.equal(res.statusCode, 303);
    let page = text((await get('/beheer/financien', 'coordinator')).body);
    assert.match(page, /De partners hebben € 27\.500 toegezegd tegenover € 70\.000 subsidie: een verhouding van 0,39 : 1\. Vereist is 1 : 1, dus € 70\.000\./);
    assert.match(page, /Voldoet nog niet: er ontbreekt € 42\.500\./);
    assert.match(page, /Bibliotheek Proefstad € 7\.500 € 0 € 0 € 0 € 0 0,10 : 1 1/);
    assert.match(page, /Museum voor Techniek € 20\.000 € 0 € 0 € 0 € 0 0,28 : 1 1/);

    res = await post(`/beheer/overeenkomsten/${agreementId}/bijdragen`, 'coordinator', contribution({ organisationId: String(fx.orgs.museum), kind: 'facilities', description: 'Het lab op woensdag', amount: '42.500' }));
    assert.equal(res.statusCode, 303);
    page = text((await get('/beheer/financien', 'coordinator')).body);
    assert.match(page, /€ 70\.000 toegezegd tegenover € 70\.000 subsidie: een verhouding van 1,00 : 1/);
    assert.match(page, /Toegezegd tegenover de subsidie .*? Voldoet\./);

    const agreement = text((await get(`/beheer/overeenkomsten/${agreementId}`, 'coordinator')).body);
    assert.match(agreement, /100 uur × € 75/);
    assert.match(agreement, /Samen toegezegd: € 70\.000\./);
  });

  test('expenses against budget lines; realised co-financing against what is spent', async () => {
    let res = await post(`/beheer/financien/subsidies/${grantId}/begroting/nieuw`, 'coordinator', { category: 'teacher_release', name: 'Vrijroosteren W&T-coördinatoren', planned1: '10.000', planned2: '10.000', planned3: '10.000' });
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 500));
    res = await post(`/beheer/financien/subsidies/${grantId}/begroting/nieuw`, 'coordinator', { category: 'activities', name: 'Techniekclubs', planned1: '5.000', planned2: '', planned3: '5.000' });
    const lines = await database.db.selectFrom('budget_lines').select(['id', 'name']).where('grant_id', '=', grantId).orderBy('id').execute();
    lineId = lines[0]!.id;
    // 40 hours of a teacher at € 62,50 and a bus at € 1.234,56 (on the second line).
    res = await post('/beheer/financien/uitgaven/nieuw', 'coordinator', { grantId: String(grantId), budgetLineId: String(lineId), description: 'Vrijgeroosterde uren', spentOn: '2026-10-01', amount: '', hours: '40', hourlyRate: '62,50', organisationId: '', reference: 'B-001' });
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 500));
    res = await post('/beheer/financien/uitgaven/nieuw', 'coordinator', { grantId: String(grantId), budgetLineId: String(lines[1]!.id), description: 'Bus naar het museum', spentOn: '2026-10-02', amount: '1.234,56', hours: '', hourlyRate: '', organisationId: String(fx.orgs.museum), reference: 'F-2026-17' });
    assert.equal(res.statusCode, 303);
    res = await post('/beheer/financien/bijdragen/nieuw', 'coordinator', contribution({ stage: 'realisation', hours: '40', hourlyRate: '75', datedOn: '2026-10-01', agreementId: String(agreementId) }));
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 500));

    const page = text((await get('/beheer/financien', 'coordinator')).body);
    // Spent: 40 × 62,50 = 2.500 + 1.234,56 = 3.734,56; realised 40 × 75 = 3.000 → 765,56 short.
    assert.match(page, /De partners hebben € 3\.000 ingebracht tegenover € 3\.734,56 bestede subsidie: een verhouding van 0,80 : 1/);
    assert.match(page, /Voldoet nog niet: er ontbreekt € 734,56\./);
    assert.match(page, /Vrijroosteren W&T-coördinatoren Vrijroosteren onderwijspersoneel € 10\.000 € 10\.000 € 10\.000 € 30\.000 € 2\.500 \(8%\) € 27\.500/);
    assert.match(page, /Totaal € 15\.000 € 10\.000 € 15\.000 € 40\.000 € 3\.734,56 € 36\.265,44/);
    // The chart beside the table: an image with its own title, the same figures in the table.
    assert.match((await get('/beheer/financien', 'coordinator')).body, /<svg[^>]*role="img"[^>]*aria-labelledby="grafiek-titel"/);
    const expenses = text((await get(`/beheer/financien/uitgaven?subsidie=${grantId}`, 'coordinator')).body);
    assert.match(expenses, /Totaal: € 3\.734,56 in 2 uitgaven\./);
    assert.match(expenses, /40 uur × € 62,50/);
  });

  test('every change wrote an audit event', async () => {
    const actions = (await database.db.selectFrom('audit_events').select('action').where('ecosystem_id', '=', fx.ecosystem.id).execute()).map((a) => a.action);
    for (const action of ['network.grant.created', 'network.agreement.created', 'network.contribution.created', 'network.budget_line.created', 'network.expense.created']) {
      assert.ok(actions.includes(action), action);
    }
    assert.equal(actions.filter((a) => a === 'network.contribution.created').length, 4);
  });
});

describe('partners see their own part and confirm it', () => {
  test('a partner editor lists only its own organisation’s contributions, and not the overview', async () => {
    const res = await get('/beheer/financien/bijdragen', 'library');
    assert.equal(res.statusCode, 200);
    const page = text(res.body);
    assert.match(page, /Bijdragen van onze organisatie/);
    assert.match(page, /Bibliotheek Proefstad/);
    assert.doesNotMatch(page, /Museum voor Techniek/);
    assert.equal((await get('/beheer/financien', 'library')).statusCode, 403);
    assert.match(text((await get('/beheer', 'library')).body), /Bijdragen van onze organisatie/);
  });

  test('confirming: committed → confirmed, by whom and when; once; only by the partner itself', async () => {
    const own = await database.db.selectFrom('contributions').select('id').where('organisation_id', '=', fx.orgs.library).where('stage', '=', 'commitment').executeTakeFirstOrThrow();
    const museums = await database.db.selectFrom('contributions').select('id').where('organisation_id', '=', fx.orgs.museum).executeTakeFirstOrThrow();
    for (const who of ['coordinator', 'viewer', 'museum'] as const) {
      assert.equal((await post(`/beheer/financien/bijdragen/${own.id}/bevestigen`, who)).statusCode, 403, who);
    }
    assert.equal((await post(`/beheer/financien/bijdragen/${museums.id}/bevestigen`, 'library')).statusCode, 403);
    let res = await post(`/beheer/financien/bijdragen/${own.id}/bevestigen`, 'library', { terug: 'overeenkomst' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/e/proef/beheer/overeenkomsten/${agreementId}?klaar=bevestigd#bijdragen-titel`);
    const row = await database.db.selectFrom('contributions').select(['confirmed_at', 'confirmed_by_name']).where('id', '=', own.id).executeTakeFirstOrThrow();
    assert.ok(row.confirmed_at);
    assert.equal(row.confirmed_by_name, 'Proefpersoon (library@proef.example)');
    res = await post(`/beheer/financien/bijdragen/${own.id}/bevestigen`, 'library');
    assert.equal(res.headers.location, '/e/proef/beheer/financien/bijdragen?klaar=albevestigd');
    assert.equal((await database.db.selectFrom('audit_events').select('id').where('action', '=', 'network.contribution.confirmed').execute()).length, 1);
    // The agreement page shows the partner only its own contribution, confirmed.
    const agreement = text((await get(`/beheer/overeenkomsten/${agreementId}?klaar=bevestigd`, 'library')).body);
    assert.match(agreement, /Bedankt, de bijdrage is bevestigd\./);
    assert.match(agreement, /Bevestigd door Proefpersoon \(library@proef\.example\)/);
    assert.doesNotMatch(agreement, /Het lab op woensdag/);
    assert.match(text((await get('/beheer/financien', 'coordinator')).body), /Bibliotheek Proefstad € 7\.500 € 7\.500/);
  });

  test('changing what was confirmed takes the confirmation away; a new description does not', async () => {
    const own = await database.db.selectFrom('contributions').select('id').where('organisation_id', '=', fx.orgs.library).where('stage', '=', 'commitment').executeTakeFirstOrThrow();
    const form = contribution({ hours: '100', hourlyRate: '75', agreementId: String(agreementId) });
    let res = await post(`/beheer/financien/bijdragen/${own.id}/bewerken`, 'coordinator', { ...form, description: 'Een educator, twee uur per week' });
    assert.equal(res.statusCode, 303, text(res.body).slice(0, 500));
    assert.ok((await database.db.selectFrom('contributions').select('confirmed_at').where('id', '=', own.id).executeTakeFirstOrThrow()).confirmed_at);
    res = await post(`/beheer/financien/bijdragen/${own.id}/bewerken`, 'coordinator', { ...form, hours: '120' });
    assert.equal(res.statusCode, 303);
    const row = await database.db.selectFrom('contributions').select(['confirmed_at', 'value_cents']).where('id', '=', own.id).executeTakeFirstOrThrow();
    assert.equal(row.confirmed_at, null);
    assert.equal(Number(row.value_cents), 900_000);
  });

  test('a partner reads an agreement only when its organisation is party to it', async () => {
    const res = await post('/beheer/overeenkomsten/nieuw', 'coordinator', { title: 'Intentie met het museum', kind: 'letter_of_intent', status: 'draft', startsOn: '2026-09-01', endsOn: '', reminderDays: '', documentUrl: '', notes: '' });
    const museumOnly = idFrom(res.headers.location, /overeenkomsten\/(\d+)/);
    await post(`/beheer/overeenkomsten/${museumOnly}/ondertekenaars`, 'coordinator', { signatoryOrganisation: String(fx.orgs.museum), personName: 'Directeur Museum', personFunction: 'directeur', signedOn: '' });
    assert.equal((await get(`/beheer/overeenkomsten/${museumOnly}`, 'museum')).statusCode, 200);
    assert.equal((await get(`/beheer/overeenkomsten/${museumOnly}`, 'library')).statusCode, 403);
    const list = text((await get('/beheer/overeenkomsten', 'library')).body);
    assert.match(list, /Convenant Techniek Twente/);
    assert.doesNotMatch(list, /Intentie met het museum/);
  });
});

describe('the steering group reads everything and changes nothing', () => {
  test('a viewer', async () => {
    for (const url of ['/beheer/financien', '/beheer/financien/bijdragen', '/beheer/financien/uitgaven', '/beheer/overeenkomsten', `/beheer/overeenkomsten/${agreementId}`, '/beheer/financien/export/financien.xlsx']) {
      assert.equal((await get(url, 'viewer')).statusCode, 200, url);
    }
    const page = (await get('/beheer/financien', 'viewer')).body;
    assert.doesNotMatch(page, /Subsidie wijzigen|Begrotingspost toevoegen|Bewerken/);
    assert.match(text((await get('/beheer/financien/bijdragen', 'viewer')).body), /Museum voor Techniek/);
    const before = await database.db.selectFrom('grants').select('id').execute();
    assert.equal((await post('/beheer/financien/subsidies/nieuw', 'viewer', { name: 'X' })).statusCode, 403);
    assert.equal((await post(`/beheer/overeenkomsten/${agreementId}/verwijderen`, 'viewer')).statusCode, 403);
    assert.deepEqual(await database.db.selectFrom('grants').select('id').execute(), before);
  });

  test('another ecosystem’s coordinator finds nothing here, and nothing of here in their own', async () => {
    assert.equal((await get('/beheer/financien', 'otherCoordinator')).statusCode, 403);
    const own = (url: string) => app.inject({ url: `/e/ander${url}`, cookies: people.otherCoordinator.cookies });
    assert.equal((await own(`/beheer/overeenkomsten/${agreementId}`)).statusCode, 404);
    assert.equal((await own(`/beheer/financien/subsidies/${grantId}/bewerken`)).statusCode, 404);
    assert.equal((await own(`/beheer/financien/begroting/${lineId}/bewerken`)).statusCode, 404);
    const res = await app.inject({ method: 'POST', url: `/e/ander/beheer/financien/uitgaven/nieuw`, cookies: people.otherCoordinator.cookies, ...formPost({ _csrf: people.otherCoordinator.csrf, grantId: String(grantId) }) });
    assert.equal(res.statusCode, 404);
    assert.match(text((await own('/beheer/financien')).body), /Er is nog geen subsidie vastgelegd/);
  });

  test('the commands themselves refuse another ecosystem’s ids, and the database would too', async () => {
    const o = other.ecosystem.id;
    const refused = async (what: string, change: (tx: Tx) => Promise<unknown>, field: string) => {
      await assert.rejects(database.transaction(change), (error: { id?: string; problems?: Array<{ field: string }> }) => {
        assert.equal(error.id, 'invalid_input', what);
        assert.ok(error.problems!.some((p) => p.field === field), `${what}: ${JSON.stringify(error.problems)}`);
        return true;
      });
    };
    await refused('a contribution of this ecosystem’s library, in the other', (tx) =>
      createContribution(tx, 'system', o, { organisationId: fx.orgs.library, agreementId: null, grantId: null, stage: 'commitment', kind: 'cash', description: '', value: { amountCents: 1 }, datedOn: null }), 'organisationId');
    await refused('a contribution for this ecosystem’s grant, in the other', (tx) =>
      createContribution(tx, 'system', o, { organisationId: other.orgs.library, agreementId: agreementId, grantId, stage: 'commitment', kind: 'cash', description: '', value: { amountCents: 1 }, datedOn: null }), 'agreementId');
    await refused('an expense on this ecosystem’s budget line, in the other', (tx) =>
      createExpense(tx, 'system', o, { budgetLineId: lineId, spentOn: '2026-09-01', description: 'x', organisationId: null, reference: '', value: { amountCents: 1 } }), 'budgetLineId');
    await assert.rejects(database.transaction((tx) => createBudgetLine(tx, 'system', o, grantId, { category: 'other', name: 'x', planned: [1] })), /grant/);
    // Below the commands, the composite foreign keys (ecosystem_id, id) refuse a row that mixes ecosystems.
    await assert.rejects(database.db.insertInto('contributions').values({ ecosystem_id: o, organisation_id: fx.orgs.library, stage: 'commitment', kind: 'cash', amount_cents: 1 }).execute());
    await assert.rejects(database.db.insertInto('expenses').values({ ecosystem_id: o, budget_line_id: lineId, spent_on: '2026-09-01', description: 'x', amount_cents: 1 }).execute());
  });
});

describe('exports for the project administration add up when read back', () => {
  const euros = (cell: string) => Math.round(Number(cell.replace(',', '.')) * 100);

  test('CSV: one file per part, semicolons, a totals row that is the sum of the rows', async () => {
    for (const [part, column] of [['toezeggingen', 'Bedrag (€)'], ['realisatie', 'Bedrag (€)'], ['uitgaven', 'Bedrag (€)'], ['begroting', 'Begroot']] as const) {
      const res = await get(`/beheer/financien/export/${part}.csv?subsidie=${grantId}`, 'coordinator');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/csv/);
      assert.match(res.headers['content-disposition'] as string, new RegExp(`attachment; filename="${part}-proef-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
      const rows = parse(res.rawPayload, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;
      const total = rows.pop()!;
      assert.ok(Object.values(total).includes('Totaal'), part);
      assert.equal(rows.reduce((s, r) => s + euros(r[column]!), 0), euros(total[column]!), part);
    }
    const commitments = parse((await get(`/beheer/financien/export/toezeggingen.csv?subsidie=${grantId}`, 'coordinator')).rawPayload, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;
    assert.equal(commitments.at(-1)!['Bedrag (€)'], '71500,00'); // 120 × 75 + 20.000 + 42.500
    const library = commitments.find((r) => r.Partner === 'Bibliotheek Proefstad')!;
    assert.equal(library.Uren, '120,00');
    assert.equal(library['Uurtarief in euro’s'], '75,00');
    const expenses = parse((await get(`/beheer/financien/export/uitgaven.csv?subsidie=${grantId}`, 'coordinator')).rawPayload, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(expenses.map((r) => r['Bedrag (€)']), ['2500,00', '1234,56', '3734,56']);
  });

  test('XLSX: an overview and a sheet per part, totals as SUM formulas with the exact result', async () => {
    const res = await get(`/beheer/financien/export/financien.xlsx?subsidie=${grantId}`, 'viewer');
    assert.equal(res.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(workbook.worksheets.map((w) => w.name), ['Overzicht', 'Begroting', 'Toezeggingen', 'Gerealiseerd', 'Uitgaven']);
    const overview = workbook.getWorksheet('Overzicht')!;
    const label = (name: string) => overview.getColumn(1).values.findIndex((v) => v === name);
    assert.equal(overview.getRow(label('Berekend subsidiebedrag')).getCell(2).value, 70_000);
    assert.equal(overview.getRow(label('Toegezegd')).getCell(2).value, 71_500);
    const sheet = workbook.getWorksheet('Uitgaven')!;
    const last = sheet.getRow(sheet.rowCount);
    assert.equal(last.getCell(1).value, 'Totaal');
    const total = last.getCell(9).value as { formula: string; result: number };
    assert.equal(total.formula, 'SUM(I2:I3)');
    assert.equal(Math.round(total.result * 100), 373_456);
    assert.equal(sheet.getRow(2).getCell(9).value, 2500);
    const budget = workbook.getWorksheet('Begroting')!;
    assert.equal(Math.round((budget.getRow(budget.rowCount).getCell(6).value as { result: number }).result * 100), 4_000_000);
  });
});

describe('rules on totals and periods', () => {
  test('once awarded, the budget may not exceed the grant; before, it is a warning', async () => {
    let page = text((await get('/beheer/financien', 'coordinator')).body);
    assert.doesNotMatch(page, /hoger dan het subsidiebedrag/);
    // € 40.000 budgeted: a line of € 35.000 more passes the computed € 70.000 only as a warning.
    let res = await post(`/beheer/financien/subsidies/${grantId}/begroting/nieuw`, 'coordinator', { category: 'other', name: 'Reserve', planned1: '35.000', planned2: '', planned3: '' });
    assert.equal(res.statusCode, 303);
    page = text((await get('/beheer/financien', 'coordinator')).body);
    assert.match(page, /De begroting is € 5\.000 hoger dan het subsidiebedrag\./);
    const reserve = (await database.db.selectFrom('budget_lines').select('id').where('name', '=', 'Reserve').executeTakeFirstOrThrow()).id;

    // An awarded amount below the € 75.000 budget is refused…
    const grantForm = {
      name: 'Techkwadraat 2026–2029', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: '1', grantPart: '1', notes: '',
      'rate-po': '10.000', 'rate-so': '12.000', 'rate-vmbo-tl': '20.000', 'rate-havo': '15.000', 'rate-vwo': '15.000',
    };
    res = await post(`/beheer/financien/subsidies/${grantId}/bewerken`, 'coordinator', { ...grantForm, awarded: '72.000' });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /De begroting is al € 75\.000\. Het toegekende bedrag kan niet lager zijn/);
    assert.equal((await findGrant(database.db, fx.ecosystem.id, grantId))!.awardedCents, null);
    // …and once awarded at € 75.000, a line that would pass it is refused with the totals named.
    res = await post(`/beheer/financien/subsidies/${grantId}/bewerken`, 'coordinator', { ...grantForm, awarded: '75.000' });
    assert.equal(res.statusCode, 303);
    res = await post(`/beheer/financien/subsidies/${grantId}/begroting/nieuw`, 'coordinator', { category: 'communication', name: 'Folders', planned1: '0,01', planned2: '', planned3: '' });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /Met deze post is de begroting € 75\.000,01, meer dan de toegekende subsidie van € 75\.000/);
    // Lowering an existing line is fine.
    res = await post(`/beheer/financien/begroting/${reserve}/bewerken`, 'coordinator', { category: 'other', name: 'Reserve', planned1: '30.000', planned2: '', planned3: '' });
    assert.equal(res.statusCode, 303);
    assert.match(text((await get('/beheer/financien', 'coordinator')).body), /Toegekend in de beschikking: € 75\.000/);
  });

  test('an expense outside the grant period, and a period that would leave expenses outside, are refused', async () => {
    const count = async () => (await database.db.selectFrom('expenses').select('id').execute()).length;
    const n = await count();
    let res = await post('/beheer/financien/uitgaven/nieuw', 'coordinator', { grantId: String(grantId), budgetLineId: String(lineId), description: 'Te vroeg', spentOn: '2026-07-31', amount: '10', hours: '', hourlyRate: '', organisationId: '', reference: '' });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /Deze datum valt buiten de subsidieperiode \(2026-08-01 tot en met 2029-07-31\)/);
    assert.equal(await count(), n);
    res = await post(`/beheer/financien/subsidies/${grantId}/bewerken`, 'coordinator', {
      name: 'Techkwadraat', startsOn: '2026-11-01', endsOn: '2029-07-31', cofinancingPart: '1', grantPart: '1', awarded: '75.000', notes: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /Er zijn uitgaven buiten deze periode \(de eerste op 2026-10-01, de laatste op 2026-10-02\)/);
    res = await post(`/beheer/financien/subsidies/${grantId}/bewerken`, 'coordinator', {
      name: 'Techkwadraat', startsOn: '2026-08-01', endsOn: '2027-07-31', cofinancingPart: '1', grantPart: '1', awarded: '75.000', notes: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(text(res.body), /De begroting heeft bedragen in jaar 2, dat buiten deze periode valt/);
  });

  test('what others still depend on cannot be deleted', async () => {
    const conflicts: Array<[string, RegExp]> = [
      [`/beheer/financien/subsidies/${grantId}/verwijderen`, /Bij deze subsidie horen nog begrotingsposten of bijdragen/],
      [`/beheer/financien/begroting/${lineId}/verwijderen`, /Op deze begrotingspost staan nog uitgaven/],
      [`/beheer/overeenkomsten/${agreementId}/verwijderen`, /Deze overeenkomst heeft nog bijdragen/],
    ];
    for (const [url, message] of conflicts) {
      const res = await post(url, 'coordinator');
      assert.equal(res.statusCode, 409, url);
      assert.match(text(res.body), message);
    }
    assert.ok(await findGrant(database.db, fx.ecosystem.id, grantId));
  });

  test('deleting works for what nothing depends on, and is logged', async () => {
    const expense = await database.db.selectFrom('expenses').select('id').where('reference', '=', 'F-2026-17').executeTakeFirstOrThrow();
    let res = await post(`/beheer/financien/uitgaven/${expense.id}/verwijderen`, 'coordinator');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/e/proef/beheer/financien/uitgaven?subsidie=${grantId}&klaar=uitgaveweg`);
    const line = await database.db.selectFrom('budget_lines').select('id').where('name', '=', 'Techniekclubs').executeTakeFirstOrThrow();
    res = await post(`/beheer/financien/begroting/${line.id}/verwijderen`, 'coordinator');
    assert.equal(res.statusCode, 303);
    const actions = (await database.db.selectFrom('audit_events').select('action').execute()).map((a) => a.action);
    assert.ok(actions.includes('network.expense.deleted') && actions.includes('network.budget_line.deleted'));
  });
});
