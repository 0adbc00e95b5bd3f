import type { FieldProblem } from '../../core/errors.js';
import type { MessageKey } from '../../web/i18n/index.js';
import type { ActivityInput, LocationInput, OrganisationInput, ThemeInput } from './schemas.js';
import {
  accessibilityFeatures, formats, languages, levels, maxAge, minAge, nextStepKinds, registrationModes, schoolGroups, sectors, settings,
  type NextStepKind,
} from './vocabulary.js';

/**
 * Parsers for the management forms. A form posts strings (and lists of strings
 * for checkboxes); these turn them into command input, or into a specific
 * Dutch problem per field. The posted values go back to the form as typed, so
 * nobody has to type anything twice. Field names are the API's field names, so
 * a problem a command raises lands on the same field.
 */
export type FormValues = Record<string, string | string[] | undefined>;

export function formValue(raw: FormValues, name: string): string {
  const v = raw[name];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}

export function formValues(raw: FormValues, name: string): string[] {
  const v = raw[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
}

class Collector {
  readonly problems: FieldProblem[] = [];
  constructor(readonly raw: FormValues) {}

  add(field: string, key: MessageKey, params?: Record<string, string | number>): undefined {
    if (!this.problems.some((p) => p.field === field)) this.problems.push({ field, key, ...(params && { params }) });
    return undefined;
  }

  text(field: string, o: { max: number; required?: MessageKey }): string {
    const v = formValue(this.raw, field);
    if (o.required && v === '') this.add(field, o.required);
    else if (v.length > o.max) this.add(field, 'field.tooLong', { max: o.max });
    // Control characters (other than line breaks and tabs) have no place in a text field.
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) this.add(field, 'field.controlCharacters');
    return v;
  }

  integer(field: string, o: { min: number; max: number; key: MessageKey; required: boolean }): number | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return o.required ? this.add(field, o.key, { min: o.min, max: o.max }) : null;
    if (!/^\d{1,9}$/.test(v) || Number(v) < o.min || Number(v) > o.max) return this.add(field, o.key, { min: o.min, max: o.max });
    return Number(v);
  }

  choice<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return this.add(field, 'manage.field.choose');
    if (!(allowed as readonly string[]).includes(v)) return this.add(field, 'manage.field.choose');
    return v as T;
  }

  choices<T extends string>(field: string, allowed: readonly T[], o: { min?: MessageKey; max?: number } = {}): T[] {
    const v = [...new Set(formValues(this.raw, field))];
    const unknown = v.find((x) => !(allowed as readonly string[]).includes(x));
    if (unknown !== undefined) this.add(field, 'field.unknownValue', { value: unknown.slice(0, 40) });
    else if (o.min && v.length === 0) this.add(field, o.min);
    else if (o.max !== undefined && v.length > o.max) this.add(field, 'manage.field.tooManyChoices', { max: o.max });
    return v as T[];
  }

  checked(field: string): boolean {
    return formValue(this.raw, field) !== '';
  }

  day(field: string, required = true): string | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return required ? this.add(field, 'manage.field.date.required') : undefined;
    if (!isCalendarDay(v)) return this.add(field, 'field.invalidDate');
    return v;
  }

  time(field: string): string | undefined {
    const v = formValue(this.raw, field);
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(v);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return this.add(field, 'manage.field.time.invalid');
    return `${m[1]!.padStart(2, '0')}:${m[2]}`;
  }

  decimal(field: string, o: { min: number; max: number; key: MessageKey }): number | undefined {
    const v = formValue(this.raw, field).replace(',', '.');
    if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(v) || Number(v) < o.min || Number(v) > o.max) return this.add(field, o.key);
    return Number(v);
  }
}

/** A real calendar day written yyyy-mm-dd (2026-02-30 is not one). */
export function isCalendarDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

