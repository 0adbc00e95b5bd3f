import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columns } from './columns.js';
import { problemOut } from './problems.js';
import { validateSheet, type ImportContext } from './row-validator.js';
import { amsterdamTime, formatSessions, parseSessions } from './session-format.js';
import { maxRows, readSheet, type Sheet } from './sheet-reader.js';
import { toCsv, toXlsx } from './sheet-writer.js';

const context: ImportContext = {
  now: new Date('2026-12-01T12:00:00Z'),
  themes: [
    { id: 1, slug: 'programmeren-digitaal', name: 'Programmeren en digitale vaardigheden' },
    { id: 2, slug: 'natuur-duurzaamheid', name: 'Natuur, milieu en duurzaamheid' },
  ],
  organisations: [
    { id: 10, name: 'Bibliotheek Proefstad' },
    { id: 11, name: 'Museum voor Techniek' },
    { id: 12, name: 'Dubbel' },
    { id: 13, name: 'Dubbel' },
  ],
  locations: [
    { id: 100, name: 'Bieb Centrum', organisationId: 10 },
    { id: 101, name: 'Museum Hengelo', organisationId: 11 },
  ],
  mayImport: (id) => id === 10,
  defaultOrganisationId: 10,
  existing: [
    { id: 500, organisationId: 10, externalId: 'ROB-01', status: 'published', locationId: 100, online: false },
    { id: 501, organisationId: 10, externalId: 'OUD', status: 'archived', locationId: 100, online: false },
    { id: 502, organisationId: 11, externalId: 'MUS-1', status: 'draft', locationId: 101, online: false },
    { id: 503, organisationId: 10, externalId: 'X2', status: 'draft', locationId: 100, online: false },
  ],
};

const good: Record<string, string> = {
  'Eigen id': 'NIEUW-1',
  Titel: 'Vogels kijken',
  Samenvatting: 'Met een verrekijker het park in.',
  'Thema’s': 'Natuur, milieu en duurzaamheid',
  Vorm: 'Excursie',
  'Binnen/buiten school': 'Buiten school',
  'Leeftijd van': '8',
  'Leeftijd tot': '12',
  Groepen: 'groep 5; groep 6',
  Niveau: 'Kennismaken',
  Prijs: '3,50',
  Toegankelijkheid: 'Rolstoeltoegankelijk',
  Talen: 'Nederlands; Engels',
  Locatie: 'Bieb Centrum',
  Online: 'nee',
  Aanmelden: 'Aanmelden',
  Kerndoelen: '42; 44a',
  Sessies: '2027-01-14 14:00-16:00 (12); 2027-01-21 14:00-16:00',
};

/** A CSV with every column of the layout, one row per given record (missing cells empty). */
function csv(rows: Array<Record<string, string>>, headers = columns.map((c) => c.header), delimiter = ','): Buffer {
  const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))].map((r) => r.map(quote).join(delimiter)).join('\r\n'), 'utf8');
}

async function check(data: Buffer) {
  const read = await readSheet(data);
  if (!read.sheet) return { fileProblems: read.problems, plan: undefined };
  return { fileProblems: read.problems, plan: validateSheet(read.sheet, context) };
}

