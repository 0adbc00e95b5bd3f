import type { Static } from '@sinclair/typebox';
import type { Location, Organisation, Session, Theme } from './db/schema.js';
import type { ActivityDetail } from './queries/activity-reader.js';
import type { SearchHit, SearchResult } from './queries/activity-search.js';
import type * as S from './schemas.js';

/** API and JSON-LD shapes of catalogue rows: camelCase, ISO dates, absolute URLs. */

export function organisationJson(o: Organisation): Static<typeof S.Organisation> {
  return { id: o.id, name: o.name, sector: o.sector, description: o.description, website: o.website, email: o.email, phone: o.phone, status: o.status };
}

export function locationJson(l: Location): Static<typeof S.Location> {
  return {
    id: l.id,
    organisationId: l.organisation_id,
    name: l.name,
    street: l.street,
    postcode: l.postcode,
    city: l.city,
    lat: l.lat,
    lng: l.lng,
    neighbourhoodId: l.neighbourhood_id,
    isSchool: l.is_school,
    status: l.status,
  };
}

export function themeJson(t: Pick<Theme, 'id' | 'slug' | 'name' | 'description' | 'position' | 'status'>): Static<typeof S.Theme> {
  return { id: t.id, slug: t.slug, name: t.name, description: t.description, position: t.position, status: t.status };
}

export function sessionJson(s: Session): Static<typeof S.SessionOut> {
  return {
    id: s.id,
    startsAt: s.starts_at.toISOString(),
    endsAt: s.ends_at.toISOString(),
    capacity: s.capacity,
    locationId: s.location_id,
    status: s.status,
    note: s.note,
  };
}

export function activityJson(d: ActivityDetail, url: string): Static<typeof S.Activity> {
  const a = d.activity;
  return {
    id: a.id,
    url,
    organisation: { id: d.organisation.id, name: d.organisation.name },
    coProviders: d.coProviders,
    title: a.title,
    summary: a.summary,
    description: a.description,
    themes: d.themes.map((t) => t.slug),
    format: a.format,
    setting: a.setting,
    minAge: a.min_age,
    maxAge: a.max_age,
    schoolGroups: a.school_groups,
    level: a.level,
    priceCents: a.price_cents,
    priceNote: a.price_note,
    reductions: a.reductions,
    accessibility: a.accessibility,
    languages: a.languages,
    location: d.location ? locationJson(d.location) : null,
    online: a.online,
    registrationMode: a.registration_mode,
    curriculumGoals: a.curriculum_goals,
    status: a.status,
    reviewComment: a.review_comment,
    sessions: d.sessions.map(sessionJson),
    nextSteps: d.nextSteps.map((n) => ({ id: n.id, toActivityId: n.to_activity_id, title: n.title, kind: n.kind, reason: n.reason })),
    updatedAt: a.updated_at.toISOString(),
  };
}

export function searchJson(
  result: SearchResult,
  themeSlugs: Map<number, string>,
  activityUrl: (id: number) => string,
): Static<typeof S.SearchOut> {
  return {
    total: result.total,
    totalCapped: result.totalCapped,
    page: result.page,
    perPage: result.perPage,
    items: result.hits.map((h: SearchHit) => ({
      id: h.id,
      url: activityUrl(h.id),
      title: h.title,
      summary: h.summary,
      organisation: h.organisationName,
      themes: h.themeIds.map((id) => themeSlugs.get(id)).filter((s): s is string => s !== undefined),
      format: h.format,
      setting: h.setting,
      level: h.level,
      minAge: h.minAge,
      maxAge: h.maxAge,
      priceCents: h.priceCents,
      online: h.online,
      city: h.city,
      lat: h.lat,
      lng: h.lng,
      distanceKm: h.distanceKm,
      nextSessionAt: h.nextSessionAt ? new Date(h.nextSessionAt).toISOString() : null,
    })),
  };
}

/**
 * The members of a search hit that depend only on the activity (from title
 * to lng, in `SearchHitOut`'s order) as JSON text, and the values they were
 * written from.
 */
interface FixedText {
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
  /** `"title":…,"summary":…,"organisation":…` */
  head: string;
  /** `"format":…` through `"lng":…` */
  tail: string;
}

const fixedTexts = new Map<number, FixedText>();
/** More than the activities a finder shows often; beyond it the map starts again. */
const fixedTextsKept = 50_000;
const themeTexts = new WeakMap<Map<number, string>, WeakMap<readonly number[], string>>();

function fixedText(h: SearchHit): FixedText {
  const t = fixedTexts.get(h.id);
  // Written again whenever the activity changed (a new version of the offer, or a result from the SQL search).
  if (
    t && t.title === h.title && t.summary === h.summary && t.organisationName === h.organisationName && t.format === h.format &&
    t.setting === h.setting && t.level === h.level && t.minAge === h.minAge && t.maxAge === h.maxAge && t.priceCents === h.priceCents &&
    t.online === h.online && t.city === h.city && t.lat === h.lat && t.lng === h.lng
  ) {
    return t;
  }
  const json = JSON.stringify;
  const text: FixedText = {
    title: h.title, summary: h.summary, organisationName: h.organisationName, format: h.format, setting: h.setting, level: h.level,
    minAge: h.minAge, maxAge: h.maxAge, priceCents: h.priceCents, online: h.online, city: h.city, lat: h.lat, lng: h.lng,
    head: `"title":${json(h.title)},"summary":${json(h.summary)},"organisation":${json(h.organisationName)}`,
    tail:
      `"format":${json(h.format)},"setting":${json(h.setting)},"level":${json(h.level)},"minAge":${h.minAge},"maxAge":${h.maxAge},` +
      `"priceCents":${h.priceCents},"online":${h.online},"city":${json(h.city)},"lat":${json(h.lat)},"lng":${json(h.lng)}`,
  };
  if (fixedTexts.size >= fixedTextsKept) fixedTexts.clear();
  fixedTexts.set(h.id, text);
  return text;
}

