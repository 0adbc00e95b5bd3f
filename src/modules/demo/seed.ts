/**
 * Invented demo data for one ecosystem modelled on Twente: neighbourhoods,
 * postcodes, organisations, locations, a catalogue of activities with
 * sessions, and next steps between them.
 *
 * The data is first planned in memory (`planDemo`, pure and deterministic for
 * a seed and a day) and then written with a handful of bulk inserts, so the
 * whole seed takes about a second even on the embedded database.
 */
import { seedDemoNetwork } from './network-seed.js';
import { seedFinanceDemo } from './finance-demo.js';
import { seedDemoPeople } from './seed-people.js';
import { seedDemoBadges } from './seed-badges.js';
import { seedDemoLearningPaths } from './seed-learning-paths.js';
import { seedDemoSignups } from './seed-signups.js';
import type { Database, Tx } from '../../db/database.js';
import { createEcosystem } from '../ecosystems/commands/ecosystem-creator.js';
import { accessibilityFeatures, defaultThemes, type AccessibilityFeature, type Format, type Level, type Sector } from '../catalogue/vocabulary.js';
import { demoAreas, demoEcosystem, demoPostcodes, hexagonOutline, streets, type DemoArea, type DemoPostcode } from './region.js';
import {
  formatIntros, levelSentences, nextStepReasons, onlineSentence, onRequestSentence, organisationDescriptions, organisationNames,
  outdoorSentence, parseIdea, practicalSentences, priceNotes, reductionTexts, sectorThemes, subjects, themeSlugs,
  type ActivityIdea, type ThemeSlug,
} from './texts.js';

export interface SeedOptions {
  /** Sessions are planned in the six months after this day (default: now). */
  today?: Date;
  /** Same seed, same data (apart from dates, which follow `today`). */
  seed?: number;
}

/** The titles that tests and the browser tests look up; always present. */
export const fixedTitles = {
  robots: 'Robots bouwen en programmeren',
  robotClub: 'Robotclub voor gevorderden',
  stars: 'Sterrenkijken in de Natuurtuin',
  water: 'Proefjes met water',
} as const;
export const robotNextStepReason = 'Kun je al een robot laten rijden? In de club bouw je grotere robots.';

const day = 86_400_000;
/** Sessions fall on local days 1 to `lastDay` after today, well inside 183 days. */
const lastDay = 180;

// ---------------------------------------------------------------------------
// Randomness: a tiny seeded PRNG (mulberry32), so the data is reproducible.

export type Random = ReturnType<typeof random>;

export function random(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('demo: pick from an empty list');
    return items[Math.floor(next() * items.length)]!;
  };
  const chance = (p: number): boolean => next() < p;
  const weighted = <T>(items: readonly T[], weight: (item: T) => number): T => {
    const weights = items.map(weight);
    const total = weights.reduce((s, w) => s + w, 0);
    let r = next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  /** An independent stream for sub-task `k`, so how many draws one part makes cannot shift the rest. */
  const fork = (k: number) => random(Math.imul((seed >>> 0) ^ Math.imul(k + 1, 0x9e3779b1), 0x85ebca6b));
  return { next, int, pick, chance, weighted, shuffle, fork };
}

// ---------------------------------------------------------------------------
// Time in the Netherlands. The EU rule: summer time from the last Sunday of
// March to the last Sunday of October, switching at 01:00 UTC. Computed here
// rather than through Intl so the seed does not depend on the ICU data.

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

function amsterdamOffsetHours(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSunday(year, 2) && utcMs < lastSunday(year, 9) ? 2 : 1;
}

/** A local calendar day, counted from the local day of `today` (0 = today). */
interface LocalDay {
  offset: number;
  y: number;
  m: number;
  d: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

function makeCalendar(today: Date) {
  const local = new Date(today.getTime() + amsterdamOffsetHours(today.getTime()) * 3_600_000);
  const base = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const dayAt = (offset: number): LocalDay => {
    const date = new Date(base + offset * day);
    return { offset, y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), weekday: date.getUTCDay() };
  };
  /** The instant of a local wall-clock time on a local day. */
  const at = (localDay: LocalDay, hour: number, minute: number): Date => {
    const wall = Date.UTC(localDay.y, localDay.m, localDay.d, hour, minute);
    const summer = wall - 2 * 3_600_000;
    return new Date(amsterdamOffsetHours(summer) === 2 ? summer : wall - 3_600_000);
  };
  /** The first day at or after `offset` that falls on `weekday`. */
  const onOrAfter = (offset: number, weekday: number): LocalDay => {
    const start = dayAt(offset);
    return dayAt(offset + ((weekday - start.weekday + 7) % 7));
  };
  const offsetOf = (y: number, m: number, d: number): number => Math.round((Date.UTC(y, m, d) - base) / day);
  return { today, dayAt, at, onOrAfter, offsetOf };
}
type Calendar = ReturnType<typeof makeCalendar>;

/**
 * School holidays, roughly as in region north (Twente): [month, first day,
 * month, last day], 0-based months. Clubs pause and school visits stop then;
 * camps happen then.
 */
const holidays: Array<[number, number, number, number]> = [
  [1, 14, 1, 22], [3, 25, 4, 5], [6, 11, 7, 23], [9, 17, 9, 25], [11, 19, 11, 31], [0, 1, 0, 4],
];

function isHoliday(d: LocalDay): boolean {
  const md = d.m * 100 + d.d;
  return holidays.some(([m1, d1, m2, d2]) => md >= m1 * 100 + d1 && md <= m2 * 100 + d2);
}

/** Mondays of school-holiday weeks inside the window, for camps. */
function holidayMondays(cal: Calendar): number[] {
  const result: number[] = [];
  for (let offset = 1; offset + 4 <= lastDay; offset++) {
    const d = cal.dayAt(offset);
    if (d.weekday === 1 && isHoliday(d) && isHoliday(cal.dayAt(offset + 2))) result.push(offset);
  }
  return result;
}

// ---------------------------------------------------------------------------
// The plan.

export interface PlanOrganisation {
  name: string;
  sector: Sector;
  description: string;
  website: string;
  email: string;
  themes: ThemeSlug[];
  /** Indexes into `locations`. */
  locations: number[];
}

export interface PlanLocation {
  organisation: number;
  name: string;
  street: string;
  postcode: string;
  city: string;
  lat: number;
  lng: number;
  areaKey: string;
  isSchool: boolean;
}

export interface PlanSession {
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  status: 'scheduled' | 'cancelled';
  note: string;
}

