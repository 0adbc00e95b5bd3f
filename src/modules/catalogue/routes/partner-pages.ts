import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { IdParams } from '../../../http/schemas.js';
import { isoDay } from '../../../web/format.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { activityJsonLd } from '../presenters.js';
import { archiveActivity, createActivity, duplicateActivity, submitActivity, updateActivity } from '../commands/activity-commands.js';
import { cancelSession, createNextStep, createSession, createWeeklySessions, deleteNextStep, updateSession } from '../commands/session-commands.js';
import { amsterdamTime, parseActivityForm, parseNextStepForm, parseSeriesForm, parseSessionForm, type FormValues } from '../forms.js';
import { authorize, can, organisationsWhere } from '../policies.js';
import { readActivity } from '../queries/activity-reader.js';
import { findNextStep, findSession, listOffer, locationsOf, nextStepCandidates, organisationsByIds, readManagedActivity, type ManagedActivity } from '../queries/manage-queries.js';
import { ActivityPage } from '../views/activity-page.js';
import {
  ActivityFormPage, ActivityManagePage, NextStepFormPage, OfferListPage, OrganisationChooserPage, SeriesFormPage, SessionFormPage,
} from '../views/offer-pages.js';
import { absoluteUrl } from './api.js';
import { ActionBody, attempt, audited, authorizeOwned, DoneQuery, FormBody, manageContext, sendPage, signInFirst } from './manage-helpers.js';

const hide = { hide: true };

/** What `?klaar=` on an activity's page says. */
const activityNotices: Record<string, MessageKey> = {
  aangemaakt: 'offer.created',
  gekopieerd: 'offer.duplicated',
  opgeslagen: 'manage.saved',
  ingediend: 'offer.submitted',
  gearchiveerd: 'offer.archivedDone',
  bijeenkomst: 'offer.sessionAdded',
  reeks: 'offer.seriesAdded',
  gewijzigd: 'offer.sessionSaved',
  afgelast: 'offer.sessionCancelled',
  stap: 'offer.nextStepAdded',
  stapweg: 'offer.nextStepRemoved',
};

/** Cents as a partner types euros: 750 → "7,50", 2500 → "25". */
function eurosForForm(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
}

/** The activity's current values, as its form shows them. */
function activityForm(m: ManagedActivity): FormValues {
  const a = m.activity;
  return {
    title: a.title, summary: a.summary, description: a.description, themes: m.themeSlugs, format: a.format, setting: a.setting,
    minAge: String(a.min_age), maxAge: String(a.max_age), schoolGroups: a.school_groups, level: a.level, price: eurosForForm(a.price_cents),
    priceNote: a.price_note, reductions: a.reductions, accessibility: a.accessibility, languages: a.languages,
    locationId: a.location_id === null ? '' : String(a.location_id), online: a.online ? '1' : '', registrationMode: a.registration_mode,
    curriculumGoals: a.curriculum_goals.join(', '), coProviderIds: m.coProviderIds.map(String),
  };
}

/**
 * The partner's pages: "Mijn aanbod", an activity with its sessions and next
 * steps, the forms to change them, and a preview as the public will see it.
 * Partner editors reach their own organisations' offer; coordinators every
 * organisation's. Every route asks the policy; buttons show only what it allows.
 */
