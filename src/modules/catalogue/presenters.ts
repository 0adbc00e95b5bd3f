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
