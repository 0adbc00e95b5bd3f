import type { FieldProblem } from '../../../core/errors.js';
import { accessibilityFeatures, formats, maxAge, minAge } from '../vocabulary.js';

/** A finder query after checking its form; names and values are still the user's (theme slugs, postcode). */
export interface SearchParams {
  q: string | undefined;
  themes: string[];
  age: number | undefined;
  postcode: string | undefined;
  place: string | undefined;
  km: number;
  from: string | undefined;
  to: string | undefined;
  free: boolean;
  maxPriceCents: number | undefined;
  accessibility: string[];
  formats: string[];
  setting: 'in_school' | 'out_of_school' | undefined;
  sort: 'relevance' | 'date' | 'distance';
  page: number;
  perPage: number;
}

export type RawQuery = Record<string, string | string[] | undefined>;

export const searchLimits = {
  qMaxLength: 200,
  placeMaxLength: 100,
  maxPage: 500,
  maxPerPage: 100,
  defaultPerPage: 20,
  defaultKm: 10,
  maxValues: 10,
} as const;

const knownParams = new Set([
  'q', 'theme', 'age', 'postcode', 'place', 'km', 'from', 'to', 'price', 'maxPrice', 'access', 'format', 'setting', 'sort', 'page', 'perPage',
]);

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates found valid: a finder is asked about the same few hundred days over and over. */
const validDates = new Set<string>();

function validDate(value: string): boolean {
  if (validDates.has(value)) return true;
  const m = isoDate.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  const valid = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
  if (valid) {
    if (validDates.size >= 10_000) validDates.clear();
    validDates.add(value);
  }
  return valid;
}

/** Reads a query's parameters, noting problems with their form. */
class QueryReader {
  constructor(
    private readonly raw: RawQuery,
    readonly problems: FieldProblem[],
  ) {}

  /** A parameter that may be given more than once or comma-separated: distinct, trimmed values. */
  list(name: string): string[] {
    const v = this.raw[name];
    const values = (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    if (values.length > searchLimits.maxValues) {
      this.problems.push({ field: name, key: 'search.tooManyValues', params: { field: name, max: searchLimits.maxValues } });
      return [];
    }
    return [...new Set(values)];
  }

  /** A parameter given once (an empty repeat, as forms send, does not count). */
  single(name: string): string | undefined {
    const v = this.raw[name];
    if (Array.isArray(v)) {
      const filled = v.filter((s) => s.trim() !== '');
      if (filled.length > 1) {
        this.problems.push({ field: name, key: 'search.repeated', params: { field: name } });
        return undefined;
      }
      return filled[0]?.trim();
    }
    const s = v?.trim();
    return s === '' ? undefined : s;
  }
}

/** Up to six digits; NaN for anything else. */
function integerValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * Checks a finder query's form (not whether themes or postcodes exist: that
 * needs the ecosystem). Empty values count as absent, because an HTML form
 * sends every field. With `strict` (the API), unknown parameters are errors;
 * pages ignore them so that links with tracking parameters still work.
 */
