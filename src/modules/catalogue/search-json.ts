import type { SearchHit, SearchResult } from './queries/activity-search.js';

/**
 * The finder API's answer (`searchJson`, as `SearchOut` describes it) written
 * straight to UTF-8 bytes, for the one route that answers many different
 * searches a second. Serialising twenty hit objects into a string, and Node
 * then measuring and encoding that string, made up a large part of a search's
 * cost and most of its garbage; here the members of a hit that depend only on
 * the activity are encoded once and kept per activity, and an answer is those
 * bytes copied together with a few numbers between them. A test holds the
 * bytes to `searchJson` and to the schema.
 */
export function searchJsonBytes(result: SearchResult, themeSlugs: Map<number, string>, activityUrlPrefix: string): Buffer {
  length = 0;
  ascii(`{"total":${result.total},"totalCapped":${result.totalCapped},"page":${result.page},"perPage":${result.perPage},"items":[`);
  for (let n = 0; n < result.hits.length; n++) {
    const h = result.hits[n]!;
    if (n > 0) ascii(',');
    // Everything up to the distance is the activity's own: one copy, then the two members that depend on the search.
    bytes(leadBytes(h, themeSlugs, activityUrlPrefix));
    ascii(`${h.distanceKm === null ? 'null' : JSON.stringify(h.distanceKm)},"nextSessionAt":${h.nextSessionAt ? isoText(h.nextSessionAt) : 'null}'}`);
  }
  ascii(']}');
  return take();
}

// ---- writing: one answer at a time (writing is synchronous), into `scratch`

let scratch = Buffer.allocUnsafeSlow(64 * 1024);
let length = 0;

function room(extra: number): void {
  if (length + extra <= scratch.length) return;
  const bigger = Buffer.allocUnsafeSlow(Math.max(2 * scratch.length, length + extra));
  scratch.copy(bigger, 0, 0, length);
  scratch = bigger;
}

/** Text of ASCII characters only (numbers, punctuation, ISO dates, member names). */
function ascii(text: string): void {
  room(text.length);
  length += scratch.write(text, length, 'latin1');
}

function bytes(part: Uint8Array): void {
  room(part.length);
  scratch.set(part, length);
  length += part.length;
}

// Answers are handed out as slices of a larger block, as Node's own pool does
// for small buffers: one allocation per block rather than per answer.
const slabSize = 256 * 1024;
let slab = Buffer.allocUnsafeSlow(slabSize);
let slabUsed = 0;

/** The answer written so far, as a buffer of its own. */
function take(): Buffer {
  if (slabUsed + length > slab.length) {
    slab = Buffer.allocUnsafeSlow(Math.max(slabSize, length));
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + length);
  scratch.copy(out, 0, 0, length);
  // Next slice on an 8-byte boundary, as the pool does.
  slabUsed += (length + 7) & ~7;
  return out;
}

// ---- parts kept between answers

/** A hit's members from `{"id"` up to `"distanceKm":`, as UTF-8 JSON, and the values they were written from. */
interface Lead {
  title: string;
  summary: string;
  organisationName: string;
  format: string;
  setting: string;
  level: string;
  minAge: number;
  maxAge: number;
  priceCents: number;
  online: boolean;
  city: string | null;
  lat: number | null;
  lng: number | null;
  /** The index hands out one theme list per activity, and the tenancy one slug map per ecosystem: compared by identity. */
  themeIds: readonly number[];
  themeSlugs: Map<number, string>;
  urlPrefix: string;
  bytes: Buffer;
}

const leads = new Map<number, Lead>();
/**
 * Every activity on offer at national scale (100,000, bench:search): with fewer, searches that differ each time
 * kept writing parts out again after the map started over. About 0.7 kB each, so some 70 MB at that size.
 */
const leadsKept = 150_000;

function leadBytes(h: SearchHit, themeSlugs: Map<number, string>, urlPrefix: string): Buffer {
  const f = leads.get(h.id);
  // Written again whenever the activity changed (a new version of the offer, or a result from the SQL search).
  if (
    f && f.title === h.title && f.summary === h.summary && f.organisationName === h.organisationName && f.format === h.format &&
    f.setting === h.setting && f.level === h.level && f.minAge === h.minAge && f.maxAge === h.maxAge && f.priceCents === h.priceCents &&
    f.online === h.online && f.city === h.city && f.lat === h.lat && f.lng === h.lng && f.themeIds === h.themeIds &&
    f.themeSlugs === themeSlugs && f.urlPrefix === urlPrefix
  ) {
    return f.bytes;
  }
  const json = JSON.stringify;
  const themes = h.themeIds.map((id) => themeSlugs.get(id)).filter((s) => s !== undefined);
  const lead: Lead = {
    title: h.title, summary: h.summary, organisationName: h.organisationName, format: h.format, setting: h.setting, level: h.level,
    minAge: h.minAge, maxAge: h.maxAge, priceCents: h.priceCents, online: h.online, city: h.city, lat: h.lat, lng: h.lng,
    themeIds: h.themeIds, themeSlugs, urlPrefix,
    bytes: Buffer.from(
      `{"id":${h.id},"url":${json(`${urlPrefix}${h.id}`)},"title":${json(h.title)},"summary":${json(h.summary)},"organisation":${json(h.organisationName)},` +
        `"themes":${json(themes)},"format":${json(h.format)},"setting":${json(h.setting)},"level":${json(h.level)},"minAge":${json(h.minAge)},` +
        `"maxAge":${json(h.maxAge)},"priceCents":${json(h.priceCents)},"online":${json(h.online)},"city":${json(h.city)},"lat":${json(h.lat)},` +
        `"lng":${json(h.lng)},"distanceKm":`,
    ),
  };
  if (leads.size >= leadsKept) leads.clear();
  leads.set(h.id, lead);
  return lead.bytes;
}

const isoTexts = new Map<number, string>();

/** A moment as the JSON string ending a hit; sessions start at a few moments (on the hour), each written once. */
function isoText(at: Date): string {
  const ms = at.getTime();
  let text = isoTexts.get(ms);
  if (text === undefined) {
    if (isoTexts.size >= 10_000) isoTexts.clear();
    isoTexts.set(ms, (text = `"${at.toISOString()}"}`));
  }
  return text;
}