/** "7,50", "7.50", "€ 7" or "" (free) → cents. */
function parseEuros(c: Collector, field: string): number | undefined {
  const v = formValue(c.raw, field).replace(/^€\s*/, '');
  if (v === '') return 0;
  const m = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(v);
  if (!m) return c.add(field, 'manage.field.price.invalid');
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (cents > 1_000_000) return c.add(field, 'manage.field.price.invalid');
  return cents;
}

function ids(c: Collector, field: string, allowed: number[]): number[] {
  const v = [...new Set(formValues(c.raw, field))];
  const bad = v.find((x) => !/^\d{1,9}$/.test(x) || !allowed.includes(Number(x)));
  if (bad !== undefined) c.add(field, 'field.unknownValue', { value: bad.slice(0, 40) });
  return v.map(Number);
}

export interface ActivityFormContext {
  /** Organisations the new activity may belong to (ignored when editing). */
  organisationIds: number[];
  themeSlugs: string[];
  /** The active locations of the activity's organisation. */
  locationIds: number[];
  /** Other organisations that may be named as co-providers. */
  coProviderIds: number[];
  editing: boolean;
}

export type ActivityFormInput = Omit<ActivityInput, 'status'>;

/** The activity form → the fields of `createActivity`/`updateActivity`, or the problems. */
export function parseActivityForm(raw: FormValues, ctx: ActivityFormContext): { input?: ActivityFormInput; problems: FieldProblem[] } {
  const c = new Collector(raw);
  let organisationId = 0;
  if (!ctx.editing) {
    const v = formValue(raw, 'organisationId');
    if (!/^\d{1,9}$/.test(v) || !ctx.organisationIds.includes(Number(v))) c.add('organisationId', 'manage.field.organisation.choose');
    else organisationId = Number(v);
  }
  const title = c.text('title', { max: 200, required: 'manage.field.title.required' });
  const summary = c.text('summary', { max: 500 });
  const description = c.text('description', { max: 10000 });
  const themes = c.choices('themes', ctx.themeSlugs, { min: 'manage.field.themes.required', max: 6 });
  const format = c.choice('format', formats);
  const setting = c.choice('setting', settings);
  const ageRule = { min: minAge, max: maxAge, key: 'manage.field.age.invalid' as const, required: true };
  const min = c.integer('minAge', ageRule);
  const max = c.integer('maxAge', ageRule);
  if (typeof min === 'number' && typeof max === 'number' && max < min) c.add('maxAge', 'manage.field.age.order', { min });
  const groups = c.choices('schoolGroups', schoolGroups);
  const level = c.choice('level', levels);
  const priceCents = parseEuros(c, 'price');
  const priceNote = c.text('priceNote', { max: 300 });
  const reductions = c.text('reductions', { max: 300 });
  const accessibility = c.choices('accessibility', accessibilityFeatures);
  const langs = c.choices('languages', languages, { min: 'manage.field.languages.required' });
  const online = c.checked('online');
  let locationId: number | null = null;
  const loc = formValue(raw, 'locationId');
  if (loc !== '') {
    if (!/^\d{1,9}$/.test(loc) || !ctx.locationIds.includes(Number(loc))) c.add('locationId', 'manage.field.location.notOwn');
    else locationId = Number(loc);
  } else if (!online) c.add('locationId', 'manage.field.location.required');
  const registrationMode = c.choice('registrationMode', registrationModes);
  const goalsText = formValue(raw, 'curriculumGoals');
  const goals = goalsText === '' ? [] : [...new Set(goalsText.split(/[\s,;]+/).filter(Boolean).map((g) => g.toLowerCase()))];
  if (goals.some((g) => !/^[0-9]{1,3}[a-z]?$/.test(g))) c.add('curriculumGoals', 'manage.field.curriculumGoals.invalid');
  else if (goals.length > 30) c.add('curriculumGoals', 'manage.field.tooManyChoices', { max: 30 });
  const coProviderIds = ids(c, 'coProviderIds', ctx.coProviderIds);
  if (coProviderIds.length > 10) c.add('coProviderIds', 'manage.field.tooManyChoices', { max: 10 });

  if (c.problems.length > 0) return { problems: c.problems };
  return {
    problems: [],
    input: {
      organisationId, title, summary, description, themes, format: format!, setting: setting!, minAge: min!, maxAge: max!, schoolGroups: groups, level: level!,
      priceCents: priceCents!, priceNote, reductions, accessibility, languages: langs, locationId, online, registrationMode: registrationMode!,
      curriculumGoals: goals, coProviderIds,
    },
  };
}