// Each bad row: what to change in a good row, and the one problem expected (row 2, that column, that message).
const badRows: Array<[string, Record<string, string>, string | null, string]> = [
  ['unknown theme', { 'Thema’s': 'Koken' }, 'Thema’s', 'Het thema "Koken" bestaat niet in dit leerecosysteem. Kies uit: Programmeren en digitale vaardigheden; Natuur, milieu en duurzaamheid.'],
  ['duplicate theme', { 'Thema’s': 'natuur-duurzaamheid; Natuur, milieu en duurzaamheid' }, 'Thema’s', '"Natuur, milieu en duurzaamheid" staat er dubbel in.'],
  ['age below range', { 'Leeftijd van': '3' }, 'Leeftijd van', 'Vul een leeftijd in van 4 tot en met 18 jaar.'],
  ['age above range', { 'Leeftijd tot': '19' }, 'Leeftijd tot', 'Vul een leeftijd in van 4 tot en met 18 jaar.'],
  ['age not a number', { 'Leeftijd van': 'acht' }, 'Leeftijd van', 'Vul een heel getal in.'],
  ['min above max', { 'Leeftijd van': '12', 'Leeftijd tot': '8' }, 'Leeftijd tot', 'Leeftijd tot (8) is lager dan Leeftijd van (12).'],
  ['date that does not exist', { Sessies: '2027-02-30 14:00-16:00' }, 'Sessies', 'Bijeenkomst 1 ("2027-02-30 14:00-16:00") heeft een datum of tijd die niet bestaat.'],
  ['session not in the format', { Sessies: '2027-01-14 14:00-16:00; volgende week' }, 'Sessies', 'Bijeenkomst 2 ("volgende week") heeft niet de goede vorm. Schrijf bijvoorbeeld 2027-01-14 14:00-16:00 (12).'],
  ['session ends before it starts', { Sessies: '2027-01-14 16:00-14:00' }, 'Sessies', 'Bijeenkomst 1 ("2027-01-14 16:00-14:00") eindigt niet na het begin.'],
  ['session without places', { Sessies: '2027-01-14 14:00-16:00 (0)' }, 'Sessies', 'Bijeenkomst 1 ("2027-01-14 14:00-16:00 (0)"): het aantal plaatsen moet tussen 1 en 100.000 liggen.'],
  ['session twice', { Sessies: '2027-01-14 14:00-16:00; 14-01-2027 14:00-16:00' }, 'Sessies', 'Bijeenkomst 2 ("14-01-2027 14:00-16:00") staat er dubbel in.'],
  ['unknown location', { Locatie: 'Zwembad De Vonk' }, 'Locatie', 'De locatie "Zwembad De Vonk" staat niet op het platform. Voeg haar eerst toe, of schrijf de naam precies zoals op het platform.'],
  ['no location and not online', { Locatie: '', Online: 'nee' }, 'Locatie', 'Vul een locatie in, of zet Online op ja.'],
  ['online neither yes nor no', { Online: 'misschien' }, 'Online', 'Kies ja of nee.'],
  ['missing title', { Titel: '  ' }, 'Titel', 'Vul dit in.'],
  ['missing format', { Vorm: '' }, 'Vorm', 'Vul dit in.'],
  ['title too long', { Titel: 'x'.repeat(201) }, 'Titel', 'Maximaal 200 tekens.'],
  ['summary too long', { Samenvatting: 'x'.repeat(501) }, 'Samenvatting', 'Maximaal 500 tekens.'],
  ['unknown format', { Vorm: 'Lezing' }, 'Vorm', '"Lezing" kennen we niet. Kies uit: Workshop; Club; Les; Gastles; Excursie; Leskist; Evenement; Kamp; Cursus; Open lab.'],
  ['unknown setting', { 'Binnen/buiten school': 'thuis' }, 'Binnen/buiten school', '"thuis" kennen we niet. Kies uit: Binnen school; Buiten school; Binnen en buiten school.'],
  ['unknown school group', { Groepen: 'groep 9' }, 'Groepen', '"groep 9" kennen we niet. Kies uit: groep 1 tot en met 8, klas 1 tot en met 6.'],
  ['unknown language', { Talen: 'Klingon' }, 'Talen', '"Klingon" kennen we niet. Kies uit: Nederlands; Engels; Fries; Duits; Turks; Arabisch; Oekraïens; Pools.'],
  ['bad price', { Prijs: 'duur' }, 'Prijs', 'Vul een prijs in euro in, bijvoorbeeld 7,50, of "gratis".'],
  ['price too high', { Prijs: '20000' }, 'Prijs', 'De prijs mag hoogstens € 10.000 zijn.'],
  ['bad curriculum goal', { Kerndoelen: '42; veel' }, 'Kerndoelen', '"veel" is geen kerndoel. Schrijf het nummer, bijvoorbeeld 42 of 42a.'],
  ['control character', { Beschrijving: 'Regel\u0007' }, 'Beschrijving', 'Bevat tekens die niet zijn toegestaan, zoals een nul-byte of een stuurteken.'],
  ['no own id', { 'Eigen id': '' }, 'Eigen id', 'Vul een eigen id in: een code waarmee je deze activiteit bij een volgende import terugvindt.'],
  ['own id too long', { 'Eigen id': 'x'.repeat(101) }, 'Eigen id', 'Maximaal 100 tekens.'],
  ['own id of an archived activity', { 'Eigen id': 'OUD' }, 'Eigen id', 'Deze activiteit is gearchiveerd en kan niet meer worden gewijzigd.'],
  ['own id taken by another activity', { 'Platform-id': '500', 'Eigen id': 'X2' }, 'Eigen id', 'Eigen id "X2" hoort al bij een andere activiteit (Platform-id 503).'],
  ['platform id unknown', { 'Platform-id': '999' }, 'Platform-id', 'Activiteit 999 bestaat niet bij deze aanbieder. Laat Platform-id leeg voor een nieuwe activiteit.'],
  ['platform id of another organisation', { 'Platform-id': '502' }, 'Platform-id', 'Activiteit 502 bestaat niet bij deze aanbieder. Laat Platform-id leeg voor een nieuwe activiteit.'],
  ['platform id not a number', { 'Platform-id': 'abc' }, 'Platform-id', 'Vul een heel getal in.'],
  ['unknown organisation', { Aanbieder: 'Zwemclub' }, 'Aanbieder', 'De organisatie "Zwemclub" staat niet op het platform. Schrijf de naam precies zoals op het platform.'],
  ['ambiguous organisation', { Aanbieder: 'Dubbel' }, 'Aanbieder', 'Er zijn meerdere organisaties met de naam "Dubbel". Laat de kolom leeg en kies de organisatie bij het uploaden.'],
  ['someone else’s organisation', { Aanbieder: 'Museum voor Techniek', Locatie: 'Museum Hengelo' }, 'Aanbieder', 'Je mag het aanbod van "Museum voor Techniek" niet wijzigen.'],
  ['unknown partner', { 'Samen met': 'Museum voor Techniek; Niemand' }, 'Samen met', 'De organisatie "Niemand" staat niet op het platform. Schrijf de naam precies zoals op het platform.'],
  ['cells outside the columns', { '': '' }, null, 'Deze rij heeft gegevens in kolommen zonder naam.'],
];

