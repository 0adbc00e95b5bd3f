import type { Tx } from '../../../db/database.js';
import { audited } from './manage-helpers.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { ErrorResponse, IdParams, withErrors } from '../../../http/schemas.js';
import { documentOnly } from '../../../http/validation.js';
import * as activities from '../commands/activity-commands.js';
import * as organisations from '../commands/organisation-commands.js';
import * as sessions from '../commands/session-commands.js';
import * as themes from '../commands/theme-commands.js';
import { authorize, can, canSeeActivity, type CatalogueAction } from '../policies.js';
import { activityJson, locationJson, organisationJson, sessionJson, themeJson } from '../presenters.js';
import { searchJsonBytes } from '../search-json.js';
import { readActivity, listThemes } from '../queries/activity-reader.js';
import { findLocation, findOrganisation, listLocations, listOrganisations, ownerOf } from '../queries/directory.js';
import type { SearchResult } from '../queries/activity-search.js';
import { parseSearchParams, type RawQuery, type SearchParams } from '../queries/search-params.js';
import * as S from '../schemas.js';

const security = [{ adminToken: [] }];
const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Pagina' })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Aantal per pagina' })),
  },
  { additionalProperties: false },
);
const LocationListQuery = Type.Object(
  {
    ...ListQuery.properties,
    organisationId: Type.Optional(S.Location.properties.organisationId),
    school: Type.Optional(Type.Boolean({ description: 'Alleen schoollocaties (true) of alleen andere (false)' })),
  },
  { additionalProperties: false },
);

/** The absolute address of a page in this ecosystem, as the caller reached it. */
export function absoluteUrl(request: FastifyRequest, path: string): string {
  return `${request.protocol}://${request.host}${request.basePath}${path}`;
}

/**
 * Search answers already serialised, per result object and the address prefix
 * and theme slugs they were written with. The index store hands out the same
 * result object for a repeated query (for as long as it is valid), so popular
 * searches skip presenting and serialising too.
 */
const serialisedSearches = new WeakMap<SearchResult, { prefix: string; themes: Map<number, string>; body: Buffer }>();

/** Valid search queries already checked, by their query string (checking is a pure function of it). */
const checkedQueries = new Map<string, SearchParams>();
const checkedQueriesSize = 1_000;

function checkSearchQuery(request: FastifyRequest): { params: SearchParams; problems: FieldProblem[] } {
  const mark = request.url.indexOf('?');
  const queryString = mark === -1 ? '' : request.url.slice(mark + 1);
  const known = checkedQueries.get(queryString);
  if (known) return { params: known, problems: [] };
  const checked = parseSearchParams(request.query as RawQuery, { strict: true });
  if (checked.problems.length === 0) {
    if (checkedQueries.size >= checkedQueriesSize) checkedQueries.clear();
    checkedQueries.set(queryString, checked.params);
  }
  return checked;
}

/** Checks the action on the organisation that owns a row; a row outside this ecosystem is not found. */
async function authorizeOn(
  request: FastifyRequest,
  action: CatalogueAction,
  kind: 'activity' | 'session' | 'nextStep' | 'location',
  id: number,
): Promise<void> {
  const organisationId = await ownerOf(request.server.ctx.database.db, request.ecosystem.id, kind, id);
  if (organisationId === undefined) throw errors.notFound(kind);
  authorize(request.actor, action, { ecosystemId: request.ecosystem.id, organisationId });
}

function readsAll(request: FastifyRequest): boolean {
  return can(request.actor, 'catalogue.readUnpublished', { ecosystemId: request.ecosystem.id });
}

