import type { FieldProblem } from '../../core/errors.js';
import type { MessageKey } from '../../web/i18n/index.js';
import { formValue, isCalendarDay, type FormValues } from '../catalogue/forms.js';
import {
  agreementKinds, agreementStatuses, budgetCategories, contributionKinds, contributionStages, schoolTypes,
  type AgreementKind, type AgreementStatus, type BudgetCategory, type ContributionKind, type ContributionStage, type SchoolType,
} from './db/schema.js';
import { maxEntryCents, valueOf, type Value } from './finance-money.js';

/**
 * Parsers for the agreement and finance forms: posted strings in, command
 * input or a specific Dutch problem per field out. They check form and range
 * (a real date, an amount with at most two decimals, an end after the start);
 * the commands check what needs the database (ids, the grant's period, totals).
 */
export type { FormValues };

/** Highest amount per school location in a grant's rates: € 100.000. */
export const maxRateCents = 10_000_000;
/** Highest hourly rate: € 500, above any rate a partner could reasonably value an hour at. */
export const maxHourlyRateCents = 50_000;
/** At most 100.000 hours on one line (about fifty full-time years). */
export const maxHoursHundredths = 10_000_000;
/** A grant may run five years at most (the Techkwadraat grant runs three). */
export const maxGrantYears = 5;
/** The awarded grant: at most € 20 million. */
export const maxGrantCents = 2_000_000_000;

class Reader {
  readonly problems: FieldProblem[] = [];
  constructor(readonly raw: FormValues) {}

  add(field: string, key: MessageKey, params?: Record<string, string | number>): undefined {
    if (!this.problems.some((p) => p.field === field)) this.problems.push({ field, key, ...(params && { params }) });
    return undefined;
  }

  has(field: string): boolean {
    return this.problems.some((p) => p.field === field);
  }

  text(field: string, o: { max: number; required?: MessageKey }): string {
    const v = formValue(this.raw, field);
    if (o.required && v === '') this.add(field, o.required);
    else if (v.length > o.max) this.add(field, 'field.tooLong', { max: o.max });
    else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) this.add(field, 'field.controlCharacters');
    return v;
  }

  choice<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const v = formValue(this.raw, field);
    if (!(allowed as readonly string[]).includes(v)) return this.add(field, 'manage.field.choose');
    return v as T;
  }

  /** An id chosen from a list; the command checks that it exists in this ecosystem. */
  id(field: string, o: { required: boolean }): number | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return o.required ? this.add(field, 'manage.field.choose') : null;
    if (!/^[1-9]\d{0,9}$/.test(v) || Number(v) > 2_147_483_647) return this.add(field, 'manage.field.choose');
    return Number(v);
  }

  day(field: string, o: { required: boolean }): string | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return o.required ? this.add(field, 'manage.field.date.required') : null;
    if (!isCalendarDay(v)) return this.add(field, 'field.invalidDate');
    return v;
  }

  integer(field: string, o: { min: number; max: number; key: MessageKey }): number | undefined {
    const v = formValue(this.raw, field);
    if (!/^\d{1,9}$/.test(v) || Number(v) < o.min || Number(v) > o.max) return this.add(field, o.key, { min: o.min, max: o.max });
    return Number(v);
  }

  euros(field: string, o: { max: number; required: boolean; min?: number }): number | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return o.required ? this.add(field, 'finance.field.amount.required') : null;
    const parsed = parseEuros(v);
    if (typeof parsed === 'string') return this.add(field, parsed);
    if (parsed > o.max) return this.add(field, 'finance.field.amount.tooHigh', { max: euroText(o.max) });
    if (o.min !== undefined && parsed < o.min) return this.add(field, 'finance.field.amount.tooLow', { min: euroText(o.min) });
    return parsed;
  }

  hours(field: string): number | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return null;
    const parsed = parseHours(v);
    if (typeof parsed === 'string') return this.add(field, parsed);
    if (parsed > maxHoursHundredths) return this.add(field, 'finance.field.hours.tooHigh', { max: '100.000' });
    return parsed;
  }

  /**
   * An amount, or hours × hourly rate: exactly one of the two. Cash is always
   * an amount. The value may not pass the maximum of one entry.
   */
  value(o: { kind?: ContributionKind | undefined }): Value | undefined {
    const amount = this.euros('amount', { max: maxEntryCents, required: false });
    const hours = this.hours('hours');
    const rate = this.euros('hourlyRate', { max: maxHourlyRateCents, min: 1, required: false });
    if (this.has('amount') || this.has('hours') || this.has('hourlyRate')) return undefined;
    if (amount !== null && amount !== undefined) {
      if (hours !== null || rate !== null) return this.add('amount', 'finance.field.value.both');
      return { amountCents: amount };
    }
    if (o.kind === 'cash') return this.add('amount', 'finance.field.value.cashIsAmount');
    if (hours === null && rate === null) return this.add('amount', 'finance.field.value.missing');
    if (hours === null || hours === undefined) return this.add('hours', 'finance.field.hours.required');
    if (rate === null || rate === undefined) return this.add('hourlyRate', 'finance.field.hourlyRate.required');
    const value: Value = { hoursHundredths: hours, hourlyRateCents: rate };
    if (valueOf(value) > maxEntryCents) return this.add('hours', 'finance.field.value.tooHigh', { max: euroText(maxEntryCents) });
    return value;
  }
}