export async function partnerPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;
  const registry = app.ctx.ecosystems;

  /** Loads an activity for a change on its page; archived ones can no longer be changed. */
  async function changeable(request: FastifyRequest, id: number): Promise<ManagedActivity> {
    await authorizeOwned(request, 'activity.update', 'activity', id);
    const managed = await readManagedActivity(db, request.ecosystem.id, id);
    if (!managed) throw errors.notFound('activity');
    if (managed.activity.status === 'archived') throw errors.conflict('error.conflict.archived');
    return managed;
  }

  async function formContext(request: FastifyRequest, organisationId: number) {
    const ecosystemId = request.ecosystem.id;
    const [themes, locations, all] = await Promise.all([
      registry.themes(ecosystemId),
      locationsOf(db, ecosystemId, organisationId, false),
      organisationsByIds(db, ecosystemId, 'all'),
    ]);
    return { themes, locations, coProviders: all.filter((o) => o.id !== organisationId) };
  }

  app.get('/beheer/aanbod', { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    const orgs = organisationsWhere(request.actor, 'activity.update', ecosystemId);
    if (orgs !== 'all' && orgs.length === 0) throw errors.forbidden();
    const creatable = organisationsWhere(request.actor, 'activity.create', ecosystemId);
    const [rows, organisations] = await Promise.all([listOffer(db, ecosystemId, orgs), orgs === 'all' ? Promise.resolve([]) : organisationsByIds(db, ecosystemId, orgs)]);
    return sendPage(
      reply,
      OfferListPage({ ctx: manageContext(request), rows, organisations, all: orgs === 'all', canCreate: creatable === 'all' || creatable.length > 0 }),
    );
  });

  // ---- a new activity ----
  app.get(
    '/beheer/aanbod/nieuw',
    { schema: { ...hide, querystring: Type.Object({ organisatie: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const ecosystemId = request.ecosystem.id;
      const allowed = organisationsWhere(request.actor, 'activity.create', ecosystemId);
      if (allowed !== 'all' && allowed.length === 0) throw errors.forbidden();
      const organisations = await organisationsByIds(db, ecosystemId, allowed);
      const chosen = organisations.length === 1 ? organisations[0] : organisations.find((o) => o.id === request.query.organisatie);
      if (!chosen) return sendPage(reply, OrganisationChooserPage({ ctx: manageContext(request), organisations }));
      const context = await formContext(request, chosen.id);
      const raw: FormValues = { languages: ['nl'], setting: 'out_of_school', registrationMode: 'sign_up', level: 'introduction', format: 'workshop' };
      return sendPage(reply, ActivityFormPage({ ctx: manageContext(request), organisation: chosen, raw, problems: [], ...context }));
    },
  );

  app.post('/beheer/aanbod/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    const raw = request.body as FormValues;
    const organisationId = Number(raw.organisationId);
    authorize(request.actor, 'activity.create', { ecosystemId, organisationId: Number.isSafeInteger(organisationId) ? organisationId : 0 });
    const [organisation] = Number.isSafeInteger(organisationId) && organisationId > 0 ? await organisationsByIds(db, ecosystemId, [organisationId]) : [];
    if (!organisation) throw errors.invalidInput([{ field: 'organisationId', key: 'manage.field.organisation.choose' }]);
    const context = await formContext(request, organisation.id);
    const parsed = parseActivityForm(raw, {
      organisationIds: [organisation.id], themeSlugs: context.themes.map((th) => th.slug), locationIds: context.locations.map((l) => l.id),
      coProviderIds: context.coProviders.map((o) => o.id), editing: false,
    });
    let problems: FieldProblem[] = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() =>
        audited(request, (a) => ({ action: 'catalogue.activity.created', subjectType: 'activity', subjectId: a.id }), (tx: Tx) => createActivity(tx, ecosystemId, { ...input, status: 'draft' })),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${result.value.id}?klaar=aangemaakt`, 303);
      problems = result.problems;
    }
    return sendPage(reply, ActivityFormPage({ ctx: manageContext(request), organisation, raw, problems, ...context }), 400);
  });

  // ---- one activity ----
  app.get('/beheer/aanbod/:id', { schema: { ...hide, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    const organisationId = await authorizeOwned(request, 'activity.update', 'activity', request.params.id);
    const managed = await readManagedActivity(db, ecosystemId, request.params.id);
    if (!managed) throw errors.notFound('activity');
    const scope = { ecosystemId, organisationId };
    const notice = request.query.klaar ? activityNotices[request.query.klaar] : undefined;
    return sendPage(
      reply,
      ActivityManagePage({
        ctx: manageContext(request),
        managed,
        themes: await registry.themes(ecosystemId),
        allowed: {
          update: true,
          submit: can(request.actor, 'activity.submit', scope),
          archive: can(request.actor, 'activity.archive', scope),
          duplicate: can(request.actor, 'activity.create', scope),
        },
        notice: notice && t(request.locale, notice, { count: request.query.aantal ?? 0 }),
      }),
    );
  });

  app.get('/beheer/aanbod/:id/bewerken', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const managed = await changeable(request, request.params.id);
    const a = managed.activity;
    const [organisation] = await organisationsByIds(db, request.ecosystem.id, [a.organisation_id], true);
    const context = await formContext(request, a.organisation_id);
    return sendPage(reply, ActivityFormPage({ ctx: manageContext(request), activity: a, organisation: organisation!, raw: activityForm(managed), problems: [], ...context }));
  });

  app.post('/beheer/aanbod/:id/bewerken', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    const managed = await changeable(request, request.params.id);
    const a = managed.activity;
    const raw = request.body as FormValues;
    const [organisation] = await organisationsByIds(db, ecosystemId, [a.organisation_id], true);
    const context = await formContext(request, a.organisation_id);
    const parsed = parseActivityForm(raw, {
      organisationIds: [], themeSlugs: context.themes.map((th) => th.slug), locationIds: context.locations.map((l) => l.id),
      coProviderIds: context.coProviders.map((o) => o.id), editing: true,
    });
    let problems: FieldProblem[] = parsed.problems;
    if (parsed.input) {
      const { organisationId: _unchanged, ...patch } = parsed.input;
      const result = await attempt(() =>
        audited(request, () => ({ action: 'catalogue.activity.updated', subjectType: 'activity', subjectId: a.id }), (tx: Tx) => updateActivity(tx, ecosystemId, a.id, patch)),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${a.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, ActivityFormPage({ ctx: manageContext(request), activity: a, organisation: organisation!, raw, problems, ...context }), 400);
  });

  app.get('/beheer/aanbod/:id/voorbeeld', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    await authorizeOwned(request, 'activity.update', 'activity', request.params.id);
    const now = new Date();
    const detail = await readActivity(db, request.ecosystem.id, request.params.id, now);
    if (!detail) throw errors.notFound('activity');
    const canonical = absoluteUrl(request, `/activiteiten/${detail.activity.id}`);
    return sendPage(
      reply,
      ActivityPage({
        locale: request.locale,
        ecosystem: request.ecosystem,
        basePath: request.basePath,
        detail,
        query: '',
        url: canonical,
        jsonLd: activityJsonLd(detail, canonical, now),
        now,
        preview: {
          status: t(request.locale, `offer.status.${detail.activity.status}` as MessageKey).toLowerCase(),
          backHref: `${request.basePath}/beheer/aanbod/${detail.activity.id}`,
        },
      }),
    );
  });

  app.post('/beheer/aanbod/:id/indienen', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    await authorizeOwned(request, 'activity.submit', 'activity', request.params.id);
    await audited(request, () => ({ action: 'catalogue.activity.submitted', subjectType: 'activity', subjectId: request.params.id }), (tx: Tx) =>
      submitActivity(tx, request.ecosystem.id, request.params.id),
    );
    return reply.redirect(`${request.basePath}/beheer/aanbod/${request.params.id}?klaar=ingediend`, 303);
  });

  app.post('/beheer/aanbod/:id/archiveren', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    await authorizeOwned(request, 'activity.archive', 'activity', request.params.id);
    await audited(request, () => ({ action: 'catalogue.activity.archived', subjectType: 'activity', subjectId: request.params.id }), (tx: Tx) =>
      archiveActivity(tx, request.ecosystem.id, request.params.id),
    );
    return reply.redirect(`${request.basePath}/beheer/aanbod/${request.params.id}?klaar=gearchiveerd`, 303);
  });

  app.post('/beheer/aanbod/:id/kopieren', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    await authorizeOwned(request, 'activity.create', 'activity', request.params.id);
    const copy = await app.ctx.database.transaction((tx) =>
      duplicateActivity(tx, request.actor, request.ecosystem.id, request.params.id, (title) => t(request.locale, 'manage.copyTitle', { title })),
    );
    return reply.redirect(`${request.basePath}/beheer/aanbod/${copy.id}?klaar=gekopieerd`, 303);
  });

  // ---- sessions ----
  app.get('/beheer/aanbod/:id/bijeenkomsten/nieuw', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { activity } = await changeable(request, request.params.id);
    return sendPage(reply, SessionFormPage({ ctx: manageContext(request), activity, raw: {}, problems: [] }));
  });

  app.post('/beheer/aanbod/:id/bijeenkomsten/nieuw', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { activity } = await changeable(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseSessionForm(raw);
    let problems = parsed.problems;
    if (parsed.input && parsed.input.startsAt.getTime() < Date.now()) problems = [{ field: 'date', key: 'manage.field.session.past' }];
    else if (parsed.input) {
      const { startsAt, endsAt, capacity, note } = parsed.input;
      const result = await attempt(() =>
        audited(request, (s) => ({ action: 'catalogue.session.created', subjectType: 'session', subjectId: s.id, details: { activityId: activity.id } }), (tx: Tx) =>
          createSession(tx, request.ecosystem.id, activity.id, { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity, note }),
        ),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${activity.id}?klaar=bijeenkomst`, 303);
      problems = result.problems;
    }
    return sendPage(reply, SessionFormPage({ ctx: manageContext(request), activity, raw, problems }), 400);
  });

  app.get('/beheer/aanbod/:id/reeks', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { activity } = await changeable(request, request.params.id);
    return sendPage(reply, SeriesFormPage({ ctx: manageContext(request), activity, raw: { from: isoDay(new Date()) }, problems: [] }));
  });

  app.post('/beheer/aanbod/:id/reeks', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { activity } = await changeable(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseSeriesForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const series = parsed.input;
      const result = await attempt(() => app.ctx.database.transaction((tx) => createWeeklySessions(tx, request.actor, request.ecosystem.id, activity.id, series)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${activity.id}?klaar=reeks&aantal=${result.value.length}`, 303);
      problems = result.problems;
    }
    return sendPage(reply, SeriesFormPage({ ctx: manageContext(request), activity, raw, problems }), 400);
  });

  /** A session of an activity that can still change, and the activity. */
  async function changeableSession(request: FastifyRequest, id: number) {
    await authorizeOwned(request, 'activity.update', 'session', id);
    const session = await findSession(db, request.ecosystem.id, id);
    if (!session) throw errors.notFound('session');
    const { activity } = await changeable(request, session.activity_id);
    if (session.status === 'cancelled') throw errors.conflict('error.conflict.sessionCancelled');
    return { session, activity };
  }

  app.get('/beheer/bijeenkomsten/:id', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { session: s, activity } = await changeableSession(request, request.params.id);
    const raw: FormValues = {
      date: isoDay(s.starts_at), startTime: amsterdamTime(s.starts_at), endTime: amsterdamTime(s.ends_at), capacity: s.capacity === null ? '' : String(s.capacity), note: s.note,
    };
    return sendPage(reply, SessionFormPage({ ctx: manageContext(request), activity, sessionId: s.id, raw, problems: [] }));
  });

  app.post('/beheer/bijeenkomsten/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { session: s, activity } = await changeableSession(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseSessionForm(raw);
    let problems = parsed.problems;
    // Moving a session into the past is a typing mistake; changing the note of one under way is not.
    if (parsed.input && parsed.input.startsAt.getTime() !== s.starts_at.getTime() && parsed.input.startsAt.getTime() < Date.now()) {
      problems = [{ field: 'date', key: 'manage.field.session.past' }];
    } else if (parsed.input) {
      const { startsAt, endsAt, capacity, note } = parsed.input;
      const result = await attempt(() =>
        audited(request, () => ({ action: 'catalogue.session.updated', subjectType: 'session', subjectId: s.id, details: { activityId: activity.id } }), (tx: Tx) =>
          updateSession(tx, request.ecosystem.id, s.id, { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity, note }),
        ),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${activity.id}?klaar=gewijzigd`, 303);
      problems = result.problems;
    }
    return sendPage(reply, SessionFormPage({ ctx: manageContext(request), activity, sessionId: s.id, raw, problems }), 400);
  });

  app.post('/beheer/bijeenkomsten/:id/annuleren', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const { session: s, activity } = await changeableSession(request, request.params.id);
    await audited(request, () => ({ action: 'catalogue.session.cancelled', subjectType: 'session', subjectId: s.id, details: { activityId: activity.id } }), (tx: Tx) =>
      cancelSession(tx, request.ecosystem.id, s.id),
    );
    return reply.redirect(`${request.basePath}/beheer/aanbod/${activity.id}?klaar=afgelast`, 303);
  });

  // ---- next steps ----
  const WordsQuery = Type.Object({ zoek: Type.Optional(Type.String({ maxLength: 100 })) });

  app.get('/beheer/aanbod/:id/vervolgstappen/nieuw', { schema: { ...hide, params: IdParams, querystring: WordsQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { activity } = await changeable(request, request.params.id);
    const words = (request.query.zoek ?? '').trim();
    const candidates = await nextStepCandidates(db, request.ecosystem.id, activity.id, { words });
    return sendPage(reply, NextStepFormPage({ ctx: manageContext(request), activity, words, candidates, raw: {}, problems: [] }));
  });

  app.post('/beheer/aanbod/:id/vervolgstappen/nieuw', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { activity } = await changeable(request, request.params.id);
    const raw = request.body as FormValues;
    const chosen = Number(raw.toActivityId);
    const valid = Number.isSafeInteger(chosen) && chosen > 0 ? await nextStepCandidates(db, request.ecosystem.id, activity.id, { id: chosen }) : [];
    const parsed = parseNextStepForm(raw, valid.map((c) => c.id));
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() =>
        audited(request, (n) => ({ action: 'catalogue.nextStep.created', subjectType: 'nextStep', subjectId: n.id, details: { from: activity.id, to: input.toActivityId } }), (tx: Tx) =>
          createNextStep(tx, request.ecosystem.id, activity.id, input),
        ),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${activity.id}?klaar=stap`, 303);
      problems = result.problems;
    }
    const candidates = await nextStepCandidates(db, request.ecosystem.id, activity.id, {});
    return sendPage(reply, NextStepFormPage({ ctx: manageContext(request), activity, words: '', candidates, raw, problems }), 400);
  });

  app.post('/beheer/vervolgstappen/:id/verwijderen', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    await authorizeOwned(request, 'activity.update', 'nextStep', request.params.id);
    const step = await findNextStep(db, request.ecosystem.id, request.params.id);
    if (!step) throw errors.notFound('nextStep');
    await changeable(request, step.from_activity_id);
    await audited(request, () => ({ action: 'catalogue.nextStep.deleted', subjectType: 'nextStep', subjectId: request.params.id, details: { from: step.from_activity_id } }), (tx: Tx) =>
      deleteNextStep(tx, request.ecosystem.id, request.params.id),
    );
    return reply.redirect(`${request.basePath}/beheer/aanbod/${step.from_activity_id}?klaar=stapweg`, 303);
  });
}