test('a good row plans a new activity with every field read', async () => {
  const { plan } = await check(csv([good]));
  assert.deepEqual(plan!.problems, []);
  const [row] = plan!.valid;
  assert.equal(row!.action, 'create');
  assert.equal(row!.organisationId, 10);
  assert.equal(row!.externalId, 'NIEUW-1');
  assert.deepEqual(row!.fields, {
    organisationId: 10, title: 'Vogels kijken', summary: 'Met een verrekijker het park in.', description: '', themes: ['natuur-duurzaamheid'], format: 'excursion',
    setting: 'out_of_school', level: 'introduction', registrationMode: 'sign_up', minAge: 8, maxAge: 12, schoolGroups: ['po5', 'po6'], accessibility: ['wheelchair'],
    languages: ['nl', 'en'], priceCents: 350, priceNote: '', reductions: '', curriculumGoals: ['42', '44a'], online: false, locationId: 100, coProviderIds: [],
  });
  assert.deepEqual(row!.sessions!.map((s) => [s.startsAt.toISOString(), s.capacity]), [['2027-01-14T13:00:00.000Z', 12], ['2027-01-21T13:00:00.000Z', null]]);
});

test('bad rows: each problem names row, column and a Dutch message', async () => {
  for (const [name, change, column, message] of badRows) {
    const row = { ...good, ...change };
    const data = name === 'cells outside the columns'
      ? Buffer.concat([csv([good]).subarray(0, csv([good]).length), Buffer.from(',extra')])
      : csv([row]);
    const { fileProblems, plan } = await check(data);
    assert.deepEqual(fileProblems, [], name);
    const out = plan!.problems.map((p) => problemOut(p, 'nl'));
    assert.deepEqual(out, [{ row: 2, column, message }], name);
    assert.deepEqual(plan!.invalidRows, [2], name);
    assert.equal(plan!.valid.length, 0, name);
    assert.equal(plan!.blocked, false, name);
  }
});