export interface SessionForm {
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  note: string;
}

const capacityRule = { min: 1, max: 100_000, key: 'manage.field.capacity.invalid' as const, required: false };

/** One bijeenkomst: a day, a start and end time (Amsterdam time), places and a note. */
export function parseSessionForm(raw: FormValues): { input?: SessionForm; problems: FieldProblem[] } {
  const c = new Collector(raw);
  const day = c.day('date');
  const start = c.time('startTime');
  const end = c.time('endTime');
  if (start && end && end <= start) c.add('endTime', 'manage.field.time.order');
  const capacity = c.integer('capacity', capacityRule);
  const note = c.text('note', { max: 500 });
  if (c.problems.length > 0 || !day || !start || !end) return { problems: c.problems };
  return { problems: [], input: { startsAt: amsterdamInstant(day, start), endsAt: amsterdamInstant(day, end), capacity: capacity ?? null, note } };
}

export interface WeeklySeriesForm {
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: number;
  startTime: string;
  endTime: string;
  from: string;
  until: string;
  capacity: number | null;
  /** Days (yyyy-mm-dd) on which the series skips a week, such as school holidays. */
  skip: string[];
  note: string;
}

/** The weekly series form; whether the dates make sense together is the command's check. */
export function parseSeriesForm(raw: FormValues): { input?: WeeklySeriesForm; problems: FieldProblem[] } {
  const c = new Collector(raw);
  const weekday = c.integer('weekday', { min: 1, max: 7, key: 'manage.field.weekday.invalid', required: true });
  const startTime = c.time('startTime');
  const endTime = c.time('endTime');
  if (startTime && endTime && endTime <= startTime) c.add('endTime', 'manage.field.time.order');
  const from = c.day('from');
  const until = c.day('until');
  const capacity = c.integer('capacity', capacityRule);
  const note = c.text('note', { max: 500 });
  const skip: string[] = [];
  for (const item of formValue(raw, 'skip').split(/[\s,;]+/).filter(Boolean)) {
    if (!isCalendarDay(item)) {
      c.add('skip', 'manage.field.skip.invalid', { value: item.slice(0, 20) });
      break;
    }
    skip.push(item);
  }
  if (c.problems.length > 0) return { problems: c.problems };
  return { problems: [], input: { weekday: weekday!, startTime: startTime!, endTime: endTime!, from: from!, until: until!, capacity: capacity ?? null, skip, note } };
}

export function parseNextStepForm(raw: FormValues, candidateIds: number[]): { input?: { toActivityId: number; kind: NextStepKind; reason: string }; problems: FieldProblem[] } {
  const c = new Collector(raw);
  const to = formValue(raw, 'toActivityId');
  if (!/^\d{1,9}$/.test(to) || !candidateIds.includes(Number(to))) c.add('toActivityId', 'manage.field.nextStep.target');
  const kind = c.choice('kind', nextStepKinds);
  const reason = c.text('reason', { max: 300, required: 'manage.field.reason.required' });
  if (c.problems.length > 0) return { problems: c.problems };
  return { problems: [], input: { toActivityId: Number(to), kind: kind!, reason } };
}

