import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schoolTypes } from './db/schema.js';
import { readSchoolFile } from './school-csv.js';
import { duoSampleCsv } from './school-duo-sample.js';
import { normaliseHeader, parseTypes, placeName, resolveColumns } from './school-duo-format.js';

test('DUO words for types of education become the grant’s school types', () => {
  const cases: Array<[string, string[] | RegExp]> = [
    ['HAVO/VWO', ['havo', 'vwo']],
    ['VBO/MAVO', ['vmbo-bb', 'vmbo-kb', 'vmbo-tl']],
    ['VBO/MAVO/HAVO/VWO', ['vmbo-bb', 'vmbo-kb', 'vmbo-tl', 'havo', 'vwo']],
    ['mavo', ['vmbo-tl']],
    ['VMBO-TL', ['vmbo-tl']],
    ['vmbo gl', ['vmbo-gl']],
    ['VMBO_KB', ['vmbo-kb']],
    ['Basisonderwijs', ['po']],
    ['Speciaal basisonderwijs', ['po']],
    ['Speciaal onderwijs', ['so']],
    ['Voortgezet speciaal onderwijs', ['vso']],
    ['(V)SO', ['so', 'vso']],
    ['SO/VSO', ['so', 'vso']],
    ['PRO/VBO', ['vmbo-bb', 'vmbo-kb']],
    ['VWO/HAVO', ['havo', 'vwo']],
    ['VMBO', /schools\.import\.types\.vmboTrack/],
    ['PRO', /schools\.import\.types\.notCounted/],
    ['VAVO', /schools\.import\.types\.notCounted/],
    ['MBO', /schools\.import\.types\.unknown/],
    ['toString', /schools\.import\.types\.unknown/],
    [' / ', /schools\.import\.types\.empty/],
  ];
  for (const [cell, want] of cases) {
    const got = parseTypes(cell, schoolTypes);
    if (Array.isArray(want)) assert.deepEqual(got, { ok: true, types: want }, cell);
    else assert.match(got.ok ? '' : got.key, want, cell);
  }
});

test('headers are found under DUO’s current and older names, whatever their case or quoting', () => {
  assert.equal(normaliseHeader('\uFEFF"brin.nummer"'), 'BRIN NUMMER');
  const current = resolveColumns(['PROVINCIE', 'INSTELLINGSCODE', 'VESTIGINGSCODE', 'VESTIGINGSNAAM', 'STRAATNAAM', 'HUISNUMMER-TOEVOEGING', 'POSTCODE', 'PLAATSNAAM', 'RMC-REGIO NAAM']);
  assert.deepEqual(current.problems, []);
  assert.equal(current.columns.brin, 1);
  assert.equal(current.columns.structure, undefined);
  const older = resolveColumns(['BRIN NUMMER', 'vestigingsnummer', 'Vestigingsnaam', 'straatnaam', 'huisnummer-toevoeging', 'postcode', 'plaatsnaam', 'ONDERWIJSSTRUCTUUR']);
  assert.deepEqual(older.problems, []);
  assert.equal(older.columns.locationCode, 1);
  assert.equal(older.columns.structure, 7);

  assert.deepEqual(resolveColumns(['INSTELLINGSCODE', 'VESTIGINGSCODE', 'VESTIGINGSNAAM']).problems, [{ kind: 'missing', columns: ['STRAATNAAM', 'HUISNUMMER-TOEVOEGING', 'POSTCODE', 'PLAATSNAAM'] }]);
  assert.deepEqual(resolveColumns(['Eigen id', 'Titel']).problems, [{ kind: 'notDuo', found: ['Eigen id', 'Titel'] }]);
  assert.deepEqual(resolveColumns(['INSTELLINGSCODE|VESTIGINGSCODE|VESTIGINGSNAAM']).problems, [{ kind: 'separator', separator: '|' }]);
  const doubled = resolveColumns(['INSTELLINGSCODE', 'BRIN NUMMER', 'VESTIGINGSCODE', 'VESTIGINGSNAAM', 'STRAATNAAM', 'HUISNUMMER-TOEVOEGING', 'POSTCODE', 'PLAATSNAAM']);
  assert.deepEqual(doubled.problems, [{ kind: 'doubled', column: 'INSTELLINGSCODE' }]);
});

test('place names as people write them', () => {
  assert.equal(placeName('ENSCHEDE'), 'Enschede');
  assert.equal(placeName('HOF VAN TWENTE'), 'Hof van Twente');
  assert.equal(placeName('DE LUTTE'), 'De Lutte');
  assert.equal(placeName("'S-HERTOGENBOSCH"), "'s-Hertogenbosch");
  assert.equal(placeName('ALPHEN AAN DEN RIJN'), 'Alphen aan den Rijn');
  assert.equal(placeName('NIEUW-VENNEP'), 'Nieuw-Vennep');
});

