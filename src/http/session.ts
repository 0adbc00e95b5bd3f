import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../core/errors.js';
import { touchSession } from '../modules/accounts/commands/session-commands.js';
import { loadSessionActor } from '../modules/accounts/queries/actor-loader.js';
import { hashToken, randomToken, sameSecret } from '../modules/accounts/secrets.js';
import { SessionCache } from './session-cache.js';

export const sessionCookie = 'lx_sessie';
const formCookie = 'lx_formulier';
const touchEveryMs = 5 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The token every form must send back as `_csrf`: the session's secret, or a per-browser one before sign-in. */
    csrfToken: string;
  }
}

export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure everywhere except plain-http development on this machine.
    secure: request.server.ctx.config.env === 'production',
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookie, token, cookieOptions(request, 14 * 86_400));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, cookieOptions(request));
}

/**
 * For a page with a form shown before sign-in: makes sure the browser has a
 * form token (a cookie) and returns it for the hidden `_csrf` field. Public
 * pages without forms set no cookie at all.
 */
export function ensureCsrfToken(request: FastifyRequest, reply: FastifyReply): string {
  if (!request.csrfToken) {
    request.csrfToken = randomToken();
    reply.setCookie(formCookie, request.csrfToken, cookieOptions(request));
  }
  return request.csrfToken;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const crossSiteBody = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

/**
 * Reads the session cookie into `request.actor`, and guards every state change
 * made with cookies against cross-site requests: forms must carry the CSRF
 * token; API calls must not be form-like or labelled cross-site by the browser.
 * Requests with the API token carry no cookies' authority and skip both.
 */
export function registerSessions(app: FastifyInstance): void {
  app.decorateRequest('csrfToken', '');

  const readFormToken = (request: FastifyRequest) => {
    if (!request.csrfToken) {
      const formToken = request.cookies[formCookie];
      if (formToken && /^[A-Za-z0-9_-]{43}$/.test(formToken)) request.csrfToken = formToken;
    }
  };

  const sessions = new SessionCache();
  const loadSession = async (request: FastifyRequest, reply: FastifyReply, token: string) => {
    const tokenHash = hashToken(token);
    let session = sessions.get(tokenHash);
    if (!session) {
      const clock = sessions.clock();
      session = await loadSessionActor(app.ctx.database.db, tokenHash);
      if (session) sessions.remember(tokenHash, session, clock);
    }
    if (session) {
      const { lastSeenAt, csrfSecret, expiresAt: _expiresAt, ...actor } = session;
      request.actor = actor;
      request.csrfToken = csrfSecret;
      const now = new Date();
      if (now.getTime() - lastSeenAt.getTime() > touchEveryMs) {
        await app.ctx.database.transaction((tx) => touchSession(tx, actor.sessionId, now));
        // The remembered copy moves along, or every request would touch the session again.
        session.lastSeenAt = now;
      }
    } else {
      clearSessionCookie(request, reply);
    }
  };

  // Without a session cookie (anonymous readers, API clients) this hook never touches the database or waits.
  app.addHook('onRequest', (request, reply, done) => {
    const token = request.cookies[sessionCookie];
    if (request.actor.kind === 'anonymous' && token) {
      loadSession(request, reply, token).then(
        () => {
          readFormToken(request);
          done();
        },
        (error: unknown) => done(error as Error),
      );
      return;
    }
    readFormToken(request);
    done();
  });

  app.addHook('preHandler', (request, _reply, done) => {
    try {
      checkCrossSite(request);
    } catch (error) {
      return done(error as Error);
    }
    done();
  });
}

/** Throws unless a state change made with cookies comes from this site (see `registerSessions`). */
function checkCrossSite(request: FastifyRequest): void {
  if (!unsafeMethods.has(request.method) || request.actor.kind === 'admin') return;
  if (/\/api\//.test(request.url)) {
    // A foreign page can only send form-like bodies without CORS, and browsers
    // label such requests cross-site; either is refused for cookie sessions.
    const contentType = request.headers['content-type'] ?? '';
    const site = request.headers['sec-fetch-site'];
    if (request.actor.kind === 'user' && (crossSiteBody.test(contentType) || site === 'cross-site' || site === 'same-site')) throw errors.csrf();
    return;
  }
  const sent = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  if (!request.csrfToken || typeof sent !== 'string' || !sameSecret(sent, request.csrfToken)) throw errors.csrf();
}
