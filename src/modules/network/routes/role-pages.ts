import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams, StringEnum } from '../../../http/schemas.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { createRole, endRole, updateRole } from '../commands/role-commands.js';
import { networkRoles } from '../db/schema.js';
import { parseEndForm, parseRoleForm, type FormValues, type RoleFormChoices } from '../network-forms.js';
import { authorize } from '../network-policies.js';
import { findRole, listPeople, organisationChoices, type RoleRow } from '../queries/network-directory.js';
import { RolePage, type RoleFormChoicesView } from '../views/role-pages.js';
import { attempt, DoneQuery, FormBody, hide, networkContext, sendPage, signInFirst, today } from './network-route-helpers.js';

const notices: Record<string, MessageKey> = { aangemaakt: 'network.roles.created', opgeslagen: 'network.roles.saved', beeindigd: 'network.roles.ended' };

function roleForm(r: RoleRow): FormValues {
  return {
    personId: r.personId === null ? '' : String(r.personId),
    organisationId: r.heldByOrganisation && r.organisationId !== null ? String(r.organisationId) : '',
    municipality: r.municipality ?? '', community: r.community ?? '', startsOn: r.startsOn, endsOn: r.endsOn ?? '', note: r.note,
  };
}

/** Adding, changing and ending roles in the network: coordinators only (everyone who reads sees them on the governance page). */
export async function rolePages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  async function choices(request: FastifyRequest): Promise<RoleFormChoicesView & RoleFormChoices> {
    const [people, organisations] = await Promise.all([listPeople(db, request.ecosystem.id), organisationChoices(db, request.ecosystem.id)]);
    return {
      people: people.map((p) => ({ id: p.id, name: p.name, organisationName: p.organisationName })),
      organisations,
      municipalities: request.ecosystem.municipalities,
      personIds: people.map((p) => p.id),
      organisationIds: organisations.map((o) => o.id),
    };
  }

  const Preselect = Type.Object({
    persoon: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    organisatie: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    rol: Type.Optional(StringEnum(networkRoles)),
  });

  app.get('/beheer/netwerk/rollen/nieuw', { schema: { ...hide, querystring: Preselect } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorize(request.actor, 'network.manage', { ecosystemId: request.ecosystem.id });
    const { persoon, organisatie, rol } = request.query;
    // A person preselected takes the role for themselves; otherwise the organisation does, where the role fits one.
    const raw: FormValues = { role: rol ?? '', personId: persoon ? String(persoon) : '', organisationId: !persoon && organisatie ? String(organisatie) : '', startsOn: today() };
    return sendPage(reply, RolePage({ ctx: networkContext(request), choices: await choices(request), raw, problems: [], endRaw: {}, endProblems: [], today: today() }));
  });

  app.post('/beheer/netwerk/rollen/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    authorize(request.actor, 'network.manage', { ecosystemId });
    const raw = request.body as FormValues;
    const options = await choices(request);
    const parsed = parseRoleForm(raw, options);
    let problems: FieldProblem[] = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createRole(tx, request.actor, ecosystemId, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/rollen/${result.value.id}?klaar=aangemaakt`, 303);
      problems = result.problems;
    }
    return sendPage(reply, RolePage({ ctx: networkContext(request), choices: options, raw, problems, endRaw: {}, endProblems: [], today: today() }), 400);
  });

  async function loadRole(request: FastifyRequest, id: number): Promise<RoleRow> {
    authorize(request.actor, 'network.manage', { ecosystemId: request.ecosystem.id });
    const role = await findRole(db, request.ecosystem.id, id);
    if (!role) throw errors.notFound('networkRole');
    return role;
  }

  app.get('/beheer/netwerk/rollen/:id', { schema: { ...hide, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const role = await loadRole(request, request.params.id);
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(
      reply,
      RolePage({
        ctx: networkContext(request), role, choices: await choices(request), raw: roleForm(role), problems: [], endRaw: { lastDay: today() }, endProblems: [],
        today: today(), notice: notice && t(request.locale, notice),
      }),
    );
  });

  app.post('/beheer/netwerk/rollen/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const role = await loadRole(request, request.params.id);
    const raw = request.body as FormValues;
    const options = await choices(request);
    const parsed = parseRoleForm(raw, options, { role: role.role });
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateRole(tx, request.actor, request.ecosystem.id, role.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/rollen/${role.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, RolePage({ ctx: networkContext(request), role, choices: options, raw, problems, endRaw: { lastDay: today() }, endProblems: [], today: today() }), 400);
  });

  app.post('/beheer/netwerk/rollen/:id/beeindigen', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const role = await loadRole(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseEndForm(raw, role.startsOn);
    let problems = parsed.problems;
    if (parsed.endsOn) {
      const endsOn = parsed.endsOn;
      const result = await attempt(() => database.transaction((tx) => endRole(tx, request.actor, request.ecosystem.id, role.id, endsOn, today())));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/rollen/${role.id}?klaar=beeindigd`, 303);
      problems = result.problems;
    }
    return sendPage(reply, RolePage({ ctx: networkContext(request), role, choices: await choices(request), raw: roleForm(role), problems: [], endRaw: raw, endProblems: problems, today: today() }), 400);
  });
}