test('the sample in docs/ is the one the import page serves, and it reads as a DUO file', () => {
  const file = readFileSync(new URL('../../../docs/samples/duo-vestigingen-voorbeeld.csv', import.meta.url));
  assert.equal(file.toString('utf8'), duoSampleCsv);
  const read = readSchoolFile(file);
  assert.deepEqual(read.problems, []);
  assert.equal(read.sheet!.rows.length, 9);
  assert.ok(read.columns!.structure !== undefined && read.columns!.poKind !== undefined && read.columns!.municipality !== undefined);
});

// [what, bytes, message key]
const badFiles: Array<[string, Uint8Array, string]> = [
  ['an empty file', Buffer.alloc(0), 'schools.import.file.empty'],
  ['only blank lines', Buffer.from('\r\n\r\n ; ;\r\n'), 'schools.import.file.empty'],
  ['a header without rows', Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM\r\n'), 'schools.import.file.noRows'],
  ['the offer template instead', Buffer.from('Platform-id;Eigen id;Titel\r\n1;A;B\r\n'), 'schools.import.file.notDuo'],
  ['a pipe as separator', Buffer.from('INSTELLINGSCODE|VESTIGINGSCODE|VESTIGINGSNAAM|STRAATNAAM|HUISNUMMER-TOEVOEGING|POSTCODE|PLAATSNAAM\r\n12AB|12AB00|School|Straat|1|7511 AA|ENSCHEDE\r\n'), 'schools.import.file.separator'],
  ['missing address columns', Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM\r\n12AB;12AB00;School\r\n'), 'schools.import.file.missingColumns'],
  ['an Excel workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'schools.import.file.spreadsheet'],
  ['an old Excel file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'schools.import.file.spreadsheet'],
  ['a PDF', Buffer.from('%PDF-1.4\n'), 'schools.import.file.wrongType'],
  ['a broken quote', Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM\r\n12AB;12AB00;"School;Straat;1;7511 AA;ENSCHEDE\r\n'), 'schools.import.file.csvBroken'],
  ['a huge file', Buffer.alloc(8 * 1024 * 1024 + 1, 0x41), 'schools.import.file.tooLarge'],
  ['too many rows', Buffer.from(`INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM\r\n${'12AB;12AB00;S;S;1;7511 AA;E\r\n'.repeat(10_001)}`), 'schools.import.file.tooManyRows'],
  ['a cell of 2000 characters', Buffer.from(`INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM\r\n12AB;12AB00;${'x'.repeat(2000)};S;1;7511 AA;E\r\n`), 'schools.import.file.cellTooLong'],
];

test('files that are not a DUO list are refused with what is wrong', () => {
  for (const [what, bytes, key] of badFiles) {
    const read = readSchoolFile(bytes);
    assert.equal(read.sheet, undefined, what);
    assert.deepEqual(read.problems.map((p) => p.key), [key], what);
  }
});

test('DUO’s own encoding and quoting: Windows-1252, quoted fields, a comma or a tab also work', () => {
  const header = '"INSTELLINGSCODE";"VESTIGINGSCODE";"VESTIGINGSNAAM";"STRAATNAAM";"HUISNUMMER-TOEVOEGING";"POSTCODE";"PLAATSNAAM"';
  const latin1 = Buffer.from(`${header}\r\n"12AB";"12AB00";"Basisschool De Vlieger; locatie Noord";"Ruiterweg";"3";"7511 AA";"ENSCHEDE"\r\n"12AB";"12AB01";"Jenaplanschool Ko\u00ebt";"Esweg";"9";"7550 AB";"HENGELO"\r\n`, 'latin1');
  const read = readSchoolFile(latin1);
  assert.deepEqual(read.problems, []);
  assert.equal(read.sheet!.rows[0]!.cells[2], 'Basisschool De Vlieger; locatie Noord');
  assert.equal(read.sheet!.rows[1]!.cells[2], 'Jenaplanschool Koët');
  assert.deepEqual(read.sheet!.rows.map((r) => r.n), [2, 3]);
  for (const separator of [',', '\t']) {
    const csv = Buffer.from(`INSTELLINGSCODE${separator}VESTIGINGSCODE${separator}VESTIGINGSNAAM${separator}STRAATNAAM${separator}HUISNUMMER-TOEVOEGING${separator}POSTCODE${separator}PLAATSNAAM\n12AB${separator}12AB00${separator}School${separator}Straat${separator}1${separator}7511 AA${separator}ENSCHEDE\n`);
    assert.deepEqual(readSchoolFile(csv).problems, [], JSON.stringify(separator));
  }
});