/** A hit's theme slugs as JSON, kept per theme list: the index hands out one list per activity. */
function themesText(themeSlugs: Map<number, string>, themeIds: number[]): string {
  let texts = themeTexts.get(themeSlugs);
  if (!texts) themeTexts.set(themeSlugs, (texts = new WeakMap()));
  let text = texts.get(themeIds);
  if (text === undefined) texts.set(themeIds, (text = JSON.stringify(themeIds.map((id) => themeSlugs.get(id)).filter((s) => s !== undefined))));
  return text;
}

/**
 * `searchJson` written straight to JSON text (the same members in the same
 * order), for the finder API, which answers many different searches: the
 * members of a hit that depend only on the activity are written once and
 * kept per activity, so a page costs a few concatenations rather than
 * building and serialising twenty objects. `activityUrlPrefix` + id is a hit's URL.
 */
export function searchJsonText(result: SearchResult, themeSlugs: Map<number, string>, activityUrlPrefix: string): string {
  // The prefix's JSON without its closing quote: the id and the quote follow.
  const urlHead = JSON.stringify(activityUrlPrefix).slice(0, -1);
  let text = `{"total":${result.total},"totalCapped":${result.totalCapped},"page":${result.page},"perPage":${result.perPage},"items":[`;
  for (let n = 0; n < result.hits.length; n++) {
    const h = result.hits[n]!;
    const fixed = fixedText(h);
    text +=
      `${n === 0 ? '' : ','}{"id":${h.id},"url":${urlHead}${h.id}",${fixed.head},"themes":${themesText(themeSlugs, h.themeIds)},${fixed.tail}` +
      `,"distanceKm":${h.distanceKm === null ? 'null' : JSON.stringify(h.distanceKm)},"nextSessionAt":${h.nextSessionAt ? isoText(h.nextSessionAt) : 'null'}}`;
  }
  return `${text}]}`;
}

const isoTexts = new Map<number, string>();

/** A moment as a JSON string; sessions start at a few moments (on the hour), each written once. */
function isoText(at: Date): string {
  const ms = at.getTime();
  let text = isoTexts.get(ms);
  if (text === undefined) {
    if (isoTexts.size >= 10_000) isoTexts.clear();
    isoTexts.set(ms, (text = `"${at.toISOString()}"`));
  }
  return text;
}

/**
 * schema.org Event for an activity page, so search engines and aggregators
 * (OpenActive-style consumers) can read dates, place, price and ages.
 * Each upcoming session is a sub-event; the first is the event's own date.
 */
export function activityJsonLd(d: ActivityDetail, url: string, now: Date): Record<string, unknown> {
  const a = d.activity;
  const upcoming = d.sessions.filter((s) => s.status === 'scheduled' && s.ends_at >= now);
  const place = d.location
    ? {
        '@type': 'Place',
        name: d.location.name,
        address: {
          '@type': 'PostalAddress',
          streetAddress: d.location.street,
          postalCode: d.location.postcode,
          addressLocality: d.location.city,
          addressCountry: 'NL',
        },
        geo: { '@type': 'GeoCoordinates', latitude: d.location.lat, longitude: d.location.lng },
      }
    : undefined;
  const online = a.online ? { '@type': 'VirtualLocation', url } : undefined;
  const first = upcoming[0];
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': url,
    url,
    name: a.title,
    description: a.summary || a.description,
    ...(first && { startDate: first.starts_at.toISOString(), endDate: first.ends_at.toISOString() }),
    eventStatus: a.status === 'archived' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: a.online
      ? place
        ? 'https://schema.org/MixedEventAttendanceMode'
        : 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    location: place && online ? [place, online] : (place ?? online),
    organizer: {
      '@type': 'Organization',
      name: d.organisation.name,
      ...(d.organisation.website && { url: d.organisation.website }),
    },
    ...(d.coProviders.length > 0 && { contributor: d.coProviders.map((c) => ({ '@type': 'Organization', name: c.name })) }),
    typicalAgeRange: `${a.min_age}-${a.max_age}`,
    inLanguage: a.languages,
    isAccessibleForFree: a.price_cents === 0,
    offers: {
      '@type': 'Offer',
      price: (a.price_cents / 100).toFixed(2),
      priceCurrency: 'EUR',
      url,
      availability: upcoming.length > 0 || d.sessions.length === 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
    },
    about: d.themes.map((t) => ({ '@type': 'Thing', name: t.name })),
    ...(upcoming.length > 1 && {
      subEvent: upcoming.slice(0, 20).map((s) => ({
        '@type': 'Event',
        name: a.title,
        startDate: s.starts_at.toISOString(),
        endDate: s.ends_at.toISOString(),
        ...(s.capacity !== null && { maximumAttendeeCapacity: s.capacity }),
      })),
    }),
  };
}
