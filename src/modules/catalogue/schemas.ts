import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, StringEnum } from '../../http/schemas.js';
import {
  accessibilityFeatures, formats, languages, levels, maxAge, minAge, nextStepKinds, registrationModes, schoolGroups, sectors, settings,
} from './vocabulary.js';

const Text = (max: number, description: string) => Type.String({ maxLength: max, description });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60, description: 'Korte naam in de URL: kleine letters, cijfers en streepjes' });
const Age = Type.Integer({ minimum: minAge, maximum: maxAge, description: `Leeftijd in jaren, ${minAge} tot en met ${maxAge}` });
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500, description: 'Webadres (http of https)' });
const Email = Type.String({ format: 'email', maxLength: 254, description: 'E-mailadres' });
const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'Breedtegraad (WGS84)' });
const Longitude = Type.Number({ minimum: -180, maximum: 180, description: 'Lengtegraad (WGS84)' });
const DateTime = Type.String({ format: 'date-time', description: 'Tijdstip volgens ISO 8601 met tijdzone' });

// ---- organisations ----
export const OrganisationInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Naam van de organisatie' }),
    sector: StringEnum(sectors, { description: 'Sector (PRODUCT.md): school, museum, bibliotheek, bedrijf …' }),
    description: Type.Optional(Text(5000, 'Korte beschrijving')),
    website: Type.Optional(Nullable(Url)),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30, pattern: '^[0-9 +()-]{6,30}$', description: 'Telefoonnummer' }))),
  },
  { additionalProperties: false },
);
export type OrganisationInput = Static<typeof OrganisationInput>;
export const OrganisationPatch = Type.Partial(OrganisationInput, { additionalProperties: false, minProperties: 1 });
export type OrganisationPatch = Static<typeof OrganisationPatch>;

export const Organisation = Type.Object({
  id: Id,
  name: Type.String(),
  sector: Type.String(),
  description: Type.String(),
  website: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  status: Type.String({ description: 'active of archived' }),
});

// ---- locations ----
export const LocationInput = Type.Object(
  {
    organisationId: Id,
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Naam van de plek' }),
    street: Type.Optional(Text(200, 'Straat en huisnummer')),
    postcode: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{3} ?[A-Za-z]{2}$', description: 'Postcode, bijvoorbeeld 7511 AB' })),
    city: Type.Optional(Text(100, 'Plaats')),
    lat: Latitude,
    lng: Longitude,
    neighbourhoodId: Type.Optional(Nullable(Id)),
    isSchool: Type.Optional(Type.Boolean({ description: 'Is dit een schoolvestiging?' })),
  },
  { additionalProperties: false },
);
export type LocationInput = Static<typeof LocationInput>;
export const LocationPatch = Type.Partial(Type.Omit(LocationInput, ['organisationId']), { additionalProperties: false, minProperties: 1 });
export type LocationPatch = Static<typeof LocationPatch>;

export const Location = Type.Object({
  id: Id,
  organisationId: Id,
  name: Type.String(),
  street: Type.String(),
  postcode: Type.String(),
  city: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  neighbourhoodId: Nullable(Id),
  isSchool: Type.Boolean(),
  status: Type.String(),
});

// ---- themes ----
export const ThemeInput = Type.Object(
  {
    slug: Slug,
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Naam van het thema' }),
    description: Type.Optional(Text(1000, 'Uitleg bij het thema')),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Volgorde in lijsten' })),
  },
  { additionalProperties: false },
);
export type ThemeInput = Static<typeof ThemeInput>;
export const ThemePatch = Type.Partial(Type.Omit(ThemeInput, ['slug']), { additionalProperties: false, minProperties: 1 });
export type ThemePatch = Static<typeof ThemePatch>;

export const Theme = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  status: Type.String(),
});

// ---- activities ----
const activityFields = {
  organisationId: Id,
  title: Type.String({ minLength: 1, maxLength: 200, description: 'Titel' }),
  summary: Type.Optional(Text(500, 'Eén zin over de activiteit')),
  description: Type.Optional(Text(10000, 'Volledige beschrijving')),
  themes: Type.Array(Slug, { minItems: 1, maxItems: 6, uniqueItems: true, description: 'Thema’s (slugs) van dit ecosysteem' }),
  format: StringEnum(formats, { description: 'Soort activiteit' }),
  setting: StringEnum(settings, { description: 'Binnen school, buiten school of allebei' }),
  minAge: Age,
  maxAge: Age,
  schoolGroups: Type.Optional(Type.Array(StringEnum(schoolGroups), { maxItems: 14, uniqueItems: true, description: 'Groepen po1–po8 en leerjaren vo1–vo6' })),
  level: StringEnum(levels, { description: 'Kennismaken, verdiepen of gevorderd' }),
  priceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Prijs in centen; 0 is gratis' })),
  priceNote: Type.Optional(Text(300, 'Toelichting op de prijs')),
  reductions: Type.Optional(Text(300, 'Kortingen, bijvoorbeeld met de Stadspas')),
  accessibility: Type.Optional(Type.Array(StringEnum(accessibilityFeatures), { maxItems: 10, uniqueItems: true, description: 'Toegankelijkheid' })),
  languages: Type.Optional(Type.Array(StringEnum(languages), { minItems: 1, maxItems: 8, uniqueItems: true, description: 'Talen' })),
  locationId: Type.Optional(Nullable(Id)),
  online: Type.Optional(Type.Boolean({ description: 'Vindt online plaats' })),
  registrationMode: StringEnum(registrationModes, { description: 'Vrije inloop, aanmelden (wie het eerst komt), loting of via school' }),
  curriculumGoals: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,3}[a-z]?$' }), { maxItems: 30, uniqueItems: true, description: 'SLO-kerndoelen, bijvoorbeeld "42"' })),
  coProviderIds: Type.Optional(Type.Array(Id, { maxItems: 10, uniqueItems: true, description: 'Andere organisaties die meedoen' })),
};

