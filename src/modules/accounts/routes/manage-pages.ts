import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { manageLinksFor } from '../../../core/modules.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams } from '../../../http/schemas.js';
import { t } from '../../../web/i18n/index.js';
import { inviteMember, revokeInvitation } from '../commands/invitation-commands.js';
import { revokeRole } from '../commands/membership-commands.js';
import { authorizeManage, canManage } from '../policies.js';
import { invitationChoices, listPendingInvitations, listPeople } from '../queries/people.js';
import { ManagePage } from '../views/manage-page.js';
import { PeoplePage, roles, type InviteForm } from '../views/people-page.js';

const hidden = { hide: true };
const Csrf = Type.Object({ _csrf: Type.String({ maxLength: 100 }) });
const OneOrMany = Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 500 })]);

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Form values that must be ids: whole numbers, or a problem for the field. */
function ids(values: string[], field: string, problems: FieldProblem[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (/^[1-9]\d{0,9}$/.test(v) && Number(v) <= 2_147_483_647) out.push(Number(v));
    else problems.push({ field, key: 'accounts.invite.unknownChoice' });
  }
  return out;
}

export { signInFirst };

/** The ecosystem's management start page and the people page (roles and invitations). */
export async function managePages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;

  app.get('/beheer', { schema: { ...hidden, querystring: Type.Object({ welkom: Type.Optional(Type.String({ maxLength: 5 })) }) } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const links = manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id);
    // Someone with nothing to manage here (another ecosystem's coordinator, a school contact for now) is refused like everywhere else.
    if (links.length === 0) throw errors.forbidden();
    const page = ManagePage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, links, welcome: request.query.welkom === '1' });
    return sendPrivatePage(reply, page);
  });

  async function peoplePage(request: FastifyRequest, reply: FastifyReply, form: InviteForm, problems: FieldProblem[], notice: string | undefined) {
    const ecosystemId = request.ecosystem.id;
    const [people, invitations, choices] = await Promise.all([
      listPeople(database.db, ecosystemId),
      listPendingInvitations(database.db, ecosystemId),
      invitationChoices(database.db, ecosystemId),
    ]);
    const page = PeoplePage({
      manageLinks: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id),
      locale: request.locale,
      ecosystem: request.ecosystem,
      basePath: request.basePath,
      csrfToken: request.csrfToken,
      people,
      invitations,
      choices,
      may: { invite: canManage(request.actor, 'people.invite', ecosystemId), revoke: canManage(request.actor, 'people.revoke', ecosystemId) },
      form,
      problems,
      notice,
      currentUserId: request.actor.kind === 'user' ? request.actor.userId : undefined,
    });
    return sendPrivatePage(reply, page, problems.length > 0 ? 400 : 200);
  }

  const emptyForm: InviteForm = { email: '', role: 'partner_editor', organisationIds: [], locationIds: [] };

  app.get(
    '/beheer/mensen',
    { schema: { ...hidden, querystring: Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })), email: Type.Optional(Type.String({ maxLength: 254 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      authorizeManage(request.actor, 'people.read', request.ecosystem.id);
      const { klaar, email = '' } = request.query;
      const notice =
        klaar === 'uitgenodigd'
          ? t(request.locale, mailer.delivers ? 'accounts.people.invited' : 'accounts.people.invitedOutbox', { email })
          : klaar === 'ingetrokken'
            ? t(request.locale, 'accounts.people.withdrawn')
            : klaar === 'rol-ingetrokken'
              ? t(request.locale, 'accounts.people.revoked')
              : undefined;
      return peoplePage(request, reply, emptyForm, [], notice);
    },
  );

  app.post(
    '/beheer/mensen/uitnodigen',
    {
      schema: {
        ...hidden,
        body: Type.Object({
          _csrf: Type.String({ maxLength: 100 }),
          email: Type.String({ maxLength: 1000 }),
          role: Type.Optional(Type.String({ maxLength: 30 })),
          organisationIds: Type.Optional(OneOrMany),
          locationIds: Type.Optional(OneOrMany),
        }),
      },
    },
    async (request, reply) => {
      authorizeManage(request.actor, 'people.invite', request.ecosystem.id);
      const body = request.body;
      const form: InviteForm = { email: body.email.slice(0, 254), role: body.role ?? '', organisationIds: list(body.organisationIds), locationIds: list(body.locationIds) };
      const problems: FieldProblem[] = [];
      const role = roles.find((r) => r === body.role) as Role | undefined;
      if (!role) problems.push({ field: 'role', key: 'field.required' });
      const organisationIds = ids(form.organisationIds, 'organisationIds', problems);
      const locationIds = ids(form.locationIds, 'locationIds', problems);
      if (problems.length === 0 && role) {
        const result = await attempt(() =>
          database.transaction((tx) =>
            inviteMember(
              tx,
              request.actor,
              { ecosystemId: request.ecosystem.id, ecosystemName: request.ecosystem.name, email: body.email, role, organisationIds, locationIds },
              { mailer, publicUrl: config.publicUrl, locale: request.locale },
            ),
          ),
        );
        if (result.ok) {
          const email = body.email.trim().toLowerCase();
          return reply.redirect(`${request.basePath}/beheer/mensen?klaar=uitgenodigd&email=${encodeURIComponent(email)}`, 303);
        }
        problems.push(...result.problems);
      }
      return peoplePage(request, reply, form, problems, undefined);
    },
  );

  app.post('/beheer/mensen/uitnodigingen/:id/intrekken', { schema: { ...hidden, params: IdParams, body: Csrf } }, async (request, reply) => {
    authorizeManage(request.actor, 'people.invite', request.ecosystem.id);
    await database.transaction((tx) => revokeInvitation(tx, request.actor, request.ecosystem.id, request.params.id));
    return reply.redirect(`${request.basePath}/beheer/mensen?klaar=ingetrokken`, 303);
  });

  app.post('/beheer/mensen/rollen/:id/intrekken', { schema: { ...hidden, params: IdParams, body: Csrf } }, async (request, reply) => {
    authorizeManage(request.actor, 'people.revoke', request.ecosystem.id);
    await database.transaction((tx) => revokeRole(tx, request.actor, request.ecosystem.id, request.params.id));
    return reply.redirect(`${request.basePath}/beheer/mensen?klaar=rol-ingetrokken`, 303);
  });
}