export interface PlanActivity {
  organisation: number;
  location: number | null;
  title: string;
  summary: string;
  description: string;
  format: Format;
  setting: 'in_school' | 'out_of_school' | 'both';
  minAge: number;
  maxAge: number;
  schoolGroups: string[];
  level: Level;
  priceCents: number;
  priceNote: string;
  reductions: string;
  accessibility: AccessibilityFeature[];
  languages: string[];
  online: boolean;
  registrationMode: 'walk_in' | 'sign_up' | 'through_school';
  curriculumGoals: string[];
  status: 'draft' | 'submitted' | 'published' | 'archived';
  publishedAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
  themes: ThemeSlug[];
  /** The subject in texts.ts (`theme#index`), so next steps can stay on topic. */
  topic: string;
  coProviders: number[];
  sessions: PlanSession[];
}

export interface PlanNextStep {
  from: number;
  to: number;
  kind: 'deepen' | 'broaden' | 'on_ramp';
  reason: string;
  position: number;
}

export interface DemoPlan {
  areas: DemoArea[];
  postcodes: DemoPostcode[];
  organisations: PlanOrganisation[];
  locations: PlanLocation[];
  activities: PlanActivity[];
  nextSteps: PlanNextStep[];
}

/** Builds the whole demo data set in memory; deterministic for a seed and a day. */
export function planDemo(options: SeedOptions = {}): DemoPlan {
  const rnd = random(options.seed ?? 20261124);
  const cal = makeCalendar(options.today ?? new Date());
  const postcodes = demoPostcodes();
  const network = planNetwork(rnd, postcodes);
  const activities = planActivities(rnd, cal, network);
  const nextSteps = planNextSteps(rnd, activities, network.locations);
  return { areas: demoAreas, postcodes, ...network, activities, nextSteps };
}

// ---- organisations and locations ----

interface Network {
  organisations: PlanOrganisation[];
  locations: PlanLocation[];
}

const areaByKey = new Map(demoAreas.map((a) => [a.key, a]));
const postcodeLetters = 'ABCDEGHJKLMNPRTVWXZ';

function planNetwork(rnd: Random, postcodes: DemoPostcode[]): Network {
  const organisations: PlanOrganisation[] = [];
  const locations: PlanLocation[] = [];
  const usedNames = new Set<string>();

  const addLocation = (organisation: number, areaKey: string, name: string, isSchool: boolean, postcode?: string): number => {
    const area = areaByKey.get(areaKey)!;
    const candidates = postcodes.filter((p) => p.areaKey === areaKey);
    const pc = (postcode && candidates.find((p) => p.postcode === postcode)) || rnd.pick(candidates);
    const lngScale = 1 / Math.cos((pc.lat * Math.PI) / 180);
    const spread = Math.min(0.004, area.radius * 0.3);
    locations.push({
      organisation,
      name,
      street: `${rnd.pick(streets)} ${rnd.int(1, 180)}`,
      postcode: `${pc.postcode} ${postcodeSuffix(rnd)}`,
      city: pc.place,
      lat: round5(pc.lat + (rnd.next() - 0.5) * 2 * spread),
      lng: round5(pc.lng + (rnd.next() - 0.5) * 2 * spread * lngScale),
      areaKey,
      isSchool,
    });
    return locations.length - 1;
  };

  const addOrganisation = (
    name: string, sector: Sector, themes: ThemeSlug[], areaKeys: string[], options: { postcode?: string; secondInArea?: boolean } = {},
  ): number => {
    usedNames.add(name);
    const index = organisations.length;
    const isSchool = sector === 'school_primary' || sector === 'school_secondary' || sector === 'school_special';
    const town = areaByKey.get(areaKeys[0]!)!;
    const org: PlanOrganisation = {
      name, sector, themes, locations: [],
      description: rnd.pick(organisationDescriptions[sector]).replaceAll('{name}', name).replaceAll('{town}', town.key === 'goor' ? 'Goor' : town.municipality),
      website: `https://www.${slugify(name)}.example`,
      email: `info@${slugify(name)}.example`,
    };
    organisations.push(org);
    const keys = options.secondInArea ? [...areaKeys, areaKeys[0]!] : areaKeys;
    keys.forEach((key, i) => {
      const area = areaByKey.get(key)!;
      const locationName = keys.length === 1 ? name : options.secondInArea && i > 0 ? `${name}, tweede locatie` : `${name} – ${area.short}`;
      org.locations.push(addLocation(index, key, locationName, isSchool, i === 0 ? options.postcode : undefined));
    });
    return index;
  };

  // The fixed partners that the fixed activities need.
  addOrganisation('Bibliotheek Twentestad', 'library', ['programmeren-digitaal', 'wetenschap-onderzoek', 'kunst-cultuur', 'maken-ontwerpen'], ['ens-c', 'ens-z', 'ens-g'], { postcode: '7511' });
  addOrganisation('Makerplaats De Werkbank', 'maker_space', ['maken-ontwerpen', 'programmeren-digitaal'], ['ens-n']);
  addOrganisation('Stichting Natuurtuin Hengelo', 'nature', ['natuur-duurzaamheid', 'wetenschap-onderzoek'], ['hgl-c'], { postcode: '7550' });
  addOrganisation('Proeftuin Almelo', 'science_centre', ['wetenschap-onderzoek', 'natuur-duurzaamheid', 'maken-ontwerpen'], ['alm-c'], { postcode: '7600' });

  // Areas drawn in proportion to their children, so big towns get more partners.
  const drawArea = (within?: string): string => {
    const pool = within ? demoAreas.filter((a) => a.municipality === within) : demoAreas;
    return rnd.weighted(pool, (a) => a.children.reduce((s, n) => s + n, 0)).key;
  };
  const counts: Partial<Record<Sector, number>> = { school_primary: 24, school_secondary: 6, school_special: 3 };
  for (const sector of Object.keys(organisationNames) as Sector[]) {
    const { prefixes, names } = organisationNames[sector];
    const isSchool = sector.startsWith('school_');
    const chosen = isSchool ? rnd.shuffle(names).slice(0, counts[sector] ?? names.length) : names;
    for (const entry of chosen) {
      const [main, areaPart] = entry.split('@') as [string, string | undefined];
      const [base, themePart] = main.split('|') as [string, string | undefined];
      const prefix = rnd.pick(prefixes);
      const name = prefix ? `${prefix} ${base}` : base;
      if (usedNames.has(name)) continue;
      const themes = themePart ? (themePart.split(',') as ThemeSlug[]) : [...sectorThemes[sector]];
      let areaKeys = areaPart ? areaPart.split(',') : [drawArea()];
      let secondInArea = false;
      if (!areaPart) {
        const municipality = areaByKey.get(areaKeys[0]!)!.municipality;
        // Some schools and libraries have a second location in the same town.
        if ((sector === 'school_primary' && rnd.chance(0.2)) || (sector === 'school_secondary' && rnd.chance(0.6)) || sector === 'library') {
          const second = drawArea(municipality);
          if (second !== areaKeys[0]) areaKeys = [...areaKeys, second];
          else secondInArea = true;
        }
      }
      addOrganisation(name, sector, themes, areaKeys, { secondInArea });
    }
  }
  return { organisations, locations };
}