export function parseSearchParams(raw: RawQuery, options: { strict: boolean }): { params: SearchParams; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const read = new QueryReader(raw, problems);

  if (options.strict) {
    for (const name of Object.keys(raw)) {
      if (!knownParams.has(name)) problems.push({ field: name, key: 'search.unknownParam', params: { field: name.slice(0, 40) } });
    }
  }

  let q = read.single('q');
  if (q !== undefined && q.length > searchLimits.qMaxLength) {
    problems.push({ field: 'q', key: 'search.q.tooLong', params: { max: searchLimits.qMaxLength } });
    q = undefined;
  }

  const themes = read.list('theme');
  for (const slug of themes) {
    if (!/^[a-z0-9-]{1,60}$/.test(slug)) problems.push({ field: 'theme', key: 'search.theme.unknown', params: { value: slug.slice(0, 60) } });
  }

  const ageText = read.single('age');
  let age = integerValue(ageText);
  if (age !== undefined && Number.isNaN(age)) {
    problems.push({ field: 'age', key: 'search.age.invalid' });
    age = undefined;
  } else if (age !== undefined && (age < minAge || age > maxAge)) {
    problems.push({ field: 'age', key: 'search.age.range' });
    age = undefined;
  }

  let postcode = read.single('postcode')?.toUpperCase().replace(/\s+/g, '');
  // People often type a full postcode; its four digits are what we need.
  if (postcode && /^[1-9]\d{3}[A-Z]{2}$/.test(postcode)) postcode = postcode.slice(0, 4);
  if (postcode !== undefined && !/^[1-9]\d{3}$/.test(postcode)) {
    problems.push({ field: 'postcode', key: 'search.postcode.invalid' });
    postcode = undefined;
  }
  let place = read.single('place');
  if (place !== undefined && place.length > searchLimits.placeMaxLength) {
    problems.push({ field: 'place', key: 'field.tooLong', params: { max: searchLimits.placeMaxLength } });
    place = undefined;
  }
  if (postcode && place) problems.push({ field: 'place', key: 'search.placeAndPostcode' });

  const kmText = read.single('km');
  let km: number = searchLimits.defaultKm;
  if (kmText !== undefined) {
    const n = integerValue(kmText);
    if (n === undefined || Number.isNaN(n) || n < 1 || n > 100) problems.push({ field: 'km', key: 'search.km.invalid' });
    else km = n;
  }

  const from = read.single('from');
  const to = read.single('to');
  if (from !== undefined && !validDate(from)) problems.push({ field: 'from', key: 'search.date.invalid' });
  if (to !== undefined && !validDate(to)) problems.push({ field: 'to', key: 'search.date.invalid' });
  if (from && to && validDate(from) && validDate(to)) {
    if (to < from) problems.push({ field: 'to', key: 'search.date.order' });
    else if (Date.parse(to) - Date.parse(from) > 2 * 366 * 86_400_000) problems.push({ field: 'to', key: 'search.date.span' });
  }

  const price = read.single('price');
  if (price !== undefined && price !== 'free' && price !== 'any') {
    problems.push({ field: 'price', key: 'field.unknownValue', params: { value: price.slice(0, 40) } });
  }
  const maxPriceText = read.single('maxPrice');
  let maxPriceCents: number | undefined;
  if (maxPriceText !== undefined) {
    const m = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(maxPriceText);
    if (!m) problems.push({ field: 'maxPrice', key: 'search.maxPrice.invalid' });
    else maxPriceCents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  }

  const accessibility = read.list('access');
  for (const value of accessibility) {
    if (!(accessibilityFeatures as readonly string[]).includes(value)) {
      problems.push({ field: 'access', key: 'field.unknownValue', params: { value: value.slice(0, 40) } });
    }
  }
  const formatValues = read.list('format');
  for (const value of formatValues) {
    if (!(formats as readonly string[]).includes(value)) {
      problems.push({ field: 'format', key: 'field.unknownValue', params: { value: value.slice(0, 40) } });
    }
  }
  const settingText = read.single('setting');
  let setting: SearchParams['setting'];
  if (settingText === 'in_school' || settingText === 'out_of_school') setting = settingText;
  else if (settingText !== undefined && settingText !== 'any') {
    problems.push({ field: 'setting', key: 'field.unknownValue', params: { value: settingText.slice(0, 40) } });
  }

  const hasOrigin = Boolean(postcode || place);
  const sortText = read.single('sort');
  let sort: SearchParams['sort'] = q ? 'relevance' : 'date';
  if (sortText !== undefined) {
    if (sortText !== 'relevance' && sortText !== 'date' && sortText !== 'distance') {
      problems.push({ field: 'sort', key: 'field.unknownValue', params: { value: sortText.slice(0, 40) } });
    } else if (sortText === 'distance' && !hasOrigin) {
      problems.push({ field: 'sort', key: 'search.distanceNeedsOrigin' });
    } else if (sortText === 'relevance' && !q) {
      // Without words every result is equally relevant; fall back to the date order quietly.
      sort = 'date';
    } else {
      sort = sortText;
    }
  }

  const pageText = read.single('page');
  let page = 1;
  if (pageText !== undefined) {
    const n = integerValue(pageText);
    if (n === undefined || Number.isNaN(n) || n < 1 || n > searchLimits.maxPage) {
      problems.push({ field: 'page', key: 'search.page.invalid', params: { max: searchLimits.maxPage } });
    } else page = n;
  }
  const perPageText = read.single('perPage');
  let perPage: number = searchLimits.defaultPerPage;
  if (perPageText !== undefined) {
    const n = integerValue(perPageText);
    if (n === undefined || Number.isNaN(n) || n < 1 || n > searchLimits.maxPerPage) {
      problems.push({ field: 'perPage', key: 'search.perPage.invalid', params: { max: searchLimits.maxPerPage } });
    } else perPage = n;
  }

  return {
    params: {
      q, themes, age, postcode, place, km, from, to, free: price === 'free', maxPriceCents,
      accessibility, formats: formatValues, setting, sort, page, perPage,
    },
    problems,
  };
}

/** The query string that reproduces these parameters (shareable; defaults left out). */
export function searchQueryString(p: Partial<SearchParams>, overrides: Partial<SearchParams> = {}): string {
  const s = { ...p, ...overrides };
  const out = new URLSearchParams();
  if (s.q) out.set('q', s.q);
  for (const theme of s.themes ?? []) out.append('theme', theme);
  if (s.age !== undefined) out.set('age', String(s.age));
  if (s.postcode) out.set('postcode', s.postcode);
  if (s.place) out.set('place', s.place);
  if ((s.postcode || s.place) && s.km !== undefined && s.km !== searchLimits.defaultKm) out.set('km', String(s.km));
  if (s.from) out.set('from', s.from);
  if (s.to) out.set('to', s.to);
  if (s.free) out.set('price', 'free');
  if (s.maxPriceCents !== undefined) out.set('maxPrice', (s.maxPriceCents / 100).toFixed(2).replace(/\.00$/, ''));
  for (const a of s.accessibility ?? []) out.append('access', a);
  for (const f of s.formats ?? []) out.append('format', f);
  if (s.setting) out.set('setting', s.setting);
  const defaultSort = s.q ? 'relevance' : 'date';
  if (s.sort && s.sort !== defaultSort) out.set('sort', s.sort);
  if (s.page && s.page > 1) out.set('page', String(s.page));
  if (s.perPage && s.perPage !== searchLimits.defaultPerPage) out.set('perPage', String(s.perPage));
  const text = out.toString();
  return text ? `?${text}` : '';
}
