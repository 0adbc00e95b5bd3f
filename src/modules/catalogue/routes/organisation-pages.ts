import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { IdParams } from '../../../http/schemas.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { archiveLocation, archiveOrganisation, createLocation, createOrganisation, updateLocation, updateOrganisation } from '../commands/organisation-commands.js';
import type { Location, Organisation } from '../db/schema.js';
import { parseLocationForm, parseOrganisationForm, type FormValues } from '../forms.js';
import { authorize, can, organisationsWhere } from '../policies.js';
import { findLocation, findOrganisation } from '../queries/directory.js';
import { locationCounts, locationsOf, neighbourhoodChoices, organisationsByIds } from '../queries/manage-queries.js';
import { LocationFormPage, OrganisationListPage, OrganisationPage } from '../views/organisation-pages.js';
import { ActionBody, attempt, audited, authorizeOwned, DoneQuery, FormBody, manageContext, sendPage, signInFirst } from './manage-helpers.js';

const hide = { hide: true };

const notices: Record<string, MessageKey> = {
  aangemaakt: 'organisations.created',
  opgeslagen: 'manage.saved',
  gearchiveerd: 'organisations.archivedDone',
  locatie: 'locations.created',
  locatiegewijzigd: 'locations.saved',
  locatieweg: 'locations.archivedDone',
};

function organisationForm(o: Organisation): FormValues {
  return { name: o.name, sector: o.sector, description: o.description, website: o.website ?? '', email: o.email ?? '', phone: o.phone ?? '' };
}

/** Coordinates as a Dutch partner types them: a decimal comma. */
const decimal = (n: number) => String(n).replace('.', ',');

function locationForm(l: Location): FormValues {
  return {
    name: l.name, street: l.street, postcode: l.postcode, city: l.city, lat: decimal(l.lat), lng: decimal(l.lng),
    neighbourhoodId: l.neighbourhood_id === null ? '' : String(l.neighbourhood_id), isSchool: l.is_school ? '1' : '',
  };
}

/**
 * Organisations and their locations. A partner editor keeps its own
 * organisation's details and addresses up to date; a coordinator also adds
 * and archives organisations. The policy decides each route and each button.
 */