function postcodeSuffix(rnd: Random): string {
  for (;;) {
    const s = rnd.pick([...postcodeLetters]) + rnd.pick([...postcodeLetters]);
    if (s !== 'SA' && s !== 'SD' && s !== 'SS') return s;
  }
}

function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'en')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

// ---- activities ----

/** Which sectors plausibly run each format; schools run only after-school offers. */
const formatSectors: Record<Format, Sector[]> = {
  workshop: ['library', 'maker_space', 'science_centre', 'museum', 'culture', 'nature', 'company', 'vocational', 'youth_work', 'out_of_school_care', 'other', 'club', 'school_primary', 'school_secondary'],
  club: ['club', 'maker_space', 'library', 'science_centre', 'youth_work', 'nature', 'culture', 'out_of_school_care', 'school_primary', 'school_secondary', 'school_special'],
  lesson: ['science_centre', 'museum', 'library', 'nature', 'culture', 'other', 'municipality'],
  guest_lesson: ['company', 'vocational', 'municipality', 'youth_work', 'nature', 'other', 'club', 'culture'],
  excursion: ['museum', 'company', 'nature', 'science_centre', 'vocational', 'culture', 'municipality'],
  lesson_kit: ['library', 'science_centre', 'museum', 'nature', 'other'],
  event: ['municipality', 'library', 'museum', 'science_centre', 'nature', 'club', 'culture', 'other', 'company', 'school_secondary'],
  camp: ['club', 'maker_space', 'science_centre', 'nature', 'culture', 'youth_work', 'out_of_school_care'],
  course: ['maker_space', 'culture', 'vocational', 'library', 'science_centre', 'club', 'company'],
  open_lab: ['maker_space', 'library', 'youth_work', 'science_centre', 'culture', 'other'],
};

/** SLO core goals (kerndoelen) per theme for primary and for lower secondary. */
const curriculumGoals: Record<ThemeSlug, { po: string[]; vo: string[] }> = {
  'wetenschap-onderzoek': { po: ['42', '43', '46', '41'], vo: ['30', '31', '32', '34'] },
  'programmeren-digitaal': { po: ['44', '45', '42'], vo: ['32', '33'] },
  'maken-ontwerpen': { po: ['44', '45', '55'], vo: ['32', '33', '48'] },
  'natuur-duurzaamheid': { po: ['39', '40', '43'], vo: ['34', '35', '36'] },
  'kunst-cultuur': { po: ['54', '55', '56'], vo: ['48', '49', '50'] },
  bewegen: { po: ['57', '58', '41'], vo: ['53', '54', '55'] },
};

const levelRank: Record<Level, number> = { introduction: 0, deepening: 1, advanced: 2 };

function schoolGroupsFor(minAge: number, maxAge: number): string[] {
  const groups: string[] = [];
  for (let age = minAge; age <= maxAge; age++) {
    const g = age <= 11 ? `po${Math.max(1, age - 3)}` : `vo${Math.min(6, age - 11)}`;
    if (!groups.includes(g)) groups.push(g);
  }
  return groups;
}

function groupsSentence(groups: string[]): string {
  const po = groups.filter((g) => g.startsWith('po')).map((g) => Number(g.slice(2)));
  const vo = groups.filter((g) => g.startsWith('vo')).map((g) => Number(g.slice(2)));
  const range = (xs: number[]) => (xs.length === 1 ? `${xs[0]}` : `${xs[0]} tot en met ${xs[xs.length - 1]}`);
  const parts: string[] = [];
  if (po.length > 0) parts.push(`groep ${range(po)}`);
  if (vo.length > 0) parts.push(`${vo.length === 1 ? 'leerjaar' : 'leerjaren'} ${range(vo)} van het voortgezet onderwijs`);
  return `Geschikt voor ${parts.join(' en ')}.`;
}

interface Task {
  idea: ActivityIdea;
  /** The same offer in a second town; its title gets the town's name. */
  repeat: boolean;
}

function planActivities(rnd: Random, cal: Calendar, network: Network): PlanActivity[] {
  const { organisations, locations } = network;
  const load = organisations.map(() => 0);
  const activities: PlanActivity[] = [];
  const titles = new Set<string>(Object.values(fixedTitles));

  activities.push(...fixedActivities(cal, organisations));
  for (const a of activities) load[a.organisation]! += 1;

  const ideas: ActivityIdea[] = [];
  for (const theme of themeSlugs) for (const subject of subjects[theme]) for (const item of subject.items) ideas.push(parseIdea(theme, subject, item));
  const tasks: Task[] = ideas.map((idea) => ({ idea, repeat: false }));
  // Popular out-of-school offers also run in a second town, as library branches
  // and travelling workshops do.
  const repeatable = ideas.filter((i) => ['workshop', 'club', 'open_lab', 'camp', 'course'].includes(i.format) && !i.online);
  for (const idea of rnd.shuffle(repeatable).slice(0, 36)) tasks.push({ idea, repeat: true });

  const cityOfIdea = new Map<string, string>();
  for (const task of tasks) {
    const { idea } = task;
    const avoidCity = task.repeat ? cityOfIdea.get(idea.title) : undefined;
    const provider = chooseProvider(rnd, idea, organisations, locations, load, avoidCity);
    if (provider === undefined) continue;
    const org = organisations[provider]!;
    const locationChoices = org.locations.filter((l) => locations[l]!.city !== avoidCity);
    const location = idea.online ? null : rnd.pick(locationChoices.length > 0 ? locationChoices : org.locations);
    const city = location === null ? 'online' : locations[location]!.city;
    const title = task.repeat ? `${idea.title} – ${city}` : idea.title;
    if (titles.has(title)) continue;
    titles.add(title);
    if (!task.repeat) cityOfIdea.set(idea.title, city);
    load[provider]! += 1;
    activities.push(buildActivity(rnd, cal, activities.length, idea, title, provider, location, org.sector, organisations));
  }

  // A handful of drafts, offers waiting for review and archived offers, so
  // status filters and the review queue have something to show.
  const generated = activities.map((_, i) => i).filter((i) => i >= 4);
  const picks = rnd.shuffle(generated).slice(0, 15);
  picks.forEach((i, n) => {
    const a = activities[i]!;
    if (n < 7) {
      a.status = 'draft';
      a.publishedAt = null;
      a.createdAt = new Date(cal.today.getTime() - rnd.int(1, 20) * day);
    } else if (n < 9) {
      a.status = 'submitted';
      a.publishedAt = null;
      a.createdAt = new Date(cal.today.getTime() - rnd.int(1, 10) * day);
    } else {
      a.status = 'archived';
      a.publishedAt = new Date(cal.today.getTime() - rnd.int(200, 400) * day);
      a.archivedAt = new Date(cal.today.getTime() - rnd.int(5, 60) * day);
      a.createdAt = new Date(a.publishedAt.getTime() - rnd.int(1, 14) * day);
      // Its sessions lie in the past, outside this data set.
      a.sessions = [];
    }
  });
  return activities;
}

