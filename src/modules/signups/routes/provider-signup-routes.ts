import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { Id } from '../../../http/schemas.js';
import { t } from '../../../web/i18n/index.js';
import { staffContext } from '../../passes/routes/pass-lookup-pages.js';
import { cancelSessionWithNotice, markAttendance, markPaid, recordListView } from '../commands/signup-commands.js';
import { authorize, managedOrganisations } from '../policies.js';
import { signupOnSession as findSignupOnSession } from '../queries/route-lookups.js';
import { providerSessions, sessionForSignup, sessionList } from '../queries/signup-queries.js';
import { manageSignupsPath, ProviderOverviewPage, SessionListPage } from '../views/provider-pages.js';

const hide = { hide: true };
const Csrf = { _csrf: Type.String({ maxLength: 100 }) };
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const SessionParams = Type.Object({ id: Id });
const Notice = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });

/**
 * Providers' pages: their sessions with sign-up, one session's list of
 * children (by nickname or pseudonym; opening it is logged, since it is a
 * list of children), attendance (a scan counts), payment, and cancelling a
 * session with notice to every family.
 */
export async function providerSignupRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;
  const db = database.db;
  const mail = { mailer, publicUrl: config.publicUrl };

  app.get(manageSignupsPath, { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const organisations = managedOrganisations(request.actor, request.ecosystem.id);
    if (organisations !== 'all' && organisations.length === 0) throw errors.forbidden();
    const sessions = await providerSessions(db, request.ecosystem.id, organisations);
    return sendPrivatePage(reply, ProviderOverviewPage({ ctx: staffContext(request), sessions }));
  });

  /** The session, if the actor may manage its activity's sign-ups; another partner's session is forbidden, an unknown one not found. */
  async function managedSession(request: FastifyRequest, sessionId: number) {
    const session = await sessionForSignup(db, request.ecosystem.id, sessionId);
    if (!session) throw errors.notFound('session');
    authorize(request.actor, 'signups.manage', { ecosystemId: request.ecosystem.id, organisationId: session.activity.organisationId });
    return session;
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, sessionId: number, problems: FieldProblem[] = [], notice?: string) {
    const session = await managedSession(request, sessionId);
    const children = await sessionList(db, request.ecosystem.id, sessionId);
    // A list of children is personal data: each look is logged, like the look-up of one pass.
    await database.transaction((tx) => recordListView(tx, request.actor, request.ecosystem.id, sessionId, children.length));
    const page = SessionListPage({ ctx: staffContext(request), session, children, started: session.startsAt <= new Date(), problems, notice });
    return sendPrivatePage(reply, page, problems.length ? 400 : 200);
  }

  app.get(`${manageSignupsPath}/sessie/:id`, { schema: { ...hide, params: SessionParams, querystring: Notice } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const notices: Record<string, string> = {
      aanwezigheid: t(request.locale, 'signups.list.attendanceSaved'),
      betaald: t(request.locale, 'signups.list.paidSaved'),
      afgelast: t(request.locale, 'signups.list.cancelledDone'),
    };
    return listPage(request, reply, request.params.id, [], notices[request.query.klaar ?? '']);
  });

  /** The sign-up, if it is on this session's list; an id from elsewhere is "not found". */
  async function signupOnSession(request: FastifyRequest, sessionId: number, id: string | undefined) {
    if (!id || !/^[0-9]{1,18}$/.test(id)) throw errors.notFound('signup');
    const found = await findSignupOnSession(db, request.ecosystem.id, sessionId, id);
    if (!found) throw errors.notFound('signup');
    return found;
  }

  app.post(`${manageSignupsPath}/sessie/:id/aanwezigheid`, { schema: { ...hide, params: SessionParams, body: Type.Object({ ...Csrf, signupId: Text(30), aanwezig: Text(10) }) } }, async (request, reply) => {
    const sessionId = request.params.id;
    await managedSession(request, sessionId);
    const signupId = await signupOnSession(request, sessionId, request.body.signupId);
    const value = request.body.aanwezig;
    if (value !== 'ja' && value !== 'nee') return listPage(request, reply, sessionId, [{ field: 'aanwezig', key: 'signups.error.attendanceChoice' }]);
    const result = await attempt(() => database.transaction((tx) => markAttendance(tx, request.actor, request.ecosystem.id, signupId, value === 'ja' ? 'attended' : 'no_show')));
    if (!result.ok) return listPage(request, reply, sessionId, result.problems);
    return reply.redirect(`${request.basePath}${manageSignupsPath}/sessie/${sessionId}?klaar=aanwezigheid`, 303);
  });

  app.post(`${manageSignupsPath}/sessie/:id/betaald`, { schema: { ...hide, params: SessionParams, body: Type.Object({ ...Csrf, signupId: Text(30), betaald: Text(10) }) } }, async (request, reply) => {
    const sessionId = request.params.id;
    await managedSession(request, sessionId);
    const signupId = await signupOnSession(request, sessionId, request.body.signupId);
    const value = request.body.betaald;
    if (value !== 'ja' && value !== 'nee') return listPage(request, reply, sessionId, [{ field: 'betaald', key: 'signups.error.paidChoice' }]);
    await database.transaction((tx) => markPaid(tx, request.actor, request.ecosystem.id, signupId, value === 'ja'));
    return reply.redirect(`${request.basePath}${manageSignupsPath}/sessie/${sessionId}?klaar=betaald`, 303);
  });

  app.post(`${manageSignupsPath}/sessie/:id/afgelasten`, { schema: { ...hide, params: SessionParams, body: Type.Object({ ...Csrf, reason: Text(2000) }) } }, async (request, reply) => {
    const sessionId = request.params.id;
    await managedSession(request, sessionId);
    const result = await attempt(() => database.transaction((tx) => cancelSessionWithNotice(tx, request.actor, request.ecosystem.id, sessionId, request.body.reason ?? '', mail)));
    if (!result.ok) return listPage(request, reply, sessionId, result.problems);
    return reply.redirect(`${request.basePath}${manageSignupsPath}/sessie/${sessionId}?klaar=afgelast`, 303);
  });
}