test('own ids: the same one twice in a file, and matching an existing activity', async () => {
  const { plan } = await check(csv([good, { ...good, Titel: 'Nog eens' }, { ...good, 'Eigen id': 'ROB-01' }, { ...good, 'Eigen id': '', 'Platform-id': '503' }]));
  assert.deepEqual(plan!.problems.map((p) => problemOut(p, 'nl')), [
    { row: 3, column: 'Eigen id', message: '"NIEUW-1" staat ook al in rij 2. Elke activiteit mag maar één keer in het bestand staan.' },
  ]);
  assert.deepEqual(plan!.valid.map((v) => [v.row, v.action, v.activityId, v.externalId]), [[2, 'create', null, 'NIEUW-1'], [4, 'update', 500, 'ROB-01'], [5, 'update', 503, null]]);
});

test('sessions that have begun are left out, not refused', async () => {
  const { plan } = await check(csv([{ ...good, Sessies: '2026-11-01 10:00-12:00; 2027-01-14 14:00-16:00' }]));
  assert.equal(plan!.valid[0]!.sessions!.length, 1);
  assert.equal(plan!.valid[0]!.pastSessions, 1);
});

test('an update may leave out columns; those fields stay as they are', async () => {
  const headers = ['Eigen id', 'Titel', 'Thema’s', 'Vorm', 'Binnen/buiten school', 'Leeftijd van', 'Leeftijd tot', 'Niveau', 'Aanmelden'];
  const { plan } = await check(csv([{ ...good, 'Eigen id': 'ROB-01' }], headers));
  assert.deepEqual(plan!.problems, []);
  assert.equal(plan!.valid[0]!.sessions, undefined);
  assert.equal('locationId' in plan!.valid[0]!.fields, false);
  // A new activity needs a place, which it cannot have without the column.
  const fresh = await check(csv([good], headers));
  assert.deepEqual(fresh.plan!.problems.map((p) => p.key), ['exchange.location.required']);
});

// Problems with the file as a whole: nothing can be imported from it.
const badFiles: Array<[string, Buffer | (() => Promise<Buffer>), Array<{ row: number | null; column: string | null; key: string }>]> = [
  ['empty file', Buffer.alloc(0), [{ row: null, column: null, key: 'exchange.file.empty' }]],
  ['only blank lines', Buffer.from('\r\n\r\n'), [{ row: null, column: null, key: 'exchange.file.empty' }]],
  ['header without rows', csv([]), [{ row: null, column: null, key: 'exchange.file.noRows' }]],
  ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), [{ row: null, column: null, key: 'exchange.file.wrongType' }]],
  ['a picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), [{ row: null, column: null, key: 'exchange.file.wrongType' }]],
  ['an old Excel file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), [{ row: null, column: null, key: 'exchange.file.xls' }]],
  ['a broken XLSX', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), [{ row: null, column: null, key: 'exchange.file.xlsxBroken' }]],
  ['a quote that never closes', Buffer.concat([csv([good]), Buffer.from('\r\n"NIEUW-2,Titel')]), [{ row: 3, column: null, key: 'exchange.file.csvBroken' }]],
  ['too many rows', csv(Array.from({ length: maxRows + 1 }, (_, i) => ({ ...good, 'Eigen id': `R${i}` }))), [{ row: null, column: null, key: 'exchange.file.tooManyRows' }]],
];

test('bad files: one problem for the whole file', async () => {
  for (const [name, data, expected] of badFiles) {
    const bytes = typeof data === 'function' ? await data() : data;
    const { fileProblems, plan } = await check(bytes);
    assert.equal(plan, undefined, name);
    assert.deepEqual(fileProblems.map((p) => ({ row: p.row, column: p.column, key: p.key })), expected, name);
    for (const p of fileProblems) assert.doesNotMatch(problemOut(p, 'nl').message, /\{\w+\}/, name);
  }
});