/** "€ 10.000.000" for a message. */
function euroText(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const whole = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${whole}${rest ? `,${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * An amount as a Dutch person types it, to cents: "1.250,50", "1250,5",
 * "€ 1.250", "12.50". A comma is the decimal sign and dots group thousands;
 * without a comma, a dot followed by one or two digits at the end is read as
 * the decimal sign (people paste "12.50"). Returns a message key when it is
 * not an amount: negative, more than two decimals, or not a number.
 */
export function parseEuros(text: string): number | MessageKey {
  const v = text.trim().replace(/^€\s*/, '').replace(/\s+/g, '');
  if (/^[-−]/.test(v)) return 'finance.field.amount.negative';
  let whole: string;
  let fraction = '';
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$/.exec(v);
  if (m) {
    whole = m[1]!;
    fraction = m[2]!;
  } else if ((m = /^(\d+)\.(\d{1,2})$/.exec(v))) {
    whole = m[1]!;
    fraction = m[2]!;
  } else if ((m = /^(\d{1,3}(?:\.\d{3})+|\d+)$/.exec(v))) {
    whole = m[1]!;
  } else if (/^\d+[.,]\d{3,}$/.test(v)) {
    return 'finance.field.amount.decimals';
  } else {
    return 'finance.field.amount.invalid';
  }
  if (fraction.length > 2) return 'finance.field.amount.decimals';
  const digits = whole.replace(/\./g, '');
  if (digits.length > 12) return 'finance.field.amount.invalid';
  return Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Hours with at most two decimals ("7,5", "7.25", "40") to hundredths of an hour; zero is no contribution. */
export function parseHours(text: string): number | MessageKey {
  const v = text.trim().replace(/\s*(uur|u)$/i, '');
  if (/^[-−]/.test(v)) return 'finance.field.hours.negative';
  const m = /^(\d{1,7})(?:[.,](\d+))?$/.exec(v);
  if (!m) return 'finance.field.hours.invalid';
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return 'finance.field.hours.decimals';
  const hundredths = Number(m[1]) * 100 + Number(fraction.padEnd(2, '0'));
  if (hundredths === 0) return 'finance.field.hours.zero';
  return hundredths;
}

/** Whole grant years from start to end: a period of 2026-08-01 to 2029-07-31 has three. */
export function grantYears(startsOn: string, endsOn: string): number {
  const [sy, sm, sd] = startsOn.split('-').map(Number) as [number, number, number];
  for (let n = 1; ; n++) {
    // The first day of year n+1; the period ends before it.
    const next = new Date(Date.UTC(sy + n, sm - 1, sd)).toISOString().slice(0, 10);
    if (endsOn < next || n >= 50) return n;
  }
}

/** The grant year (1, 2, …) a day falls in, counted from the start. */
export function grantYearOf(startsOn: string, day: string): number {
  return day < startsOn ? 0 : grantYears(startsOn, day);
}

/** The last day a grant of this start may end on: five years minus a day after it. */
export function latestGrantEnd(startsOn: string): string {
  const [y, m, d] = startsOn.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + maxGrantYears, m - 1, d)).toISOString().slice(0, 10);
}

function endAfterStart(r: Reader, start: string | null | undefined, end: string | null | undefined, field = 'endsOn'): void {
  if (start && end && end <= start) r.add(field, 'finance.field.endsOn.beforeStart');
}

const todayIso = (now: Date) => now.toISOString().slice(0, 10);

// ---- agreements ----

export interface AgreementInput {
  title: string;
  kind: AgreementKind;
  status: AgreementStatus;
  startsOn: string;
  endsOn: string | null;
  reminderDays: number;
  documentUrl: string | null;
  notes: string;
}

export function parseAgreementForm(raw: FormValues): { input?: AgreementInput; problems: FieldProblem[] } {
  const r = new Reader(raw);
  const title = r.text('title', { max: 200, required: 'finance.field.title.required' });
  const kind = r.choice('kind', agreementKinds);
  const status = r.choice('status', agreementStatuses);
  const startsOn = r.day('startsOn', { required: true });
  const endsOn = r.day('endsOn', { required: false });
  endAfterStart(r, startsOn, endsOn);
  if (status === 'ended' && endsOn === null) r.add('endsOn', 'finance.field.endsOn.requiredWhenEnded');
  const reminderText = formValue(raw, 'reminderDays');
  const reminderDays = reminderText === '' ? 60 : r.integer('reminderDays', { min: 1, max: 365, key: 'finance.field.reminderDays.invalid' });
  const url = r.text('documentUrl', { max: 500 });
  if (url !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url)) r.add('documentUrl', 'manage.field.website.invalid');
  const notes = r.text('notes', { max: 5000 });
  if (r.problems.length > 0) return { problems: r.problems };
  return {
    input: { title, kind: kind!, status: status!, startsOn: startsOn!, endsOn: endsOn ?? null, reminderDays: reminderDays!, documentUrl: url || null, notes },
    problems: [],
  };
}

export interface SignatoryInput {
  organisationId: number;
  personName: string;
  personFunction: string;
  signedOn: string | null;
}

export function parseSignatoryForm(raw: FormValues, now = new Date()): { input?: SignatoryInput; problems: FieldProblem[] } {
  const r = new Reader(raw);
  // Its own field name: the agreement page has the contribution form, with its own organisation field, beside it.
  const organisationId = r.id('signatoryOrganisation', { required: true });
  const personName = r.text('personName', { max: 200, required: 'finance.field.personName.required' });
  const personFunction = r.text('personFunction', { max: 200 });
  const signedOn = r.day('signedOn', { required: false });
  if (signedOn && signedOn > todayIso(now)) r.add('signedOn', 'finance.field.signedOn.future');
  if (r.problems.length > 0) return { problems: r.problems };
  return { input: { organisationId: organisationId!, personName, personFunction, signedOn: signedOn ?? null }, problems: [] };
}

// ---- grants ----

export interface GrantInput {
  name: string;
  startsOn: string;
  endsOn: string;
  cofinancingPart: number;
  grantPart: number;
  awardedCents: number | null;
  notes: string;
  /** Amount per participating location, per school type; a type left empty is not counted. */
  rates: Partial<Record<SchoolType, number>>;
}

export const rateField = (type: SchoolType) => `rate-${type}`;

export function parseGrantForm(raw: FormValues): { input?: GrantInput; problems: FieldProblem[] } {
  const r = new Reader(raw);
  const name = r.text('name', { max: 200, required: 'manage.field.name.required' });
  const startsOn = r.day('startsOn', { required: true });
  const endsOn = r.day('endsOn', { required: true });
  endAfterStart(r, startsOn, endsOn);
  if (startsOn && endsOn && endsOn > startsOn && endsOn >= latestGrantEnd(startsOn)) r.add('endsOn', 'finance.field.grantPeriod.tooLong', { years: maxGrantYears });
  const cofinancingPart = r.integer('cofinancingPart', { min: 1, max: 100, key: 'finance.field.ratio.invalid' });
  const grantPart = r.integer('grantPart', { min: 1, max: 100, key: 'finance.field.ratio.invalid' });
  const awardedCents = r.euros('awarded', { max: maxGrantCents, required: false });
  const notes = r.text('notes', { max: 5000 });
  const rates: Partial<Record<SchoolType, number>> = {};
  for (const type of schoolTypes) {
    const cents = r.euros(rateField(type), { max: maxRateCents, required: false });
    if (typeof cents === 'number') rates[type] = cents;
  }
  if (r.problems.length > 0) return { problems: r.problems };
  return {
    input: { name, startsOn: startsOn!, endsOn: endsOn!, cofinancingPart: cofinancingPart!, grantPart: grantPart!, awardedCents: awardedCents ?? null, notes, rates },
    problems: [],
  };
}

// ---- budget lines ----

export interface BudgetLineInput {
  category: BudgetCategory;
  name: string;
  /** Planned cents per grant year: index 0 is year 1. */
  planned: number[];
}

export const plannedField = (year: number) => `planned${year}`;

/** `years`: how many years the grant has (the form shows one field per year). */
export function parseBudgetLineForm(raw: FormValues, years: number): { input?: BudgetLineInput; problems: FieldProblem[] } {
  const r = new Reader(raw);
  const category = r.choice('category', budgetCategories);
  const name = r.text('name', { max: 200, required: 'finance.field.budgetName.required' });
  const planned: number[] = [];
  for (let year = 1; year <= years; year++) planned.push(r.euros(plannedField(year), { max: maxEntryCents, required: false }) ?? 0);
  if (r.problems.length > 0) return { problems: r.problems };
  return { input: { category: category!, name, planned }, problems: [] };
}

// ---- contributions ----

export interface ContributionInput {
  organisationId: number;
  agreementId: number | null;
  grantId: number | null;
  stage: ContributionStage;
  kind: ContributionKind;
  description: string;
  value: Value;
  datedOn: string | null;
}

export function parseContributionForm(raw: FormValues, now = new Date()): { input?: ContributionInput; problems: FieldProblem[] } {
  const r = new Reader(raw);
  const organisationId = r.id('organisationId', { required: true });
  const agreementId = r.id('agreementId', { required: false });
  const grantId = r.id('grantId', { required: false });
  const stage = r.choice('stage', contributionStages);
  const kind = r.choice('kind', contributionKinds);
  const description = r.text('description', { max: 1000, required: kind === 'cash' ? undefined : 'finance.field.description.required' });
  const value = r.value({ kind });
  const datedOn = r.day('datedOn', { required: stage === 'realisation' });
  if (stage === 'realisation' && datedOn && datedOn > todayIso(now)) r.add('datedOn', 'finance.field.realisedOn.future');
  if (r.problems.length > 0) return { problems: r.problems };
  return {
    input: { organisationId: organisationId!, agreementId: agreementId ?? null, grantId: grantId ?? null, stage: stage!, kind: kind!, description, value: value!, datedOn: datedOn ?? null },
    problems: [],
  };
}

// ---- expenses ----

export interface ExpenseInput {
  budgetLineId: number;
  spentOn: string;
  description: string;
  organisationId: number | null;
  reference: string;
  value: Value;
}

export function parseExpenseForm(raw: FormValues): { input?: ExpenseInput; problems: FieldProblem[] } {
  const r = new Reader(raw);
  const budgetLineId = r.id('budgetLineId', { required: true });
  const spentOn = r.day('spentOn', { required: true });
  const description = r.text('description', { max: 500, required: 'finance.field.description.required' });
  const organisationId = r.id('organisationId', { required: false });
  const reference = r.text('reference', { max: 100 });
  const value = r.value({});
  if (r.problems.length > 0) return { problems: r.problems };
  return { input: { budgetLineId: budgetLineId!, spentOn: spentOn!, description, organisationId: organisationId ?? null, reference, value: value! }, problems: [] };
}