/** The catalogue's JSON API, inside one ecosystem: `/e/<slug>/api/v1/…`. Handlers are thin: check, command, present. */
export async function catalogueApi(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  async function activityResponse(request: FastifyRequest, id: number) {
    const detail = await readActivity(db, request.ecosystem.id, id);
    if (!detail || !canSeeActivity(request.actor, detail.activity)) throw errors.notFound('activity');
    return activityJson(detail, absoluteUrl(request, `/activiteiten/${id}`));
  }

  // ---- activities ----
  app.get(
    '/api/v1/activities',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Zoek gepubliceerde activiteiten',
        description:
          'Dezelfde zoekopdracht als de wegwijzer. Onbekende opties, leeftijden buiten 4–18, onjuiste postcodes en paginanummers geven 400 met een uitleg per veld.',
        querystring: S.SearchQuery,
        response: withErrors({ 200: S.SearchOut }),
      },
      // parseSearchParams checks the query with a specific message per mistake.
      validatorCompiler: documentOnly,
    },
    async (request, reply) => {
      const { params, problems } = checkSearchQuery(request);
      if (problems.length > 0) throw errors.invalidInput(problems);
      const { resolved, problems: notFound } = await request.server.ctx.offerIndex.resolve(request.ecosystem.id, params);
      if (notFound.length > 0) throw errors.invalidInput(notFound);
      const [result, themeRows] = await Promise.all([
        request.server.ctx.offerIndex.search(request.ecosystem.id, resolved),
        request.server.ctx.ecosystems.themeSlugs(request.ecosystem.id),
      ]);
      const prefix = absoluteUrl(request, '/activiteiten/');
      let cached = serialisedSearches.get(result);
      if (!cached || cached.prefix !== prefix || cached.themes !== themeRows) {
        // Bytes as SearchOut describes them (search-json.ts; a test holds them to searchJson and the schema).
        const body = searchJsonBytes(result, themeRows, prefix);
        // Remembered answers keep their own copy: the written bytes share a larger block with other answers.
        cached = { prefix, themes: themeRows, body: request.server.ctx.offerIndex.remembers(result) ? Buffer.from(body) : body };
        if (cached.body !== body) serialisedSearches.set(result, cached);
      }
      // Bytes with a JSON content type are sent as they are.
      return reply.type('application/json; charset=utf-8').send(cached.body);
    },
  );

  app.get(
    '/api/v1/activities/:id',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Eén activiteit met bijeenkomsten en vervolgstappen',
        description: 'Zonder sleutel alleen gepubliceerde activiteiten; met de beheersleutel ook concepten en gearchiveerde.',
        params: IdParams,
        response: withErrors({ 200: S.Activity }),
      },
    },
    async (request) => activityResponse(request, request.params.id),
  );

  app.post(
    '/api/v1/activities',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Nieuwe activiteit',
        security,
        body: S.ActivityInput,
        response: withErrors({ 201: S.Activity }),
      },
    },
    async (request, reply) => {
      const scope = { ecosystemId: request.ecosystem.id, organisationId: request.body.organisationId };
      authorize(request.actor, 'activity.create', scope);
      if (request.body.status === 'published') authorize(request.actor, 'activity.publish', scope);
      const activity = await audited(request, (r) => ({ action: 'catalogue.activity.created', subjectType: 'activity', subjectId: r.id, details: { title: r.title, organisationId: r.organisation_id } }), (tx: Tx) => activities.createActivity(tx, request.ecosystem.id, request.body));
      reply.code(201).header('location', absoluteUrl(request, `/api/v1/activities/${activity.id}`));
      return activityResponse(request, activity.id);
    },
  );

  app.patch(
    '/api/v1/activities/:id',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Activiteit wijzigen',
        description: 'Alleen de meegegeven velden veranderen. Een gearchiveerde activiteit verandert niet meer (409).',
        security,
        params: IdParams,
        body: S.ActivityPatch,
        response: withErrors({ 200: S.Activity }),
      },
    },
    async (request) => {
      await authorizeOn(request, 'activity.update', 'activity', request.params.id);
      // Moving an activity to another organisation needs the right to add to that one too.
      if (request.body.organisationId !== undefined) {
        authorize(request.actor, 'activity.create', { ecosystemId: request.ecosystem.id, organisationId: request.body.organisationId });
      }
      await audited(request, () => ({ action: 'catalogue.activity.updated', subjectType: 'activity', subjectId: request.params.id, details: { fields: Object.keys(request.body) } }), (tx: Tx) => activities.updateActivity(tx, request.ecosystem.id, request.params.id, request.body));
      return activityResponse(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/activities/:id/publish',
    { schema: { tags: ['Activiteiten'], summary: 'Activiteit publiceren', security, params: IdParams, response: withErrors({ 200: S.Activity }) } },
    async (request) => {
      await authorizeOn(request, 'activity.publish', 'activity', request.params.id);
      await audited(request, () => ({ action: 'catalogue.activity.published', subjectType: 'activity', subjectId: request.params.id }), (tx: Tx) => activities.publishActivity(tx, request.ecosystem.id, request.params.id));
      return activityResponse(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/activities/:id/submit',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Activiteit indienen ter beoordeling',
        description: 'Een concept of teruggestuurde activiteit gaat naar de coördinator, die publiceert of terugstuurt.',
        security,
        params: IdParams,
        response: withErrors({ 200: S.Activity }),
      },
    },
    async (request) => {
      await authorizeOn(request, 'activity.submit', 'activity', request.params.id);
      await audited(request, () => ({ action: 'catalogue.activity.submitted', subjectType: 'activity', subjectId: request.params.id }), (tx: Tx) => activities.submitActivity(tx, request.ecosystem.id, request.params.id));
      return activityResponse(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/activities/:id/return',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Ingediende activiteit terugsturen met opmerking',
        security,
        params: IdParams,
        body: S.ReturnInput,
        response: withErrors({ 200: S.Activity }),
      },
    },
    async (request) => {
      await authorizeOn(request, 'activity.return', 'activity', request.params.id);
      await audited(request, () => ({ action: 'catalogue.activity.returned', subjectType: 'activity', subjectId: request.params.id, details: { comment: request.body.comment } }), (tx: Tx) => activities.returnActivity(tx, request.ecosystem.id, request.params.id, request.body.comment));
      return activityResponse(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/activities/:id/archive',
    {
      schema: {
        tags: ['Activiteiten'],
        summary: 'Activiteit archiveren',
        description: 'Verdwijnt uit de wegwijzer; blijft bewaard voor de geschiedenis.',
        security,
        params: IdParams,
        response: withErrors({ 200: S.Activity }),
      },
    },
    async (request) => {
      await authorizeOn(request, 'activity.archive', 'activity', request.params.id);
      await audited(request, () => ({ action: 'catalogue.activity.archived', subjectType: 'activity', subjectId: request.params.id }), (tx: Tx) => activities.archiveActivity(tx, request.ecosystem.id, request.params.id));
      return activityResponse(request, request.params.id);
    },
  );

  // ---- sessions ----
  app.post(
    '/api/v1/activities/:id/sessions',
    {
      schema: {
        tags: ['Bijeenkomsten'],
        summary: 'Bijeenkomst toevoegen',
        security,
        params: IdParams,
        body: S.SessionInput,
        response: withErrors({ 201: S.SessionOut }),
      },
    },
    async (request, reply) => {
      await authorizeOn(request, 'activity.update', 'activity', request.params.id);
      const session = await audited(request, (r) => ({ action: 'catalogue.session.created', subjectType: 'session', subjectId: r.id, details: { activityId: request.params.id } }), (tx: Tx) => sessions.createSession(tx, request.ecosystem.id, request.params.id, request.body));
      return reply.code(201).send(sessionJson(session));
    },
  );

  app.patch(
    '/api/v1/sessions/:id',
    {
      schema: {
        tags: ['Bijeenkomsten'],
        summary: 'Bijeenkomst wijzigen',
        security,
        params: IdParams,
        body: S.SessionPatch,
        response: withErrors({ 200: S.SessionOut }),
      },
    },
    async (request) => {
      await authorizeOn(request, 'activity.update', 'session', request.params.id);
      return sessionJson(await audited(request, () => ({ action: 'catalogue.session.updated', subjectType: 'session', subjectId: request.params.id, details: { fields: Object.keys(request.body) } }), (tx: Tx) => sessions.updateSession(tx, request.ecosystem.id, request.params.id, request.body)));
    },
  );

  app.post(
    '/api/v1/sessions/:id/cancel',
    { schema: { tags: ['Bijeenkomsten'], summary: 'Bijeenkomst afzeggen', security, params: IdParams, response: withErrors({ 200: S.SessionOut }) } },
    async (request) => {
      await authorizeOn(request, 'activity.update', 'session', request.params.id);
      return sessionJson(await audited(request, () => ({ action: 'catalogue.session.cancelled', subjectType: 'session', subjectId: request.params.id }), (tx: Tx) => sessions.cancelSession(tx, request.ecosystem.id, request.params.id)));
    },
  );

  // ---- next steps ----
  app.post(
    '/api/v1/activities/:id/next-steps',
    {
      schema: {
        tags: ['Vervolgstappen'],
        summary: 'Vervolgstap toevoegen',
        description: 'Een link naar een andere activiteit: verdiepen, verbreden of een tussenstap, met een korte reden.',
        security,
        params: IdParams,
        body: S.NextStepInput,
        response: withErrors({ 201: Type.Object({ id: S.NextStepOut.properties.id }) }),
      },
    },
    async (request, reply) => {
      await authorizeOn(request, 'activity.update', 'activity', request.params.id);
      const step = await audited(request, (r) => ({ action: 'catalogue.next_step.created', subjectType: 'next_step', subjectId: r.id, details: { from: request.params.id, to: request.body.toActivityId, kind: request.body.kind } }), (tx: Tx) => sessions.createNextStep(tx, request.ecosystem.id, request.params.id, request.body));
      return reply.code(201).send({ id: step.id });
    },
  );

  app.delete(
    '/api/v1/next-steps/:id',
    { schema: { tags: ['Vervolgstappen'], summary: 'Vervolgstap verwijderen', security, params: IdParams, response: { 204: Type.Null(), 401: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      await authorizeOn(request, 'activity.update', 'nextStep', request.params.id);
      await audited(request, () => ({ action: 'catalogue.next_step.deleted', subjectType: 'next_step', subjectId: request.params.id }), (tx: Tx) => sessions.deleteNextStep(tx, request.ecosystem.id, request.params.id));
      return reply.code(204).send(null);
    },
  );

  // ---- organisations ----
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['Organisaties'],
        summary: 'Organisaties in dit ecosysteem',
        querystring: ListQuery,
        response: withErrors({ 200: Type.Object({ items: Type.Array(S.Organisation) }) }),
      },
    },
    async (request) => {
      const { page = 1, perPage = 100 } = request.query;
      const rows = await listOrganisations(db, request.ecosystem.id, { includeArchived: readsAll(request), page, perPage });
      return { items: rows.map(organisationJson) };
    },
  );

  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags: ['Organisaties'], summary: 'Eén organisatie', params: IdParams, response: withErrors({ 200: S.Organisation }) } },
    async (request) => {
      const row = await findOrganisation(db, request.ecosystem.id, request.params.id, readsAll(request));
      if (!row) throw errors.notFound('organisation');
      return organisationJson(row);
    },
  );

  app.post(
    '/api/v1/organisations',
    { schema: { tags: ['Organisaties'], summary: 'Nieuwe organisatie', security, body: S.OrganisationInput, response: withErrors({ 201: S.Organisation }) } },
    async (request, reply) => {
      authorize(request.actor, 'organisation.create', { ecosystemId: request.ecosystem.id });
      const row = await audited(request, (r) => ({ action: 'catalogue.organisation.created', subjectType: 'organisation', subjectId: r.id, details: { name: r.name } }), (tx: Tx) => organisations.createOrganisation(tx, request.ecosystem.id, request.body));
      return reply.code(201).send(organisationJson(row));
    },
  );

  app.patch(
    '/api/v1/organisations/:id',
    {
      schema: { tags: ['Organisaties'], summary: 'Organisatie wijzigen', security, params: IdParams, body: S.OrganisationPatch, response: withErrors({ 200: S.Organisation }) },
    },
    async (request) => {
      authorize(request.actor, 'organisation.update', { ecosystemId: request.ecosystem.id, organisationId: request.params.id });
      return organisationJson(await audited(request, () => ({ action: 'catalogue.organisation.updated', subjectType: 'organisation', subjectId: request.params.id, details: { fields: Object.keys(request.body) } }), (tx: Tx) => organisations.updateOrganisation(tx, request.ecosystem.id, request.params.id, request.body)));
    },
  );

  app.post(
    '/api/v1/organisations/:id/archive',
    { schema: { tags: ['Organisaties'], summary: 'Organisatie archiveren', security, params: IdParams, response: withErrors({ 200: S.Organisation }) } },
    async (request) => {
      authorize(request.actor, 'organisation.archive', { ecosystemId: request.ecosystem.id, organisationId: request.params.id });
      return organisationJson(await audited(request, () => ({ action: 'catalogue.organisation.archived', subjectType: 'organisation', subjectId: request.params.id }), (tx: Tx) => organisations.archiveOrganisation(tx, request.ecosystem.id, request.params.id)));
    },
  );

  // ---- locations ----
  app.get(
    '/api/v1/locations',
    {
      schema: {
        tags: ['Locaties'],
        summary: 'Locaties in dit ecosysteem',
        querystring: LocationListQuery,
        response: withErrors({ 200: Type.Object({ items: Type.Array(S.Location) }) }),
      },
    },
    async (request) => {
      const { page = 1, perPage = 100, organisationId, school } = request.query;
      const rows = await listLocations(db, request.ecosystem.id, {
        includeArchived: readsAll(request), page, perPage, organisationId, school,
      });
      return { items: rows.map(locationJson) };
    },
  );

  app.get(
    '/api/v1/locations/:id',
    { schema: { tags: ['Locaties'], summary: 'Eén locatie', params: IdParams, response: withErrors({ 200: S.Location }) } },
    async (request) => {
      const row = await findLocation(db, request.ecosystem.id, request.params.id, readsAll(request));
      if (!row) throw errors.notFound('location');
      return locationJson(row);
    },
  );

  app.post(
    '/api/v1/locations',
    { schema: { tags: ['Locaties'], summary: 'Nieuwe locatie', security, body: S.LocationInput, response: withErrors({ 201: S.Location }) } },
    async (request, reply) => {
      authorize(request.actor, 'location.create', { ecosystemId: request.ecosystem.id, organisationId: request.body.organisationId });
      const row = await audited(request, (r) => ({ action: 'catalogue.location.created', subjectType: 'location', subjectId: r.id, details: { name: r.name, organisationId: r.organisation_id } }), (tx: Tx) => organisations.createLocation(tx, request.ecosystem.id, request.body));
      return reply.code(201).send(locationJson(row));
    },
  );

  app.patch(
    '/api/v1/locations/:id',
    { schema: { tags: ['Locaties'], summary: 'Locatie wijzigen', security, params: IdParams, body: S.LocationPatch, response: withErrors({ 200: S.Location }) } },
    async (request) => {
      await authorizeOn(request, 'location.update', 'location', request.params.id);
      return locationJson(await audited(request, () => ({ action: 'catalogue.location.updated', subjectType: 'location', subjectId: request.params.id, details: { fields: Object.keys(request.body) } }), (tx: Tx) => organisations.updateLocation(tx, request.ecosystem.id, request.params.id, request.body)));
    },
  );

  app.post(
    '/api/v1/locations/:id/archive',
    { schema: { tags: ['Locaties'], summary: 'Locatie archiveren', security, params: IdParams, response: withErrors({ 200: S.Location }) } },
    async (request) => {
      await authorizeOn(request, 'location.archive', 'location', request.params.id);
      return locationJson(await audited(request, () => ({ action: 'catalogue.location.archived', subjectType: 'location', subjectId: request.params.id }), (tx: Tx) => organisations.archiveLocation(tx, request.ecosystem.id, request.params.id)));
    },
  );

  // ---- themes ----
  app.get(
    '/api/v1/themes',
    {
      schema: {
        tags: ['Thema’s'],
        summary: 'Thema’s van dit ecosysteem, met het aantal activiteiten',
        response: withErrors({ 200: Type.Object({ items: Type.Array(Type.Composite([S.Theme, Type.Object({ activityCount: Type.Integer() })])) }) }),
      },
    },
    async (request) => ({ items: (await listThemes(db, request.ecosystem.id)).map((t) => ({ ...themeJson(t), activityCount: t.activityCount })) }),
  );

  app.post(
    '/api/v1/themes',
    { schema: { tags: ['Thema’s'], summary: 'Nieuw thema', security, body: S.ThemeInput, response: withErrors({ 201: S.Theme }) } },
    async (request, reply) => {
      authorize(request.actor, 'theme.manage', { ecosystemId: request.ecosystem.id });
      const row = await audited(request, (r) => ({ action: 'catalogue.theme.created', subjectType: 'theme', subjectId: r.id, details: { slug: r.slug } }), (tx: Tx) => themes.createTheme(tx, request.ecosystem.id, request.body));
      app.ctx.ecosystems.forgetThemes(request.ecosystem.id);
      return reply.code(201).send(themeJson(row));
    },
  );

  app.patch(
    '/api/v1/themes/:id',
    { schema: { tags: ['Thema’s'], summary: 'Thema wijzigen', security, params: IdParams, body: S.ThemePatch, response: withErrors({ 200: S.Theme }) } },
    async (request) => {
      authorize(request.actor, 'theme.manage', { ecosystemId: request.ecosystem.id });
      const row = await audited(request, () => ({ action: 'catalogue.theme.updated', subjectType: 'theme', subjectId: request.params.id, details: { fields: Object.keys(request.body) } }), (tx: Tx) => themes.updateTheme(tx, request.ecosystem.id, request.params.id, request.body));
      app.ctx.ecosystems.forgetThemes(request.ecosystem.id);
      return themeJson(row);
    },
  );

  app.post(
    '/api/v1/themes/:id/archive',
    {
      schema: {
        tags: ['Thema’s'],
        summary: 'Thema archiveren',
        description: 'Kan alleen als geen activiteit het thema nog draagt (anders 409).',
        security,
        params: IdParams,
        response: withErrors({ 200: S.Theme }),
      },
    },
    async (request) => {
      authorize(request.actor, 'theme.manage', { ecosystemId: request.ecosystem.id });
      const row = await audited(request, () => ({ action: 'catalogue.theme.archived', subjectType: 'theme', subjectId: request.params.id }), (tx: Tx) => themes.archiveTheme(tx, request.ecosystem.id, request.params.id));
      app.ctx.ecosystems.forgetThemes(request.ecosystem.id);
      return themeJson(row);
    },
  );
}