export async function organisationPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;

  async function organisationPage(request: FastifyRequest, org: Organisation, raw: FormValues, problems: FieldProblem[], notice?: string) {
    const scope = { ecosystemId: request.ecosystem.id, organisationId: org.id };
    return OrganisationPage({
      ctx: manageContext(request),
      organisation: org,
      locations: await locationsOf(db, request.ecosystem.id, org.id, true),
      raw,
      problems,
      allowed: {
        update: can(request.actor, 'organisation.update', scope),
        archive: can(request.actor, 'organisation.archive', scope),
        addLocation: can(request.actor, 'location.create', scope),
        changeLocations: can(request.actor, 'location.update', scope),
      },
      notice,
    });
  }

  app.get('/beheer/organisaties', { schema: { ...hide, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    const ids = organisationsWhere(request.actor, 'organisation.update', ecosystemId);
    if (ids !== 'all' && ids.length === 0) throw errors.forbidden();
    const [organisations, counts] = await Promise.all([organisationsByIds(db, ecosystemId, ids, ids === 'all'), locationCounts(db, ecosystemId)]);
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(
      reply,
      OrganisationListPage({
        ctx: manageContext(request),
        organisations: organisations.map((o) => ({ ...o, locationCount: counts.get(o.id) ?? 0 })),
        canCreate: can(request.actor, 'organisation.create', { ecosystemId }),
        notice: notice && t(request.locale, notice),
      }),
    );
  });

  app.get('/beheer/organisaties/nieuw', { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorize(request.actor, 'organisation.create', { ecosystemId: request.ecosystem.id });
    return sendPage(
      reply,
      OrganisationPage({ ctx: manageContext(request), locations: [], raw: {}, problems: [], allowed: { update: true, archive: false, addLocation: false, changeLocations: false } }),
    );
  });

  app.post('/beheer/organisaties/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    authorize(request.actor, 'organisation.create', { ecosystemId });
    const raw = request.body as FormValues;
    const parsed = parseOrganisationForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() =>
        audited(request, (o) => ({ action: 'catalogue.organisation.created', subjectType: 'organisation', subjectId: o.id }), (tx: Tx) => createOrganisation(tx, ecosystemId, input)),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/organisaties/${result.value.id}?klaar=aangemaakt`, 303);
      problems = result.problems;
    }
    return sendPage(
      reply,
      OrganisationPage({ ctx: manageContext(request), locations: [], raw, problems, allowed: { update: true, archive: false, addLocation: false, changeLocations: false } }),
      400,
    );
  });

  /** The organisation, after checking the action on it; 404 when it is not in this ecosystem. */
  async function loadOrganisation(request: FastifyRequest, id: number, action: 'organisation.update' | 'organisation.archive' | 'location.create'): Promise<Organisation> {
    authorize(request.actor, action, { ecosystemId: request.ecosystem.id, organisationId: id });
    const org = await findOrganisation(db, request.ecosystem.id, id, true);
    if (!org) throw errors.notFound('organisation');
    return org;
  }

  function requireActive(org: Organisation): void {
    if (org.status !== 'active') throw errors.conflict('error.conflict.archived');
  }

  app.get('/beheer/organisaties/:id', { schema: { ...hide, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const org = await loadOrganisation(request, request.params.id, 'organisation.update');
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(reply, await organisationPage(request, org, organisationForm(org), [], notice && t(request.locale, notice)));
  });

  app.post('/beheer/organisaties/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const org = await loadOrganisation(request, request.params.id, 'organisation.update');
    requireActive(org);
    const raw = request.body as FormValues;
    const parsed = parseOrganisationForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() =>
        audited(request, () => ({ action: 'catalogue.organisation.updated', subjectType: 'organisation', subjectId: org.id }), (tx: Tx) =>
          updateOrganisation(tx, request.ecosystem.id, org.id, input),
        ),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/organisaties/${org.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await organisationPage(request, org, raw, problems), 400);
  });

  app.post('/beheer/organisaties/:id/archiveren', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const org = await loadOrganisation(request, request.params.id, 'organisation.archive');
    await audited(request, () => ({ action: 'catalogue.organisation.archived', subjectType: 'organisation', subjectId: org.id }), (tx: Tx) =>
      archiveOrganisation(tx, request.ecosystem.id, org.id),
    );
    return reply.redirect(`${request.basePath}/beheer/organisaties?klaar=gearchiveerd`, 303);
  });

  // ---- locations ----
  app.get('/beheer/organisaties/:id/locaties/nieuw', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const org = await loadOrganisation(request, request.params.id, 'location.create');
    requireActive(org);
    const neighbourhoods = await neighbourhoodChoices(db, request.ecosystem.id);
    return sendPage(reply, LocationFormPage({ ctx: manageContext(request), organisation: org, neighbourhoods, raw: {}, problems: [], canArchive: false }));
  });

  app.post('/beheer/organisaties/:id/locaties/nieuw', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const org = await loadOrganisation(request, request.params.id, 'location.create');
    requireActive(org);
    const raw = request.body as FormValues;
    const neighbourhoods = await neighbourhoodChoices(db, request.ecosystem.id);
    const parsed = parseLocationForm(raw, neighbourhoods.map((n) => n.id));
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() =>
        audited(request, (l) => ({ action: 'catalogue.location.created', subjectType: 'location', subjectId: l.id, details: { organisationId: org.id } }), (tx: Tx) =>
          createLocation(tx, request.ecosystem.id, { ...input, organisationId: org.id }),
        ),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/organisaties/${org.id}?klaar=locatie`, 303);
      problems = result.problems;
    }
    return sendPage(reply, LocationFormPage({ ctx: manageContext(request), organisation: org, neighbourhoods, raw, problems, canArchive: false }), 400);
  });

  /** An active location and its (active) organisation, after checking the action on it. */
  async function loadLocation(request: FastifyRequest, id: number, action: 'location.update' | 'location.archive') {
    const organisationId = await authorizeOwned(request, action, 'location', id);
    const [location, organisation] = await Promise.all([findLocation(db, request.ecosystem.id, id, true), findOrganisation(db, request.ecosystem.id, organisationId, true)]);
    if (!location || !organisation) throw errors.notFound('location');
    if (location.status !== 'active') throw errors.conflict('error.conflict.archived');
    requireActive(organisation);
    return { location, organisation };
  }

  app.get('/beheer/locaties/:id', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { location, organisation } = await loadLocation(request, request.params.id, 'location.update');
    const neighbourhoods = await neighbourhoodChoices(db, request.ecosystem.id);
    const canArchive = can(request.actor, 'location.archive', { ecosystemId: request.ecosystem.id, organisationId: organisation.id });
    return sendPage(reply, LocationFormPage({ ctx: manageContext(request), organisation, location, neighbourhoods, raw: locationForm(location), problems: [], canArchive }));
  });

  app.post('/beheer/locaties/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { location, organisation } = await loadLocation(request, request.params.id, 'location.update');
    const raw = request.body as FormValues;
    const neighbourhoods = await neighbourhoodChoices(db, request.ecosystem.id);
    const parsed = parseLocationForm(raw, neighbourhoods.map((n) => n.id));
    let problems = parsed.problems;
    if (parsed.input) {
      const input = { ...parsed.input, postcode: parsed.input.postcode ?? '' };
      const result = await attempt(() =>
        audited(request, () => ({ action: 'catalogue.location.updated', subjectType: 'location', subjectId: location.id }), (tx: Tx) =>
          updateLocation(tx, request.ecosystem.id, location.id, input),
        ),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/organisaties/${organisation.id}?klaar=locatiegewijzigd`, 303);
      problems = result.problems;
    }
    const canArchive = can(request.actor, 'location.archive', { ecosystemId: request.ecosystem.id, organisationId: organisation.id });
    return sendPage(reply, LocationFormPage({ ctx: manageContext(request), organisation, location, neighbourhoods, raw, problems, canArchive }), 400);
  });

  app.post('/beheer/locaties/:id/archiveren', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const { location, organisation } = await loadLocation(request, request.params.id, 'location.archive');
    await audited(request, () => ({ action: 'catalogue.location.archived', subjectType: 'location', subjectId: location.id }), (tx: Tx) =>
      archiveLocation(tx, request.ecosystem.id, location.id),
    );
    return reply.redirect(`${request.basePath}/beheer/organisaties/${organisation.id}?klaar=locatieweg`, 303);
  });
}
