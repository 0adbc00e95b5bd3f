import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams, StringEnum } from '../../../http/schemas.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { addPartner, updatePartner } from '../commands/network-partner-commands.js';
import { partnerStatuses } from '../db/schema.js';
import { checkDomains } from '../domain-check.js';
import { parsePartnerForm, type FormValues } from '../network-forms.js';
import { authorize, can, visibleOrganisations } from '../network-policies.js';
import {
  activePartnerSectors, findPartnerEntry, listPartners, listPeople, listRoles, organisationsOutsideNetwork, partnerCounts, type PartnerEntry,
} from '../queries/network-directory.js';
import { isCurrent } from '../role-rules.js';
import { GovernancePage } from '../views/governance-page.js';
import { NetworkOverviewPage, OwnEntriesPage } from '../views/network-overview-page.js';
import { NewPartnerPage, PartnerPage } from '../views/network-partner-page.js';
import { attempt, FormBody, hide, networkContext, sendPage, signInFirst, today } from './network-route-helpers.js';

const notices: Record<string, MessageKey> = { toegevoegd: 'network.notice.partnerAdded', opgeslagen: 'network.notice.partnerSaved' };
const partnerNotFound = () => new AppError('not_found', 404, 'network.partner.notFound');

/**
 * The network overview with its domain check, each organisation's entry in
 * the network, and the governance page. Coordinators change, the steering
 * group reads, a partner sees its own organisation's entry only.
 */
export async function networkPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  app.get(
    '/beheer/netwerk',
    { schema: { ...hide, querystring: Type.Object({ status: Type.Optional(Type.Union([StringEnum(partnerStatuses), Type.Literal('')])), klaar: Type.Optional(Type.String({ maxLength: 30 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const ecosystemId = request.ecosystem.id;
      const ctx = networkContext(request);
      if (!can(request.actor, 'network.read', { ecosystemId })) {
        // A partner: its own organisations' entries, and nothing of the others.
        const own = visibleOrganisations(request.actor, ecosystemId);
        if (own === 'all' || own.length === 0) throw request.actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
        const entries = (await Promise.all(own.map((id) => findPartnerEntry(db, ecosystemId, id)))).filter((e): e is PartnerEntry => e !== undefined);
        return sendPage(
          reply,
          OwnEntriesPage({
            ctx,
            entries: entries.map((e) => ({ organisationId: e.organisation.id, name: e.organisation.name, status: e.partner?.status ?? null, statusSince: e.partner?.statusSince ?? null })),
          }),
        );
      }
      const status = request.query.status || undefined;
      const [partners, counts, sectors] = await Promise.all([listPartners(db, ecosystemId, 'all', status), partnerCounts(db, ecosystemId), activePartnerSectors(db, ecosystemId)]);
      const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
      return sendPage(
        reply,
        NetworkOverviewPage({
          ctx, partners, counts, check: checkDomains(sectors), status,
          canManage: can(request.actor, 'network.manage', { ecosystemId }),
          canReadSchools: can(request.actor, 'schools.read', { ecosystemId }),
          notice: notice && t(request.locale, notice),
        }),
      );
    },
  );

  // ---- adding a partner ----
  async function newPartnerPage(request: FastifyRequest, raw: FormValues, problems: FieldProblem[]) {
    const organisations = await organisationsOutsideNetwork(db, request.ecosystem.id);
    return { page: NewPartnerPage({ ctx: networkContext(request), organisations, raw, problems }), organisations };
  }

  app.get(
    '/beheer/netwerk/partners/nieuw',
    { schema: { ...hide, querystring: Type.Object({ organisatie: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      authorize(request.actor, 'network.manage', { ecosystemId: request.ecosystem.id });
      const raw = { organisationId: request.query.organisatie ? String(request.query.organisatie) : '', status: 'active', statusSince: today() };
      return sendPage(reply, (await newPartnerPage(request, raw, [])).page);
    },
  );

  app.post('/beheer/netwerk/partners/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    authorize(request.actor, 'network.manage', { ecosystemId });
    const raw = request.body as FormValues;
    const organisations = await organisationsOutsideNetwork(db, ecosystemId);
    const parsed = parsePartnerForm(raw, organisations.map((o) => o.id));
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => addPartner(tx, request.actor, ecosystemId, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/partners/${input.organisationId}?klaar=toegevoegd`, 303);
      problems = result.problems;
    }
    return sendPage(reply, NewPartnerPage({ ctx: networkContext(request), organisations, raw, problems }), 400);
  });

  // ---- one organisation's entry ----
  async function partnerPage(request: FastifyRequest, entry: PartnerEntry, raw: FormValues, problems: FieldProblem[], notice?: string) {
    const ecosystemId = request.ecosystem.id;
    const organisationId = entry.organisation.id;
    const [contacts, roles] = await Promise.all([listPeople(db, ecosystemId, [organisationId]), listRoles(db, ecosystemId, { organisationIds: [organisationId] })]);
    return PartnerPage({
      ctx: networkContext(request), entry, contacts, roles, raw, problems, notice,
      may: { manage: can(request.actor, 'network.manage', { ecosystemId }), readAll: can(request.actor, 'network.read', { ecosystemId }) },
    });
  }

  /** The entry, after checking the action on this organisation; 404 when the organisation is not this ecosystem's. */
  async function loadEntry(request: FastifyRequest, organisationId: number, action: 'network.readOwn' | 'network.manage'): Promise<PartnerEntry> {
    authorize(request.actor, action, { ecosystemId: request.ecosystem.id, organisationId });
    const entry = await findPartnerEntry(db, request.ecosystem.id, organisationId);
    if (!entry) throw errors.notFound('organisation');
    return entry;
  }

  const entryForm = (entry: PartnerEntry): FormValues => (entry.partner ? { status: entry.partner.status, statusSince: entry.partner.statusSince, note: entry.partner.note } : {});

  app.get(
    '/beheer/netwerk/partners/:id',
    { schema: { ...hide, params: IdParams, querystring: Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const entry = await loadEntry(request, request.params.id, 'network.readOwn');
      const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
      return sendPage(reply, await partnerPage(request, entry, entryForm(entry), [], notice && t(request.locale, notice)));
    },
  );

  app.post('/beheer/netwerk/partners/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const entry = await loadEntry(request, request.params.id, 'network.manage');
    if (!entry.partner) throw partnerNotFound();
    const raw = request.body as FormValues;
    const parsed = parsePartnerForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const { organisationId: _, ...patch } = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updatePartner(tx, request.actor, request.ecosystem.id, entry.organisation.id, patch)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/partners/${entry.organisation.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await partnerPage(request, entry, raw, problems), 400);
  });

  // ---- governance ----
  app.get('/beheer/netwerk/structuur', { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    authorize(request.actor, 'network.read', { ecosystemId });
    const day = today();
    const roles = await listRoles(db, ecosystemId);
    return sendPage(
      reply,
      GovernancePage({
        ctx: networkContext(request),
        today: day,
        current: roles.filter((r) => isCurrent(r, day)),
        future: roles.filter((r) => r.startsOn > day),
        ended: roles.filter((r) => r.endsOn !== null && r.endsOn < day),
        canManage: can(request.actor, 'network.manage', { ecosystemId }),
      }),
    );
  });
}