function chooseProvider(
  rnd: Random, idea: ActivityIdea, organisations: PlanOrganisation[], locations: PlanLocation[], load: number[], avoidCity: string | undefined,
): number | undefined {
  const fits = (o: PlanOrganisation, requireTheme: boolean): boolean => {
    if (!formatSectors[idea.format].includes(o.sector)) return false;
    if (requireTheme && !o.themes.includes(idea.theme)) return false;
    if (o.sector === 'school_primary' && idea.minAge >= 12) return false;
    if (o.sector === 'school_secondary' && idea.maxAge < 12) return false;
    if (avoidCity !== undefined && o.locations.every((l) => locations[l]!.city === avoidCity)) return false;
    return true;
  };
  let pool = organisations.map((_, i) => i).filter((i) => fits(organisations[i]!, true));
  if (pool.length === 0) pool = organisations.map((_, i) => i).filter((i) => fits(organisations[i]!, false));
  if (pool.length === 0) return undefined;
  return rnd.weighted(pool, (i) => {
    const o = organisations[i]!;
    const base = o.sector.startsWith('school_') ? 0.12 : 1;
    return base / (1 + load[i]! * 0.6);
  });
}

function buildActivity(
  rnd: Random, cal: Calendar, index: number, idea: ActivityIdea, title: string, provider: number, location: number | null, sector: Sector,
  organisations: PlanOrganisation[],
): PlanActivity {
  const { format, level, minAge, maxAge, theme } = idea;
  const providerIsSchool = sector.startsWith('school_');

  let setting: PlanActivity['setting'] = 'out_of_school';
  if (format === 'lesson' || format === 'guest_lesson') setting = 'in_school';
  else if (format === 'lesson_kit') setting = rnd.chance(0.75) ? 'in_school' : 'both';
  else if (format === 'excursion') setting = rnd.chance(0.55) ? 'in_school' : 'both';
  else if (format === 'workshop' && !providerIsSchool && !idea.online) setting = rnd.weighted(['out_of_school', 'both', 'in_school'] as const, (s) => (s === 'out_of_school' ? 70 : 15));

  let registrationMode: PlanActivity['registrationMode'];
  if (setting === 'in_school') registrationMode = 'through_school';
  else if (setting === 'both') registrationMode = rnd.chance(0.5) ? 'sign_up' : 'through_school';
  else if (format === 'event' || format === 'open_lab') registrationMode = 'walk_in';
  else if (format === 'workshop') registrationMode = rnd.chance(0.2) ? 'walk_in' : 'sign_up';
  else registrationMode = 'sign_up';

  // Sessions draw from their own stream: the dates depend on the day, and the
  // rest of the data (titles, providers) must not.
  const sessions = planSessions(rnd.fork(index), cal, format, setting, minAge, title, registrationMode);

  let priceCents = 0;
  let priceNote = '';
  let reductions = '';
  const paid = (p: number) => rnd.chance(p);
  switch (format) {
    case 'lesson': case 'guest_lesson':
      if (paid(0.2)) priceCents = rnd.int(10, 30) * 500;
      break;
    case 'lesson_kit':
      if (paid(0.5)) priceCents = rnd.int(5, 9) * 500;
      break;
    case 'excursion':
      if (paid(0.5)) priceCents = rnd.int(5, 12) * 50;
      break;
    case 'workshop':
      if (paid(0.45)) priceCents = rnd.int(6, 30) * 50;
      break;
    case 'club':
      if (paid(0.75)) priceCents = rnd.int(5, 12) * 500;
      break;
    case 'camp':
      if (paid(0.9)) priceCents = rnd.int(15, 35) * 500;
      break;
    case 'course':
      if (paid(0.85)) priceCents = rnd.int(7, 19) * 500;
      break;
    case 'event':
      if (paid(0.15)) priceCents = rnd.int(2, 5) * 100;
      break;
    case 'open_lab':
      if (paid(0.2)) priceCents = rnd.int(2, 6) * 50;
      break;
  }
  if (priceCents > 0) {
    const scheduled = sessions.length;
    priceNote = format === 'club' && scheduled > 1 ? `per serie van ${scheduled} weken` : rnd.pick(priceNotes[format] ?? ['per keer']);
    if (setting !== 'in_school' && rnd.chance(0.6)) reductions = rnd.pick(reductionTexts);
  }

  const accessibility: AccessibilityFeature[] = [];
  if (!idea.online) {
    if (rnd.chance(0.65)) accessibility.push('wheelchair');
    if (accessibility.includes('wheelchair') && rnd.chance(0.4)) accessibility.push('adapted_toilet');
    if (rnd.chance(0.15)) accessibility.push('hearing_loop');
    if (rnd.chance(0.15)) accessibility.push('low_stimulus');
    if (rnd.chance(0.04)) accessibility.push('sign_language');
  }
  if (rnd.chance(0.15)) accessibility.push('easy_language');
  accessibility.sort((a, b) => accessibilityFeatures.indexOf(a) - accessibilityFeatures.indexOf(b));

  let languages = ['nl'];
  if (idea.english) languages = ['nl', 'en'];
  else {
    const r = rnd.next();
    if (r < 0.08) languages = ['nl', 'en'];
    else if (r < 0.11) languages = ['nl', 'de'];
    else if (r < 0.13) languages = ['nl', 'tr'];
    else if (r < 0.14) languages = ['nl', 'ar'];
    else if (r < 0.15) languages = ['nl', 'uk'];
  }

  const themes: ThemeSlug[] = [theme];
  if (rnd.chance(0.45)) {
    const also = rnd.shuffle(idea.subject.also);
    themes.push(...also.slice(0, rnd.chance(0.25) ? 2 : 1));
  }

  const schoolGroups = setting === 'out_of_school' ? [] : schoolGroupsFor(minAge, maxAge);
  const goals: string[] = [];
  if (setting !== 'out_of_school') {
    const list = maxAge <= 12 || minAge < 10 ? curriculumGoals[theme].po : curriculumGoals[theme].vo;
    for (const g of rnd.shuffle(list).slice(0, rnd.int(1, 2))) goals.push(g);
  }

  const coProviders: number[] = [];
  if (rnd.chance(0.15)) {
    const partnerSectors: Sector[] = ['company', 'vocational', 'library', 'municipality', 'science_centre', 'museum', 'nature', 'youth_work', 'other'];
    const pool = organisations.map((_, i) => i).filter((i) => i !== provider && partnerSectors.includes(organisations[i]!.sector));
    coProviders.push(rnd.pick(pool));
  }

  const description = [
    rnd.pick(formatIntros[format]),
    idea.subject.detail,
    rnd.pick(levelSentences[level]),
    schoolGroups.length > 0 ? groupsSentence(schoolGroups) : '',
    theme === 'natuur-duurzaamheid' && !idea.online && rnd.chance(0.6) ? outdoorSentence : '',
    idea.online ? onlineSentence : format === 'lesson_kit' ? '' : rnd.pick(practicalSentences),
    sessions.length === 0 ? onRequestSentence : '',
  ].filter(Boolean).join(' ');

  const publishedAt = new Date(cal.today.getTime() - rnd.int(1, 150) * day - rnd.int(0, 8 * 60) * 60_000);
  return {
    organisation: provider,
    location,
    title,
    summary: rnd.pick(idea.subject.summaries),
    description,
    topic: `${theme}#${subjects[theme].indexOf(idea.subject)}`,
    format, setting, minAge, maxAge, schoolGroups, level, priceCents, priceNote, reductions, accessibility, languages,
    online: idea.online,
    registrationMode,
    curriculumGoals: goals,
    status: 'published',
    publishedAt,
    archivedAt: null,
    createdAt: new Date(publishedAt.getTime() - rnd.int(0, 14) * day),
    themes,
    coProviders,
    sessions,
  };
}