export const ActivityInput = Type.Object(
  { ...activityFields, status: Type.Optional(StringEnum(['draft', 'published'] as const, { description: 'Concept of meteen gepubliceerd' })) },
  { additionalProperties: false },
);
export type ActivityInput = Static<typeof ActivityInput>;
export const ActivityPatch = Type.Partial(Type.Object(activityFields), { additionalProperties: false, minProperties: 1 });
export type ActivityPatch = Static<typeof ActivityPatch>;

export const SessionOut = Type.Object({
  id: Id,
  startsAt: Type.String(),
  endsAt: Type.String(),
  capacity: Nullable(Type.Integer()),
  locationId: Nullable(Id),
  status: Type.String(),
  note: Type.String(),
});

export const NextStepOut = Type.Object({
  id: Id,
  toActivityId: Id,
  title: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
});

export const Activity = Type.Object({
  id: Id,
  url: Type.String(),
  organisation: Type.Object({ id: Id, name: Type.String() }),
  coProviders: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  title: Type.String(),
  summary: Type.String(),
  description: Type.String(),
  themes: Type.Array(Type.String()),
  format: Type.String(),
  setting: Type.String(),
  minAge: Type.Integer(),
  maxAge: Type.Integer(),
  schoolGroups: Type.Array(Type.String()),
  level: Type.String(),
  priceCents: Type.Integer(),
  priceNote: Type.String(),
  reductions: Type.String(),
  accessibility: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  location: Nullable(Location),
  online: Type.Boolean(),
  registrationMode: Type.String(),
  curriculumGoals: Type.Array(Type.String()),
  status: Type.String({ description: 'draft, submitted, returned, published of archived' }),
  reviewComment: Type.String({ description: 'Opmerking van de coördinator bij terugsturen' }),
  sessions: Type.Array(SessionOut),
  nextSteps: Type.Array(NextStepOut),
  updatedAt: Type.String(),
});

export const SearchHitOut = Type.Object({
  id: Id,
  url: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  organisation: Type.String(),
  themes: Type.Array(Type.String()),
  format: Type.String(),
  setting: Type.String(),
  level: Type.String(),
  minAge: Type.Integer(),
  maxAge: Type.Integer(),
  priceCents: Type.Integer(),
  online: Type.Boolean(),
  city: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  distanceKm: Nullable(Type.Number()),
  nextSessionAt: Nullable(Type.String()),
});

export const SearchOut = Type.Object({
  total: Type.Integer({ description: 'Aantal treffers (tot 10.000)' }),
  totalCapped: Type.Boolean({ description: 'Waar: er zijn meer dan 10.000 treffers' }),
  page: Type.Integer(),
  perPage: Type.Integer(),
  items: Type.Array(SearchHitOut),
});

/** Query parameters of the search; checked by `parseSearchParams` for specific messages, documented here. */
export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ description: 'Zoekwoorden (Nederlandse stemming; "robots" vindt "robot")' })),
    theme: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Thema-slug; mag vaker' })),
    age: Type.Optional(Type.String({ description: 'Leeftijd 4–18' })),
    postcode: Type.Optional(Type.String({ description: 'Vier cijfers van een postcode' })),
    place: Type.Optional(Type.String({ description: 'Plaats of wijk (in plaats van postcode)' })),
    km: Type.Optional(Type.String({ description: 'Afstand 1–100 km vanaf postcode of plaats (standaard 10)' })),
    from: Type.Optional(Type.String({ description: 'Vanaf datum (jjjj-mm-dd)' })),
    to: Type.Optional(Type.String({ description: 'Tot en met datum (jjjj-mm-dd)' })),
    price: Type.Optional(Type.String({ description: '"free" voor alleen gratis' })),
    maxPrice: Type.Optional(Type.String({ description: 'Maximumprijs in euro' })),
    access: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Toegankelijkheid; mag vaker' })),
    format: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Soort activiteit; mag vaker' })),
    setting: Type.Optional(Type.String({ description: 'in_school of out_of_school' })),
    sort: Type.Optional(Type.String({ description: 'relevance, date of distance' })),
    page: Type.Optional(Type.String({ description: 'Pagina 1–500' })),
    perPage: Type.Optional(Type.String({ description: 'Aantal per pagina 1–100' })),
  },
  { additionalProperties: true },
);

export const ReturnInput = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 2000, description: 'Wat de aanbieder moet aanpassen' }) },
  { additionalProperties: false },
);

// ---- sessions ----
export const SessionInput = Type.Object(
  {
    startsAt: DateTime,
    endsAt: DateTime,
    capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Aantal plaatsen; leeg is onbeperkt' }))),
    locationId: Type.Optional(Nullable(Id)),
    note: Type.Optional(Text(500, 'Opmerking bij deze bijeenkomst')),
  },
  { additionalProperties: false },
);
export type SessionInput = Static<typeof SessionInput>;
export const SessionPatch = Type.Partial(SessionInput, { additionalProperties: false, minProperties: 1 });
export type SessionPatch = Static<typeof SessionPatch>;

// ---- next steps ----
export const NextStepInput = Type.Object(
  {
    toActivityId: Id,
    kind: StringEnum(nextStepKinds, { description: 'deepen (verdiepen), broaden (verbreden) of on_ramp (tussenstap)' }),
    reason: Type.String({ minLength: 1, maxLength: 300, description: 'Waarom dit een goede volgende stap is' }),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type NextStepInput = Static<typeof NextStepInput>;
