import { sendPrivatePage } from '../../../http/pages.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../../core/errors.js';
import { clearSessionCookie, ensureCsrfToken, setSessionCookie } from '../../../http/session.js';
import { checkPassword, endAllSessions, endSession, startSession } from '../commands/session-commands.js';
import type { UserActor } from '../queries/actor-loader.js';
import { AccountPage } from '../views/account-page.js';
import { SignInPage } from '../views/sign-in-page.js';

const hidden = { hide: true };
// Ten tries a minute per address is plenty for a person and slows guessing to a crawl.
const signInLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

/** Only a path on this site; anything else (another host, `//evil`, `/\evil`) goes to the account page. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500 || !/^\/(?![/\\])/.test(next)) return '/account';
  return next;
}

function signedIn(request: FastifyRequest): UserActor {
  if (request.actor.kind !== 'user') throw errors.unauthenticated();
  return request.actor;
}

/** Sign-in, the account page and signing out. */
export async function accountPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;

  app.get(
    '/inloggen',
    { schema: { ...hidden, querystring: Type.Object({ volgende: Type.Optional(Type.String({ maxLength: 500 })), uitgelogd: Type.Optional(Type.String({ maxLength: 5 })) }) } },
    async (request, reply) =>
      sendPrivatePage(reply,
        SignInPage({
          locale: request.locale,
          csrfToken: ensureCsrfToken(request, reply),
          next: safeNext(request.query.volgende),
          email: '',
          failed: false,
          signedOut: request.query.uitgelogd === '1',
        }),
      ),
  );

  app.post(
    '/inloggen',
    {
      config: signInLimit,
      schema: {
        ...hidden,
        body: Type.Object({
          _csrf: Type.String({ maxLength: 100 }),
          volgende: Type.Optional(Type.String({ maxLength: 500 })),
          email: Type.String({ maxLength: 254 }),
          password: Type.String({ maxLength: 1000 }),
        }),
      },
    },
    async (request, reply) => {
      const { email, password, volgende } = request.body;
      const previous = request.actor.kind === 'user' ? request.actor.sessionId : undefined;
      const started = await database.transaction(async (tx) => {
        const userId = email && password ? await checkPassword(tx, email, password) : undefined;
        if (userId === undefined) return undefined;
        return startSession(tx, userId, { userAgent: request.headers['user-agent'] ?? '', previousSessionId: previous, method: 'password' });
      });
      if (!started) {
        return sendPrivatePage(reply,
          SignInPage({ locale: request.locale, csrfToken: ensureCsrfToken(request, reply), next: safeNext(volgende), email: email.slice(0, 254), failed: true, signedOut: false }),
          400,
        );
      }
      setSessionCookie(request, reply, started.token);
      return reply.redirect(safeNext(volgende), 303);
    },
  );

  app.get('/account', { schema: { ...hidden, querystring: Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    if (request.actor.kind !== 'user') return reply.redirect(`/inloggen?volgende=${encodeURIComponent('/account')}`, 303);
    const actor = request.actor;
    const ecosystems = await app.ctx.ecosystems.all();
    // Ecosystems where some module offers this person a management page.
    const manageable = new Set(ecosystems.filter((e) => app.ctx.modules.some((m) => (m.manageLinks?.(actor, e.id) ?? []).length > 0)).map((e) => e.id));
    const page = AccountPage({
      locale: request.locale,
      actor,
      ecosystems,
      manageable,
      csrfToken: request.csrfToken,
      passwordChanged: request.query.klaar === 'wachtwoord',
    });
    return sendPrivatePage(reply, page);
  });

  app.post('/uitloggen', { schema: hidden }, async (request, reply) => {
    const actor = signedIn(request);
    await database.transaction((tx) => endSession(tx, actor.sessionId, actor.userId));
    clearSessionCookie(request, reply);
    return reply.redirect('/inloggen?uitgelogd=1', 303);
  });

  app.post('/uitloggen/overal', { schema: hidden }, async (request, reply) => {
    const actor = signedIn(request);
    await database.transaction((tx) => endAllSessions(tx, actor.userId));
    clearSessionCookie(request, reply);
    return reply.redirect('/inloggen?uitgelogd=1', 303);
  });
}
