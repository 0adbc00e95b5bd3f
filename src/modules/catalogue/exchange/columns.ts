import { t } from '../../../web/i18n/index.js';
import {
  accessibilityFeatures, formats, languages, levels, maxAge, minAge, registrationModes, schoolGroups, settings,
} from '../vocabulary.js';

/**
 * The layout of an offer spreadsheet: one row per activity, these columns, in
 * this order. Templates, exports and the import all read this one list, so an
 * export can always be imported again. Headers are matched without regard to
 * case, spaces at either end or the kind of apostrophe.
 */
export const columnKeys = [
  'platformId', 'externalId', 'organisation', 'title', 'summary', 'description', 'themes', 'format', 'setting', 'minAge', 'maxAge',
  'schoolGroups', 'level', 'price', 'priceNote', 'reductions', 'accessibility', 'languages', 'location', 'online', 'registrationMode',
  'curriculumGoals', 'coProviders', 'sessions', 'status',
] as const;
export type ColumnKey = (typeof columnKeys)[number];

export interface ColumnSpec {
  key: ColumnKey;
  /** The Dutch header in the first row. */
  header: string;
  /** The column must be in the file (a cell may still be empty where the help says so). */
  required: boolean;
  /** What to write, in Dutch: shown on the import page and on the template's second sheet. */
  help: string;
  /** A value for the template's example row. */
  example: string;
}

const list = (values: readonly string[]) => values.join('; ');

export const columns: readonly ColumnSpec[] = [
  { key: 'platformId', header: 'Platform-id', required: false, example: '', help: 'Het nummer dat het platform aan de activiteit gaf. Staat in elke export; laat leeg voor nieuwe activiteiten.' },
  { key: 'externalId', header: 'Eigen id', required: true, example: 'ROB-01', help: 'Jouw eigen code voor de activiteit, uniek binnen je organisatie (hoogstens 100 tekens). Importeer je opnieuw, dan wordt de activiteit met deze code bijgewerkt in plaats van dubbel aangemaakt. Verplicht, behalve als Platform-id is ingevuld.' },
  { key: 'organisation', header: 'Aanbieder', required: false, example: '', help: 'Naam van de organisatie die de activiteit aanbiedt, precies zoals op het platform. Leeg: de organisatie die je bij het uploaden kiest.' },
  { key: 'title', header: 'Titel', required: true, example: 'Robots bouwen', help: 'Verplicht, hoogstens 200 tekens.' },
  { key: 'summary', header: 'Samenvatting', required: false, example: 'Bouw en programmeer je eigen robot.', help: 'Eén zin, hoogstens 500 tekens.' },
  { key: 'description', header: 'Beschrijving', required: false, example: 'Met sensoren en motoren laat je een robot rijden.', help: 'Hoogstens 10.000 tekens.' },
  { key: 'themes', header: 'Thema’s', required: true, example: 'Programmeren en digitale vaardigheden', help: 'Eén tot zes thema’s van dit leerecosysteem, gescheiden door een puntkomma (;). De naam of de korte naam van het thema.' },
  { key: 'format', header: 'Vorm', required: true, example: 'Workshop', help: `Eén van: ${list(formats.map((f) => t('nl', `format.${f}`)))}.` },
  { key: 'setting', header: 'Binnen/buiten school', required: true, example: 'Buiten school', help: `Eén van: ${list(settings.map((s) => t('nl', `setting.${s}`)))}.` },
  { key: 'minAge', header: 'Leeftijd van', required: true, example: '8', help: `Jongste leeftijd in jaren, ${minAge} tot en met ${maxAge}.` },
  { key: 'maxAge', header: 'Leeftijd tot', required: true, example: '12', help: `Oudste leeftijd in jaren (tot en met), ${minAge} tot en met ${maxAge}, niet lager dan Leeftijd van.` },
  { key: 'schoolGroups', header: 'Groepen', required: false, example: 'groep 5; groep 6', help: 'Groepen in het basisonderwijs (groep 1 tot en met 8) en klassen in het voortgezet onderwijs (klas 1 tot en met 6), gescheiden door een puntkomma.' },
  { key: 'level', header: 'Niveau', required: true, example: 'Kennismaken', help: `Eén van: ${list(levels.map((l) => t('nl', `level.${l}`)))}.` },
  { key: 'price', header: 'Prijs', required: false, example: '7,50', help: 'Prijs in euro, bijvoorbeeld 7,50. Leeg, 0 of "gratis" is gratis.' },
  { key: 'priceNote', header: 'Toelichting prijs', required: false, example: '', help: 'Hoogstens 300 tekens.' },
  { key: 'reductions', header: 'Kortingen', required: false, example: 'Gratis met de Stadspas', help: 'Hoogstens 300 tekens.' },
  { key: 'accessibility', header: 'Toegankelijkheid', required: false, example: 'Rolstoeltoegankelijk', help: `Nul of meer van: ${list(accessibilityFeatures.map((a) => t('nl', `accessibility.${a}`)))}; gescheiden door een puntkomma.` },
  { key: 'languages', header: 'Talen', required: false, example: 'Nederlands', help: `Eén of meer van: ${list(languages.map((l) => t('nl', `language.${l}`)))}. Leeg is Nederlands.` },
  { key: 'location', header: 'Locatie', required: false, example: '', help: 'Naam van een locatie op het platform, bij voorkeur van de aanbieder zelf. Leeg mag alleen als Online "ja" is.' },
  { key: 'online', header: 'Online', required: false, example: 'nee', help: 'ja of nee. Leeg is nee.' },
  { key: 'registrationMode', header: 'Aanmelden', required: true, example: 'Aanmelden', help: 'Eén van: Vrije inloop; Aanmelden; Via school.' },
  { key: 'curriculumGoals', header: 'Kerndoelen', required: false, example: '42; 44', help: 'SLO-kerndoelen (nummers, eventueel met een letter), gescheiden door een puntkomma.' },
  { key: 'coProviders', header: 'Samen met', required: false, example: '', help: 'Andere organisaties op het platform die meedoen, gescheiden door een puntkomma.' },
  { key: 'sessions', header: 'Sessies', required: false, example: '2027-01-14 14:00-16:00 (12); 2027-01-21 14:00-16:00 (12)', help: 'Bijeenkomsten, gescheiden door een puntkomma, elk als datum begintijd-eindtijd (plaatsen), bijvoorbeeld 2027-01-14 14:00-16:00 (12). Tijden in Nederlandse tijd. Het aantal plaatsen mag weg (onbeperkt). Eindigt een bijeenkomst op een andere dag: 2027-07-01 10:00-2027-07-03 16:00. Bij bijwerken vervangen deze de komende bijeenkomsten; bijeenkomsten die al begonnen zijn blijven zoals ze waren en staan ze in het bestand, dan worden ze overgeslagen. Laat je de hele kolom weg, dan blijven de bijeenkomsten zoals ze zijn.' },
  { key: 'status', header: 'Status', required: false, example: '', help: 'Alleen ter informatie in een export; de import negeert deze kolom. Nieuwe activiteiten worden een concept; bijgewerkte houden hun status.' },
];