test('bad columns block the file, even its good rows', async () => {
  const unknown = await check(csv([good], [...columns.map((c) => c.header), 'Kleur']));
  assert.equal(unknown.plan!.blocked, true);
  assert.deepEqual(unknown.plan!.problems.map((p) => problemOut(p, 'nl')), [
    { row: 1, column: 'Kleur', message: 'De kolom "Kleur" kennen we niet. Gebruik de kolomnamen uit het sjabloon of verwijder de kolom.' },
  ]);
  assert.equal(unknown.plan!.valid.length, 1);

  const missing = await check(csv([good], columns.map((c) => c.header).filter((h) => h !== 'Titel')));
  assert.equal(missing.plan!.blocked, true);
  assert.deepEqual(missing.plan!.problems.map((p) => problemOut(p, 'nl')), [{ row: 1, column: 'Titel', message: 'De verplichte kolom "Titel" ontbreekt.' }]);

  const twice = await check(csv([good], [...columns.map((c) => c.header), 'titel']));
  assert.deepEqual(twice.plan!.problems.map((p) => [p.row, p.column, p.key]), [[1, 'titel', 'exchange.header.duplicate']]);
});

test('CSV: semicolons with a BOM, commas without, tabs, Windows-1252, and header spelling', async () => {
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv([good], undefined, ';')]);
  for (const data of [withBom, csv([good]), csv([good], undefined, '\t')]) {
    const { plan } = await check(data);
    assert.deepEqual(plan!.problems, []);
    assert.equal(plan!.valid[0]!.fields.title, 'Vogels kijken');
  }
  const latin1 = Buffer.from('Eigen id;titel;THEMA\'S;Vorm;Binnen/buiten school;Leeftijd van;Leeftijd tot;Niveau;Aanmelden;Locatie;Beschrijving\r\nA1;Café;natuur-duurzaamheid;Workshop;buiten;8;9;Kennismaken;Vrije inloop;Bieb Centrum;Één\r\n', 'latin1');
  const { plan } = await check(latin1);
  assert.deepEqual(plan!.problems, []);
  assert.equal(plan!.valid[0]!.fields.title, 'Café');
  assert.equal(plan!.valid[0]!.fields.description, 'Één');
});

test('XLSX: what the writer writes, the reader reads back unchanged', async () => {
  const rows = [columns.map((c) => ({ ...good, 'Platform-id': '503', 'Eigen id': '007', Prijs: '7,50', Beschrijving: '=1+1 is geen formule' })[c.header] ?? '')];
  const { sheet } = await readSheet(await toXlsx(rows));
  assert.deepEqual(sheet, { headers: columns.map((c) => c.header), rows } satisfies Sheet);
  // CSV puts an apostrophe before a formula; the import takes it off again.
  const fromCsv = await readSheet(toCsv(rows));
  assert.match(fromCsv.sheet!.rows[0]![columns.findIndex((c) => c.key === 'description')]!, /^'=1\+1/);
  const plan = validateSheet(fromCsv.sheet!, context);
  assert.equal(plan.valid[0]!.fields.description, '=1+1 is geen formule');
});

test('session times are Dutch time, summer and winter, and write back the same', () => {
  assert.equal(amsterdamTime('2027-01-14', '14:00')!.toISOString(), '2027-01-14T13:00:00.000Z');
  assert.equal(amsterdamTime('01-07-2027', '10.00')!.toISOString(), '2027-07-01T08:00:00.000Z');
  assert.equal(amsterdamTime('2027-02-29', '10:00'), undefined);
  assert.equal(amsterdamTime('2027-01-14', '24:00'), undefined);
  const cell = '2027-01-14 14:00-16:00 (12); 2027-07-01 10:00-2027-07-03 16:00';
  const { sessions, problems } = parseSessions(cell);
  assert.deepEqual(problems, []);
  assert.equal(formatSessions(sessions), cell);
});