// ---- sessions ----

interface Slot {
  weekday: number;
  hour: number;
  minute: number;
  minutes: number;
}

const afterSchoolSlots: Slot[] = [
  { weekday: 3, hour: 14, minute: 0, minutes: 90 },
  { weekday: 3, hour: 13, minute: 30, minutes: 120 },
  { weekday: 2, hour: 15, minute: 45, minutes: 75 },
  { weekday: 4, hour: 15, minute: 45, minutes: 75 },
  { weekday: 1, hour: 15, minute: 30, minutes: 90 },
  { weekday: 5, hour: 15, minute: 30, minutes: 60 },
  { weekday: 6, hour: 10, minute: 0, minutes: 120 },
  { weekday: 6, hour: 13, minute: 30, minutes: 120 },
];
const teenSlots: Slot[] = [
  { weekday: 1, hour: 19, minute: 0, minutes: 90 },
  { weekday: 2, hour: 19, minute: 30, minutes: 90 },
  { weekday: 4, hour: 19, minute: 0, minutes: 120 },
  { weekday: 3, hour: 16, minute: 0, minutes: 90 },
  { weekday: 6, hour: 10, minute: 0, minutes: 150 },
];
const schoolSlots: Array<Omit<Slot, 'weekday'>> = [
  { hour: 8, minute: 45, minutes: 60 },
  { hour: 10, minute: 30, minutes: 75 },
  { hour: 13, minute: 15, minutes: 75 },
];
const eventSlots: Slot[] = [
  { weekday: 6, hour: 11, minute: 0, minutes: 300 },
  { weekday: 0, hour: 12, minute: 0, minutes: 240 },
  { weekday: 6, hour: 13, minute: 0, minutes: 240 },
  { weekday: 3, hour: 13, minute: 30, minutes: 180 },
];

