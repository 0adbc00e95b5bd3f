import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams } from '../../../http/schemas.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { createPerson, deletePerson, updatePerson } from '../commands/person-commands.js';
import { parsePersonForm, type FormValues } from '../network-forms.js';
import { authorize, can } from '../network-policies.js';
import { accountChoices, findPerson, listPeople, listRoles, organisationChoices, type PersonRow } from '../queries/network-directory.js';
import { PeoplePage, PersonPage } from '../views/person-pages.js';
import { ActionBody, attempt, DoneQuery, FormBody, hide, networkContext, sendPage, signInFirst, today } from './network-route-helpers.js';

const notices: Record<string, MessageKey> = { aangemaakt: 'network.people.created', opgeslagen: 'network.people.saved', verwijderd: 'network.people.deleted' };

function personForm(p: PersonRow): FormValues {
  return {
    name: p.name, jobTitle: p.jobTitle, organisationId: p.organisationId === null ? '' : String(p.organisationId),
    email: p.email ?? '', phone: p.phone ?? '', userId: p.userId === null ? '' : String(p.userId),
  };
}

/** The contact people of the network: a list for readers, forms for coordinators. */
export async function personPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  const choices = async (ecosystemId: number) => {
    const [organisations, accounts] = await Promise.all([organisationChoices(db, ecosystemId), accountChoices(db, ecosystemId)]);
    return { organisations, accounts };
  };

  app.get('/beheer/netwerk/mensen', { schema: { ...hide, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    authorize(request.actor, 'network.read', { ecosystemId });
    const [people, currentRoles] = await Promise.all([listPeople(db, ecosystemId), listRoles(db, ecosystemId, { current: today() })]);
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(
      reply,
      PeoplePage({ ctx: networkContext(request), people, currentRoles, canManage: can(request.actor, 'network.manage', { ecosystemId }), notice: notice && t(request.locale, notice) }),
    );
  });

  app.get(
    '/beheer/netwerk/mensen/nieuw',
    { schema: { ...hide, querystring: Type.Object({ organisatie: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      authorize(request.actor, 'network.manage', { ecosystemId: request.ecosystem.id });
      const raw = { organisationId: request.query.organisatie ? String(request.query.organisatie) : '' };
      return sendPage(reply, PersonPage({ ctx: networkContext(request), roles: [], choices: await choices(request.ecosystem.id), canManage: true, raw, problems: [] }));
    },
  );

  app.post('/beheer/netwerk/mensen/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    authorize(request.actor, 'network.manage', { ecosystemId });
    const raw = request.body as FormValues;
    const options = await choices(ecosystemId);
    const parsed = parsePersonForm(raw, { organisationIds: options.organisations.map((o) => o.id), userIds: options.accounts.map((a) => a.id) });
    let problems: FieldProblem[] = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createPerson(tx, request.actor, ecosystemId, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/mensen/${result.value.id}?klaar=aangemaakt`, 303);
      problems = result.problems;
    }
    return sendPage(reply, PersonPage({ ctx: networkContext(request), roles: [], choices: options, canManage: true, raw, problems }), 400);
  });

  /** A person of this ecosystem, after checking the action; 404 otherwise. */
  async function loadPerson(request: FastifyRequest, id: number, action: 'network.read' | 'network.manage'): Promise<PersonRow> {
    authorize(request.actor, action, { ecosystemId: request.ecosystem.id });
    const person = await findPerson(db, request.ecosystem.id, id);
    if (!person) throw errors.notFound('person');
    return person;
  }

  async function personPage(request: FastifyRequest, person: PersonRow, raw: FormValues, problems: FieldProblem[], notice?: string) {
    const ecosystemId = request.ecosystem.id;
    const canManage = can(request.actor, 'network.manage', { ecosystemId });
    const [roles, options] = await Promise.all([listRoles(db, ecosystemId, { personId: person.id }), canManage ? choices(ecosystemId) : { organisations: [], accounts: [] }]);
    return PersonPage({ ctx: networkContext(request), person, roles, choices: options, canManage, raw, problems, notice });
  }

  app.get('/beheer/netwerk/mensen/:id', { schema: { ...hide, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const person = await loadPerson(request, request.params.id, 'network.read');
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(reply, await personPage(request, person, personForm(person), [], notice && t(request.locale, notice)));
  });

  app.post('/beheer/netwerk/mensen/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const person = await loadPerson(request, request.params.id, 'network.manage');
    const ecosystemId = request.ecosystem.id;
    const raw = request.body as FormValues;
    const options = await choices(ecosystemId);
    const parsed = parsePersonForm(raw, { organisationIds: options.organisations.map((o) => o.id), userIds: options.accounts.map((a) => a.id) });
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updatePerson(tx, request.actor, ecosystemId, person.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/mensen/${person.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await personPage(request, person, raw, problems), 400);
  });

  app.post('/beheer/netwerk/mensen/:id/verwijderen', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const person = await loadPerson(request, request.params.id, 'network.manage');
    await database.transaction((tx) => deletePerson(tx, request.actor, request.ecosystem.id, person.id));
    return reply.redirect(`${request.basePath}/beheer/netwerk/mensen?klaar=verwijderd`, 303);
  });
}