export function parseOrganisationForm(raw: FormValues): { input?: OrganisationInput & { description: string }; problems: FieldProblem[] } {
  const c = new Collector(raw);
  const name = c.text('name', { max: 200, required: 'manage.field.name.required' });
  const sector = c.choice('sector', sectors);
  const description = c.text('description', { max: 5000 });
  const website = c.text('website', { max: 500 });
  if (website !== '' && !/^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i.test(website)) c.add('website', 'manage.field.website.invalid');
  const email = c.text('email', { max: 254 });
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) c.add('email', 'manage.field.email.invalid');
  const phone = c.text('phone', { max: 30 });
  if (phone !== '' && !/^[0-9 +()-]{6,30}$/.test(phone)) c.add('phone', 'manage.field.phone.invalid');
  if (c.problems.length > 0) return { problems: c.problems };
  return { problems: [], input: { name, sector: sector!, description, website: website || null, email: email || null, phone: phone || null } };
}

export function parseLocationForm(raw: FormValues, neighbourhoodIds: number[]): { input?: Omit<LocationInput, 'organisationId'>; problems: FieldProblem[] } {
  const c = new Collector(raw);
  const name = c.text('name', { max: 200, required: 'manage.field.name.required' });
  const street = c.text('street', { max: 200 });
  const postcode = c.text('postcode', { max: 10 });
  if (postcode !== '' && !/^[1-9][0-9]{3} ?[A-Za-z]{2}$/.test(postcode)) c.add('postcode', 'manage.field.postcode.invalid');
  const city = c.text('city', { max: 100 });
  const lat = c.decimal('lat', { min: 50.5, max: 53.8, key: 'manage.field.lat.invalid' });
  const lng = c.decimal('lng', { min: 3.2, max: 7.3, key: 'manage.field.lng.invalid' });
  const hood = formValue(raw, 'neighbourhoodId');
  let neighbourhoodId: number | null = null;
  if (hood !== '') {
    if (!/^\d{1,9}$/.test(hood) || !neighbourhoodIds.includes(Number(hood))) c.add('neighbourhoodId', 'manage.field.choose');
    else neighbourhoodId = Number(hood);
  }
  const isSchool = c.checked('isSchool');
  if (c.problems.length > 0) return { problems: c.problems };
  return { problems: [], input: { name, street, ...(postcode && { postcode }), city, lat: lat!, lng: lng!, neighbourhoodId, isSchool } };
}

export function parseThemeForm(raw: FormValues, o: { withSlug: boolean }): { input?: ThemeInput & { description: string; position: number }; problems: FieldProblem[] } {
  const c = new Collector(raw);
  let slug = '';
  if (o.withSlug) {
    slug = formValue(raw, 'slug');
    if (slug === '') c.add('slug', 'manage.field.slug.required');
    else if (slug.length > 60 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) c.add('slug', 'manage.field.slug.invalid');
  }
  const name = c.text('name', { max: 100, required: 'manage.field.name.required' });
  const description = c.text('description', { max: 1000 });
  const position = c.integer('position', { min: 0, max: 1000, key: 'manage.field.position.invalid', required: false });
  if (c.problems.length > 0) return { problems: c.problems };
  return { problems: [], input: { slug, name, description, position: position ?? 0 } };
}

// ---- Amsterdam time ----

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function amsterdamOffsetMs(instant: number): number {
  const parts = offsetFormat.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

/** A wall-clock day and time in the Netherlands (what a partner types) as an instant, summer time included. */
export function amsterdamInstant(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, h, mi);
  let t = naive - amsterdamOffsetMs(naive);
  t = naive - amsterdamOffsetMs(t);
  return new Date(t);
}

/** The wall-clock time in the Netherlands as hh:mm. */
export function amsterdamTime(instant: Date): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The calendar days from `from` to `until` (inclusive) that fall on the weekday. */
export function weeklyDays(weekday: number, from: string, until: string): string[] {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1, d));
  first.setUTCDate(first.getUTCDate() + ((weekday - isoWeekday(from) + 7) % 7));
  const days: string[] = [];
  for (const at = first; at.toISOString().slice(0, 10) <= until && days.length <= 1000; at.setUTCDate(at.getUTCDate() + 7)) {
    days.push(at.toISOString().slice(0, 10));
  }
  return days;
}
