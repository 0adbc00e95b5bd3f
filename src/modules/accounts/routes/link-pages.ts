import { attempt, sendPrivatePage } from '../../../http/pages.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.js';
import { ensureCsrfToken, setSessionCookie } from '../../../http/session.js';
import { acceptInvitation, checkEmail, findOpenInvitation, type MailSettings } from '../commands/invitation-commands.js';
import { peekLoginToken, resetPassword, sendLoginLink, useLoginToken } from '../commands/login-token-commands.js';
import { startSession } from '../commands/session-commands.js';
import { InvitationPage } from '../views/invitation-page.js';
import { LinkConfirmPage, LinkRequestPage, ResetPasswordPage } from '../views/link-request-page.js';
import { LinkExpiredPage } from '../views/link-expired-page.js';

const hidden = { hide: true };
// Asking for links mails someone: a few a minute per address is plenty and keeps the platform from being used to flood inboxes.
const linkLimit = { rateLimit: { max: 5, timeWindow: '1 minute' } };
// Following links: tokens carry 256 bits, so this only stops noise.
const tokenLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/** Sign-in by e-mail link, password reset, and accepting an invitation: the pages reached from mail. */
export async function linkPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;
  const mailSettings = (request: FastifyRequest): MailSettings => ({ mailer, publicUrl: config.publicUrl, locale: request.locale });
  const previousSession = (request: FastifyRequest) => (request.actor.kind === 'user' ? request.actor.sessionId : undefined);

  for (const purpose of ['sign_in', 'password_reset'] as const) {
    const path = purpose === 'sign_in' ? '/inloggen/link' : '/wachtwoord-vergeten';
    app.get(path, { schema: hidden }, async (request, reply) =>
      sendPrivatePage(reply, LinkRequestPage({ locale: request.locale, purpose, csrfToken: ensureCsrfToken(request, reply), email: '', problems: [], sent: false })),
    );
    app.post(
      path,
      { config: linkLimit, schema: { ...hidden, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }), email: Type.String({ maxLength: 1000 }) }) } },
      async (request, reply) => {
        const result = await attempt(() => database.transaction((tx) => sendLoginLink(tx, checkEmail(request.body.email), purpose, mailSettings(request))));
        const problems = result.ok ? [] : result.problems;
        const page = LinkRequestPage({
          locale: request.locale,
          purpose,
          csrfToken: ensureCsrfToken(request, reply),
          email: request.body.email.slice(0, 254),
          problems,
          sent: problems.length === 0,
        });
        return sendPrivatePage(reply, page, problems.length ? 400 : 200);
      },
    );
  }

  app.get('/inloggen/link/:token', { config: tokenLimit, schema: { ...hidden, params: TokenParams } }, async (request, reply) => {
    const found = await peekLoginToken(database.db, request.params.token, 'sign_in');
    if (!found) return sendPrivatePage(reply, LinkExpiredPage({ locale: request.locale, purpose: 'sign_in' }), 410);
    return sendPrivatePage(reply, LinkConfirmPage({ locale: request.locale, csrfToken: ensureCsrfToken(request, reply), email: found.email, token: request.params.token }));
  });

  app.post(
    '/inloggen/link/:token',
    { config: tokenLimit, schema: { ...hidden, params: TokenParams, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const started = await database
        .transaction(async (tx) => {
          const userId = await useLoginToken(tx, request.params.token, 'sign_in');
          return startSession(tx, userId, { userAgent: request.headers['user-agent'] ?? '', previousSessionId: previousSession(request), method: 'link' });
        })
        .catch((error: unknown) => {
          if (error instanceof AppError && error.id === 'link_expired') return undefined;
          throw error;
        });
      if (!started) return sendPrivatePage(reply, LinkExpiredPage({ locale: request.locale, purpose: 'sign_in' }), 410);
      setSessionCookie(request, reply, started.token);
      return reply.redirect('/account', 303);
    },
  );

  app.get('/wachtwoord-herstellen/:token', { config: tokenLimit, schema: { ...hidden, params: TokenParams } }, async (request, reply) => {
    const found = await peekLoginToken(database.db, request.params.token, 'password_reset');
    if (!found) return sendPrivatePage(reply, LinkExpiredPage({ locale: request.locale, purpose: 'password_reset' }), 410);
    return sendPrivatePage(reply, ResetPasswordPage({ locale: request.locale, csrfToken: ensureCsrfToken(request, reply), email: found.email, token: request.params.token, problems: [] }));
  });

  app.post(
    '/wachtwoord-herstellen/:token',
    {
      config: linkLimit,
      schema: {
        ...hidden,
        params: TokenParams,
        body: Type.Object({ _csrf: Type.String({ maxLength: 100 }), username: Type.Optional(Type.String({ maxLength: 254 })), password: Type.String({ maxLength: 1000 }), repeat: Type.String({ maxLength: 1000 }) }),
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const found = await peekLoginToken(database.db, token, 'password_reset');
      if (!found) return sendPrivatePage(reply, LinkExpiredPage({ locale: request.locale, purpose: 'password_reset' }), 410);
      const result = await attempt(() =>
        database.transaction(async (tx) => {
          const userId = await resetPassword(tx, token, request.body.password, request.body.repeat);
          return startSession(tx, userId, { userAgent: request.headers['user-agent'] ?? '', method: 'password_reset' });
        }),
      );
      if (!result.ok) {
        const page = ResetPasswordPage({ locale: request.locale, csrfToken: ensureCsrfToken(request, reply), email: found.email, token, problems: result.problems });
        return sendPrivatePage(reply, page, 400);
      }
      setSessionCookie(request, reply, result.value.token);
      return reply.redirect('/account?klaar=wachtwoord', 303);
    },
  );

  app.get('/uitnodiging/:token', { config: tokenLimit, schema: { ...hidden, params: TokenParams } }, async (request, reply) => {
    const invitation = await findOpenInvitation(database.db, request.params.token);
    if (!invitation) return sendPrivatePage(reply, LinkExpiredPage({ locale: request.locale, purpose: 'invitation' }), 410);
    return sendPrivatePage(reply, InvitationPage({ locale: request.locale, csrfToken: ensureCsrfToken(request, reply), token: request.params.token, invitation, name: '', problems: [] }));
  });

  app.post(
    '/uitnodiging/:token',
    {
      config: tokenLimit,
      schema: {
        ...hidden,
        params: TokenParams,
        body: Type.Object({
          _csrf: Type.String({ maxLength: 100 }),
          username: Type.Optional(Type.String({ maxLength: 254 })),
          name: Type.Optional(Type.String({ maxLength: 1000 })),
          password: Type.Optional(Type.String({ maxLength: 1000 })),
          repeat: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const invitation = await findOpenInvitation(database.db, token);
      if (!invitation) return sendPrivatePage(reply, LinkExpiredPage({ locale: request.locale, purpose: 'invitation' }), 410);
      const { name = '', password = '', repeat = '' } = request.body;
      const result = await attempt(() =>
        database.transaction(async (tx) => {
          const accepted = await acceptInvitation(tx, token, invitation.user_id === null ? { name, password, repeat } : undefined);
          return startSession(tx, accepted.userId, { userAgent: request.headers['user-agent'] ?? '', previousSessionId: previousSession(request), method: 'invitation' });
        }),
      );
      if (!result.ok) {
        const page = InvitationPage({ locale: request.locale, csrfToken: ensureCsrfToken(request, reply), token, invitation, name: name.slice(0, 200), problems: result.problems });
        return sendPrivatePage(reply, page, 400);
      }
      setSessionCookie(request, reply, result.value.token);
      return reply.redirect(`/e/${invitation.ecosystem_slug}/beheer?welkom=1`, 303);
    },
  );
}