function planSessions(
  rnd: Random, cal: Calendar, format: Format, setting: PlanActivity['setting'], minAge: number, title: string, mode: PlanActivity['registrationMode'],
): PlanSession[] {
  const teen = minAge >= 12;
  const capacity = (min: number, max: number): number | null => (mode === 'walk_in' && rnd.chance(0.7) ? null : rnd.int(min, max));
  const sessions: PlanSession[] = [];
  const add = (localDay: LocalDay, hour: number, minute: number, minutes: number, cap: number | null) => {
    const startsAt = cal.at(localDay, hour, minute);
    const cancelled = rnd.chance(0.015);
    sessions.push({
      startsAt,
      endsAt: new Date(startsAt.getTime() + minutes * 60_000),
      capacity: cap,
      status: cancelled ? 'cancelled' : 'scheduled',
      note: cancelled ? 'Gaat helaas niet door; je krijgt bericht over een nieuwe datum.' : '',
    });
  };
  /** A weekly series of `n` meetings that skips the school holidays (so it may run longer than `n` weeks). */
  const weekly = (n: number, slot: Slot, cap: number | null, skipHolidays = true) => {
    const first = cal.onOrAfter(rnd.int(1, Math.max(1, lastDay - 7 * (n - 1) - 6)), slot.weekday);
    for (let week = 0, placed = 0; placed < n; week++) {
      const d = cal.dayAt(first.offset + 7 * week);
      if (d.offset > lastDay) break;
      if (skipHolidays && isHoliday(d)) continue;
      add(d, slot.hour, slot.minute, slot.minutes, cap);
      placed++;
    }
  };
  /** A school day outside the holidays; no school on Wednesday afternoon. */
  const schoolDay = (afternoon = false): LocalDay => {
    for (;;) {
      const d = cal.dayAt(rnd.int(1, lastDay));
      if (d.weekday >= 1 && d.weekday <= 5 && !isHoliday(d) && !(afternoon && d.weekday === 3)) return d;
    }
  };
  /** Distinct random days matching a slot's weekday. */
  const spreadDays = (n: number, weekday: number): LocalDay[] => {
    const offsets = new Set<number>();
    for (let tries = 0; offsets.size < n && tries < 50; tries++) {
      const d = cal.onOrAfter(rnd.int(1, lastDay - 6), weekday);
      offsets.add(d.offset);
    }
    return [...offsets].sort((a, b) => a - b).map((o) => cal.dayAt(o));
  };

  switch (format) {
    case 'club':
      weekly(rnd.int(6, 12), rnd.pick(teen ? teenSlots : afterSchoolSlots), rnd.int(8, 16));
      break;
    case 'course':
      weekly(rnd.int(4, 8), rnd.pick(teen ? teenSlots : afterSchoolSlots), rnd.int(8, 15));
      break;
    case 'open_lab': {
      const slot = rnd.pick(teen ? [{ weekday: 5, hour: 19, minute: 0, minutes: 150 }, { weekday: 6, hour: 10, minute: 0, minutes: 180 }] : [{ weekday: 3, hour: 13, minute: 30, minutes: 180 }, { weekday: 6, hour: 10, minute: 0, minutes: 180 }]);
      weekly(rnd.int(4, 12), slot, capacity(15, 25));
      break;
    }
    case 'workshop': {
      const cap = capacity(8, 20);
      if (setting === 'in_school') {
        const slot = rnd.pick(schoolSlots);
        for (let i = rnd.int(1, 4); i > 0; i--) add(schoolDay(slot.hour >= 12), slot.hour, slot.minute, slot.minutes + 15, rnd.int(20, 30));
      } else {
        const slot = rnd.pick(teen ? teenSlots : afterSchoolSlots);
        for (const d of spreadDays(rnd.int(1, 3), slot.weekday)) add(d, slot.hour, slot.minute, Math.max(slot.minutes, 90), cap);
      }
      break;
    }
    case 'event': {
      const evening = /avond|nacht|sterren/i.test(title);
      const slot = evening ? { weekday: 5, hour: 19, minute: 30, minutes: 150 } : rnd.pick(eventSlots);
      for (const d of spreadDays(rnd.chance(0.85) ? 1 : 2, slot.weekday)) add(d, slot.hour, slot.minute, slot.minutes, mode === 'walk_in' && rnd.chance(0.8) ? null : rnd.int(20, 30));
      break;
    }
    case 'camp': {
      const mondays = holidayMondays(cal);
      const monday = mondays.length > 0 ? rnd.pick(mondays) : cal.onOrAfter(rnd.int(1, lastDay - 10), 1).offset;
      const cap = rnd.int(12, 24);
      const days = rnd.int(3, 5);
      for (let i = 0; i < days; i++) add(cal.dayAt(monday + i), 9, 30, 360, cap);
      break;
    }
    case 'lesson': {
      if (rnd.chance(0.3)) break; // on request
      const slot = rnd.pick(schoolSlots);
      for (let i = rnd.int(1, 6); i > 0; i--) add(schoolDay(slot.hour >= 12), slot.hour, slot.minute, slot.minutes, rnd.int(20, 30));
      break;
    }
    case 'guest_lesson': {
      if (rnd.chance(0.55)) break; // on request
      for (let i = rnd.int(1, 3); i > 0; i--) {
        const slot = rnd.pick(schoolSlots);
        add(schoolDay(slot.hour >= 12), slot.hour, slot.minute, slot.minutes, rnd.int(20, 30));
      }
      break;
    }
    case 'lesson_kit':
      break; // lent out on request
    case 'excursion': {
      for (let i = rnd.int(1, 4); i > 0; i--) add(schoolDay(), 9, rnd.pick([0, 15, 30]), 180, rnd.int(20, 30));
      if (setting === 'both') for (const d of spreadDays(rnd.int(1, 2), 6)) add(d, 10, 0, 150, rnd.int(10, 25));
      break;
    }
  }
  // Two random school days can coincide; keep one session per start.
  const seen = new Set<number>();
  return sessions
    .filter((s) => (seen.has(s.startsAt.getTime()) ? false : (seen.add(s.startsAt.getTime()), true)))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

// ---- the fixed activities ----

function fixedActivities(cal: Calendar, organisations: PlanOrganisation[]): PlanActivity[] {
  const orgIndex = (name: string) => organisations.findIndex((o) => o.name === name);
  const library = orgIndex('Bibliotheek Twentestad');
  const maker = orgIndex('Makerplaats De Werkbank');
  const garden = orgIndex('Stichting Natuurtuin Hengelo');
  const proeftuin = orgIndex('Proeftuin Almelo');
  const publishedAt = new Date(cal.today.getTime() - 30 * day);
  const series = (
    firstOffset: number, weekday: number, n: number, stepDays: number, time: (d: LocalDay) => [number, number], minutes: number, capacity: number | null,
  ): PlanSession[] => {
    const first = cal.onOrAfter(firstOffset, weekday);
    return Array.from({ length: n }, (_, i) => {
      const d = cal.dayAt(first.offset + i * stepDays);
      const startsAt = cal.at(d, ...time(d));
      return { startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), capacity, status: 'scheduled' as const, note: '' };
    });
  };
  const common = {
    schoolGroups: [] as string[], priceNote: '', reductions: '', languages: ['nl'], online: false, curriculumGoals: [] as string[],
    status: 'published' as const, publishedAt, archivedAt: null, createdAt: new Date(publishedAt.getTime() - 3 * day), coProviders: [] as number[],
  };
  return [
    {
      ...common,
      organisation: library,
      location: organisations[library]!.locations[0]!,
      title: fixedTitles.robots,
      summary: 'Bouw je eigen robot en leer hem rijden, draaien en reageren met blokjes code op de tablet.',
      description:
        'In deze workshop in de bibliotheek bouw je in tweetallen een robot van bouwstenen, motoren en sensoren. ' +
        'Daarna programmeer je hem op de tablet: vooruit, draaien, stoppen voor een muur. ' +
        'Je hoeft niets te kunnen: iedereen kan meedoen. Alle materialen zijn aanwezig.',
      format: 'workshop', setting: 'out_of_school', minAge: 8, maxAge: 12, level: 'introduction', priceCents: 0,
      accessibility: ['wheelchair', 'adapted_toilet'], registrationMode: 'sign_up', themes: ['programmeren-digitaal'], topic: 'programmeren-digitaal#0',
      sessions: series(3, 3, 4, 7, () => [14, 0], 120, 12),
    },
    {
      ...common,
      organisation: maker,
      location: organisations[maker]!.locations[0]!,
      title: fixedTitles.robotClub,
      summary: 'Elke week grotere robots bouwen en slimmer programmeren, met sensoren, grijpers en wedstrijden.',
      description:
        'In de club kom je elke week samen met kinderen die al robots kunnen bouwen. ' +
        'Je ontwerpt je eigen robot, programmeert hem met sensoren en doet mee aan een wedstrijd aan het eind van de serie. ' +
        'Voor kinderen die al ervaring hebben en een echte uitdaging zoeken.',
      format: 'club', setting: 'out_of_school', minAge: 10, maxAge: 14, level: 'advanced', priceCents: 2500,
      priceNote: 'per serie van 10 weken', reductions: 'Gratis met de Stadspas',
      accessibility: ['wheelchair'], registrationMode: 'sign_up', themes: ['programmeren-digitaal'], topic: 'programmeren-digitaal#0',
      sessions: series(4, 4, 10, 7, () => [16, 0], 90, 14),
    },
    {
      ...common,
      organisation: garden,
      location: organisations[garden]!.locations[0]!,
      title: fixedTitles.stars,
      summary: 'Kijk met echte telescopen naar de maan, planeten en sterren in de donkere Natuurtuin.',
      description:
        'Als het donker is, zetten vrijwilligers telescopen klaar in de Natuurtuin. Je ziet kraters op de maan en, met geluk, de ringen van Saturnus. ' +
        'Ondertussen hoor je welke dieren ’s nachts wakker zijn. Bij bewolking is er een sterrenshow binnen. Loop binnen wanneer je wilt.',
      format: 'event', setting: 'out_of_school', minAge: 6, maxAge: 12, level: 'introduction', priceCents: 0,
      accessibility: ['wheelchair'], registrationMode: 'walk_in', themes: ['natuur-duurzaamheid', 'wetenschap-onderzoek'], topic: 'wetenschap-onderzoek#2',
      // Stargazing starts once it is dark: late in summer, early in winter.
      sessions: series(8, 5, 2, 28, (d) => (d.m >= 3 && d.m <= 7 ? [21, 0] : d.m === 2 || d.m === 8 ? [20, 0] : [19, 0]), 90, null),
    },
    {
      ...common,
      organisation: proeftuin,
      location: organisations[proeftuin]!.locations[0]!,
      title: fixedTitles.water,
      summary: 'Wat drijft en wat zinkt? Kleine onderzoekers spetteren, gieten en ontdekken wat water allemaal kan.',
      description:
        'Een workshop voor de jongste onderzoekers. Met bakken water, bekers, trechters en speelgoed onderzoek je wat drijft, wat zinkt en waar het water blijft. ' +
        'Trek kleren aan die nat mogen worden. Een ouder blijft erbij.',
      format: 'workshop', setting: 'out_of_school', minAge: 4, maxAge: 6, level: 'introduction', priceCents: 0,
      accessibility: ['wheelchair', 'low_stimulus'], registrationMode: 'sign_up', themes: ['wetenschap-onderzoek'], topic: 'wetenschap-onderzoek#0',
      sessions: series(5, 3, 3, 14, () => [14, 0], 60, 10),
    },
  ];
}