export const columnByKey = Object.fromEntries(columns.map((c) => [c.key, c])) as Record<ColumnKey, ColumnSpec>;

/** How a header is compared: lower case, single spaces, straight apostrophe. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ');
}

const byHeader = new Map<string, ColumnKey>([
  ...columns.map((c) => [normaliseHeader(c.header), c.key] as const),
  // Common spellings people type by hand.
  ['themas', 'themes'],
  ['thema', 'themes'],
  ['sessie', 'sessions'],
  ['bijeenkomsten', 'sessions'],
  ['platform id', 'platformId'],
]);

export function columnForHeader(header: string): ColumnKey | undefined {
  return byHeader.get(normaliseHeader(header));
}

/** Short Dutch names for the registration modes: the catalogue's own labels are sentences. */
export const registrationLabels: Record<(typeof registrationModes)[number], string> = {
  walk_in: 'Vrije inloop',
  sign_up: 'Aanmelden',
  lottery: 'Loting',
  through_school: 'Via school',
};

export function schoolGroupLabel(code: string): string {
  const n = code.slice(2);
  return code.startsWith('po') ? t('nl', 'schoolGroup.po', { n }) : t('nl', 'schoolGroup.vo', { n });
}

const norm = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

function lookup<T extends string>(entries: Array<[string, T]>): (value: string) => T | undefined {
  const map = new Map(entries.map(([label, code]) => [norm(label), code]));
  return (value) => map.get(norm(value));
}

/** Dutch labels and codes → codes of the closed lists; undefined when unknown. */
export const vocabulary = {
  format: lookup(formats.flatMap((f) => [[f, f], [t('nl', `format.${f}`), f]] as Array<[string, (typeof formats)[number]]>)),
  setting: lookup([
    ...settings.flatMap((s) => [[s, s], [t('nl', `setting.${s}`), s]] as Array<[string, (typeof settings)[number]]>),
    ['binnen', 'in_school'], ['buiten', 'out_of_school'], ['binnenschools', 'in_school'], ['buitenschools', 'out_of_school'], ['allebei', 'both'], ['beide', 'both'],
  ]),
  level: lookup(levels.flatMap((l) => [[l, l], [t('nl', `level.${l}`), l]] as Array<[string, (typeof levels)[number]]>)),
  registrationMode: lookup([
    ...registrationModes.flatMap((r) => [[r, r], [registrationLabels[r], r], [t('nl', `registration.${r}`), r]] as Array<[string, (typeof registrationModes)[number]]>),
    ['inloop', 'walk_in'], ['aanmelden nodig', 'sign_up'],
  ]),
  accessibility: lookup(accessibilityFeatures.flatMap((a) => [[a, a], [t('nl', `accessibility.${a}`), a]] as Array<[string, (typeof accessibilityFeatures)[number]]>)),
  language: lookup(languages.flatMap((l) => [[l, l], [t('nl', `language.${l}`), l]] as Array<[string, (typeof languages)[number]]>)),
  schoolGroup: lookup(
    schoolGroups.flatMap((g) => {
      const n = g.slice(2);
      const words = g.startsWith('po') ? ['groep'] : ['klas', 'leerjaar'];
      return [[g, g], ...words.map((w) => [`${w} ${n}`, g])] as Array<[string, string]>;
    }),
  ),
  boolean: lookup<'yes' | 'no'>([
    ['ja', 'yes'], ['j', 'yes'], ['yes', 'yes'], ['true', 'yes'], ['waar', 'yes'], ['1', 'yes'], ['x', 'yes'],
    ['nee', 'no'], ['n', 'no'], ['no', 'no'], ['false', 'no'], ['onwaar', 'no'], ['0', 'no'],
  ]),
};