// ---- next steps ----

function planNextSteps(rnd: Random, activities: PlanActivity[], locations: PlanLocation[]): PlanNextStep[] {
  const steps: PlanNextStep[] = [];
  const pairs = new Set<string>();
  const positions = new Map<number, number>();
  const add = (from: number, to: number, kind: PlanNextStep['kind'], reason: string) => {
    const key = `${from}>${to}`;
    if (from === to || pairs.has(key)) return;
    pairs.add(key);
    const position = positions.get(from) ?? 0;
    positions.set(from, position + 1);
    steps.push({ from, to, kind, reason, position });
  };
  add(0, 1, 'deepen', robotNextStepReason);

  const published = activities.map((_, i) => i).filter((i) => activities[i]!.status === 'published');
  const cityOf = (a: PlanActivity) => (a.location === null ? 'online' : locations[a.location]!.city);
  const overlap = (a: PlanActivity, b: PlanActivity) => Math.min(a.maxAge, b.maxAge) - Math.max(a.minAge, b.minAge) + 1;
  const themeName = (slug: ThemeSlug) => defaultThemes.find((t) => t.slug === slug)!.name.toLowerCase();
  const best = (from: number, candidates: number[], score: (b: PlanActivity) => number): number | undefined => {
    let bestIndex: number | undefined;
    let bestScore = -Infinity;
    for (const i of candidates) {
      if (i === from || pairs.has(`${from}>${i}`)) continue;
      const s = score(activities[i]!) + rnd.next() * 2;
      if (s > bestScore) [bestIndex, bestScore] = [i, s];
    }
    return bestIndex;
  };

  for (const from of published) {
    const a = activities[from]!;
    const city = cityOf(a);
    const mainTheme = a.themes[0]!;
    const canJoin = published.filter((i) => activities[i]!.setting !== 'in_school');

    if (rnd.chance(0.6)) {
      const candidates = canJoin.filter((i) => {
        const b = activities[i]!;
        return (b.themes[0] === mainTheme || b.topic === a.topic) && levelRank[b.level] > levelRank[a.level] && overlap(a, b) >= 1;
      });
      const to = best(from, candidates, (b) =>
        (b.topic === a.topic ? 5 : 0) + (cityOf(b) === city ? 3 : 0) + (b.format === 'club' || b.format === 'course' ? 2 : 0));
      if (to !== undefined) {
        const b = activities[to]!;
        const list = b.format === 'club' ? nextStepReasons.deepenClub : b.format === 'course' ? nextStepReasons.deepenCourse : nextStepReasons.deepen;
        add(from, to, 'deepen', rnd.pick(list));
      }
    }

    if (rnd.chance(0.45)) {
      const candidates = canJoin.filter((i) => {
        const b = activities[i]!;
        const related = a.themes.includes(b.themes[0]!) || b.themes.includes(mainTheme);
        return b.themes[0] !== mainTheme && related && Math.abs(levelRank[b.level] - levelRank[a.level]) <= 1 && overlap(a, b) >= 2;
      });
      const to = best(from, candidates, (b) => (cityOf(b) === city ? 3 : 0));
      if (to !== undefined) {
        const theme = themeName(activities[to]!.themes[0]!);
        add(from, to, 'broaden', rnd.pick(nextStepReasons.broaden).replace('{theme}', theme));
      }
    }

    if (a.setting !== 'out_of_school' && rnd.chance(0.75)) {
      const candidates = published.filter((i) => {
        const b = activities[i]!;
        return b.level === 'introduction' && b.setting === 'out_of_school' && (b.registrationMode === 'walk_in' || b.priceCents === 0) &&
          overlap(a, b) >= 1 && cityOf(b) === city;
      });
      const to = best(from, candidates, (b) => (b.topic === a.topic ? 6 : 0) + (b.themes.some((t) => a.themes.includes(t)) ? 4 : 0));
      if (to !== undefined) {
        const b = activities[to]!;
        const list = b.registrationMode === 'walk_in' ? nextStepReasons.onRampWalkIn : b.priceCents === 0 ? nextStepReasons.onRampFree : nextStepReasons.onRamp;
        add(from, to, 'on_ramp', rnd.pick([...list, ...nextStepReasons.onRamp]));
      }
    }
  }
  return steps;
}

// ---------------------------------------------------------------------------
// Writing the plan.

const chunkSize = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) await insert(rows.slice(i, i + chunkSize));
}

/**
 * Loads the demo ecosystem `twente-demo` with invented data, in one
 * transaction. Does nothing if it already exists.
 */
export async function seedDemo(database: Database, options: SeedOptions = {}): Promise<{ created: boolean; ecosystemId: number }> {
  return database.transaction(async (tx) => {
    const existing = await tx.db.selectFrom('ecosystems').select('id').where('slug', '=', demoEcosystem.slug).executeTakeFirst();
    if (existing) return { created: false, ecosystemId: existing.id };
    const plan = planDemo(options);
    const ecosystemId = await writePlan(tx, plan);
    await seedDemoPeople(tx, ecosystemId);
    await seedDemoBadges(tx, ecosystemId);
    await seedDemoNetwork(tx, ecosystemId);
    await seedFinanceDemo(tx, ecosystemId, options.today ?? new Date());
    await seedDemoLearningPaths(tx, ecosystemId, options.today ?? new Date());
    await seedDemoSignups(tx, ecosystemId, options.today ?? new Date());
    return { created: true, ecosystemId };
  });
}

async function writePlan(tx: Tx, plan: DemoPlan): Promise<number> {
  const db = tx.db;
  const ecosystem = await createEcosystem(tx, {
    slug: demoEcosystem.slug,
    name: demoEcosystem.name,
    municipalities: [...demoEcosystem.municipalities],
    isDemo: true,
    settings: {},
  });
  const e = ecosystem.id;

  const themeRows = await db.selectFrom('themes').select(['id', 'slug']).where('ecosystem_id', '=', e).execute();
  const themeId = new Map(themeRows.map((t) => [t.slug, t.id]));

  const hoods = await db
    .insertInto('neighbourhoods')
    .values(plan.areas.map((a) => ({
      ecosystem_id: e,
      cbs_code: a.cbsCode,
      name: a.name,
      municipality: a.municipality,
      centroid_lat: a.lat,
      centroid_lng: a.lng,
      outline: JSON.stringify(hexagonOutline(a)),
      children_by_age: JSON.stringify({ '4-7': a.children[0], '8-11': a.children[1], '12-15': a.children[2], '16-18': a.children[3] }),
      ses_tier: a.sesTier,
    })))
    .returning(['id', 'cbs_code'])
    .execute();
  const hoodByCode = new Map(hoods.map((h) => [h.cbs_code, h.id]));
  const hoodId = (areaKey: string) => hoodByCode.get(areaByKey.get(areaKey)!.cbsCode)!;

  await db
    .insertInto('postcode_areas')
    .values(plan.postcodes.map((p) => ({ ecosystem_id: e, postcode: p.postcode, place: p.place, lat: p.lat, lng: p.lng, neighbourhood_id: hoodId(p.areaKey) })))
    .execute();

  // Rows come back in the order of VALUES; names are unique, which the check below relies on.
  const orgRows = await db
    .insertInto('organisations')
    .values(plan.organisations.map((o) => ({ ecosystem_id: e, name: o.name, sector: o.sector, description: o.description, website: o.website, email: o.email, phone: null })))
    .returning(['id', 'name'])
    .execute();
  const orgIds = orgRows.map((r, i) => {
    if (r.name !== plan.organisations[i]!.name) throw new Error('demo: organisations came back out of order');
    return r.id;
  });

  const locationRows = await db
    .insertInto('locations')
    .values(plan.locations.map((l) => ({
      ecosystem_id: e,
      organisation_id: orgIds[l.organisation]!,
      name: l.name,
      street: l.street,
      postcode: l.postcode,
      city: l.city,
      lat: l.lat,
      lng: l.lng,
      neighbourhood_id: hoodId(l.areaKey),
      is_school: l.isSchool,
    })))
    .returning('id')
    .execute();
  const locationIds = locationRows.map((r) => r.id);

  const activityIds: number[] = [];
  await insertChunked(plan.activities, async (chunk) => {
    const rows = await db
      .insertInto('activities')
      .values(chunk.map((a) => {
        const scheduled = a.sessions.filter((s) => s.status === 'scheduled');
        // Same rule as refreshLastSession: the latest end of a scheduled session.
        const last = scheduled.length > 0 ? new Date(Math.max(...scheduled.map((s) => s.endsAt.getTime()))) : null;
        return {
          ecosystem_id: e,
          organisation_id: orgIds[a.organisation]!,
          title: a.title,
          summary: a.summary,
          description: a.description,
          format: a.format,
          setting: a.setting,
          min_age: a.minAge,
          max_age: a.maxAge,
          school_groups: a.schoolGroups,
          level: a.level,
          price_cents: a.priceCents,
          price_note: a.priceNote,
          reductions: a.reductions,
          accessibility: a.accessibility,
          languages: a.languages,
          location_id: a.location === null ? null : locationIds[a.location]!,
          online: a.online,
          registration_mode: a.registrationMode,
          curriculum_goals: a.curriculumGoals,
          status: a.status,
          last_session_at: last,
          published_at: a.publishedAt,
          archived_at: a.archivedAt,
          created_at: a.createdAt,
          updated_at: a.archivedAt ?? a.publishedAt ?? a.createdAt,
        };
      }))
      .returning(['id', 'title'])
      .execute();
    rows.forEach((r, i) => {
      if (r.title !== chunk[i]!.title) throw new Error('demo: activities came back out of order');
      activityIds.push(r.id);
    });
  });
  const activityId = (index: number) => activityIds[index]!;

  const themeLinks = plan.activities.flatMap((a, i) => a.themes.map((slug) => ({ ecosystem_id: e, activity_id: activityId(i), theme_id: themeId.get(slug)! })));
  await insertChunked(themeLinks, (chunk) => db.insertInto('activity_themes').values(chunk).execute());

  const coProviders = plan.activities.flatMap((a, i) => a.coProviders.map((o) => ({ ecosystem_id: e, activity_id: activityId(i), organisation_id: orgIds[o]! })));
  if (coProviders.length > 0) await db.insertInto('activity_co_providers').values(coProviders).execute();

  const sessions = plan.activities.flatMap((a, i) =>
    a.sessions.map((s) => ({
      ecosystem_id: e,
      activity_id: activityId(i),
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      capacity: s.capacity,
      location_id: null,
      status: s.status,
      note: s.note,
    })),
  );
  await insertChunked(sessions, (chunk) => db.insertInto('sessions').values(chunk).execute());

  const steps = plan.nextSteps.map((s) => ({
    ecosystem_id: e,
    from_activity_id: activityId(s.from),
    to_activity_id: activityId(s.to),
    kind: s.kind,
    reason: s.reason,
    position: s.position,
  }));
  await insertChunked(steps, (chunk) => db.insertInto('next_steps').values(chunk).execute());
  return e;
}
