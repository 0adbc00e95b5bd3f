import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrivatePage } from '../../../http/pages.js';
import { cookieOptions, ensureCsrfToken } from '../../../http/session.js';
import { endPathSession, markActive, openPathWithSecret, pathSessionMs } from '../commands/path-access.js';
import { currentConsents } from '../queries/consents.js';
import { chooseSuggestions, loadSuggestionFacts } from '../queries/next-step-suggestions.js';
import { passOfPathSession, passOfPrivateLink, type PathPass } from '../queries/path-access.js';
import { loadBadges, loadDoneActivityIds, loadLearningPathProgress, loadPathSteps, pathStepsLimit } from '../queries/path-page.js';
import { PathLinkExpiredPage, PathNoConsentPage, PathOpenPage, PathPage } from '../views/path-page.js';

/** The cookie that keeps a path page open after the code and secret were typed; it holds a random token, never the secret. */
export const pathCookie = 'lx_pad';
const hidden = { hide: true };
// Trying codes and secrets: a child mistyping gets several goes a minute; a guesser gets nowhere
// (and each pass also stops opening after ten wrong secrets in an hour: see path-access.ts).
const attemptLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
// Private links carry 256 random bits; this only stops noise.
const linkLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

const OpenBody = Type.Object({
  _csrf: Type.String({ maxLength: 100 }),
  code: Type.String({ maxLength: 200 }),
  secret: Type.String({ maxLength: 200 }),
});
const DoneQuery = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * The child's path page (with a parent): opened with the pass code and its
 * secret (a form; the browser then holds a short-lived session cookie scoped
 * to this page), or with the private link a parent made. Either way it shows
 * only what the `path_page` consent allows.
 */
export async function pathPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, ecosystems } = app.ctx;
  const db = database.db;

  const cookiePath = (request: FastifyRequest) => `${request.basePath}/mijn-pad`;
  const clearPathCookie = (request: FastifyRequest, reply: FastifyReply) => reply.clearCookie(pathCookie, { ...cookieOptions(request), path: cookiePath(request) });

  /** Shows the path of a pass whose access was checked: the kind refusal without consent, else the whole page. */
  async function sendPath(request: FastifyRequest, reply: FastifyReply, pass: PathPass, close: { csrfToken: string } | undefined): Promise<FastifyReply> {
    const base = { locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath };
    const consents = await currentConsents(db, pass.id);
    if (!consents.path_page) return sendPrivatePage(reply, PathNoConsentPage({ ...base, close }));
    const ecosystemId = request.ecosystem.id;
    const [steps, doneIds, badges, themes] = await Promise.all([
      loadPathSteps(db, ecosystemId, pass.id),
      loadDoneActivityIds(db, ecosystemId, pass.id),
      loadBadges(db, ecosystemId, pass.id),
      ecosystems.themes(ecosystemId),
    ]);
    const paths = await loadLearningPathProgress(db, ecosystemId, doneIds);
    const facts = await loadSuggestionFacts(db, ecosystemId, { pass, done: steps, doneIds, paths, themes });
    await database.transaction((tx) => markActive(tx, pass.id));
    const page = PathPage({
      ...base,
      nickname: pass.nickname,
      steps,
      truncated: steps.length >= pathStepsLimit,
      themes,
      badges,
      paths,
      suggestions: chooseSuggestions(facts),
      close,
    });
    return sendPrivatePage(reply, page);
  }

  app.get('/mijn-pad', { schema: { ...hidden, querystring: DoneQuery } }, async (request, reply) => {
    const token = request.cookies[pathCookie];
    if (token) {
      const pass = await passOfPathSession(db, request.ecosystem.id, token);
      if (pass) return sendPath(request, reply, pass, { csrfToken: ensureCsrfToken(request, reply) });
      clearPathCookie(request, reply);
    }
    const notice = request.query.klaar === 'gesloten' ? 'closed' : token ? 'expired' : undefined;
    return sendPrivatePage(
      reply,
      PathOpenPage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, csrfToken: ensureCsrfToken(request, reply), code: '', problems: [], notice }),
    );
  });

  app.post('/mijn-pad', { config: attemptLimit, schema: { ...hidden, body: OpenBody } }, async (request, reply) => {
    const { code, secret } = request.body;
    const result = await database.transaction((tx) => openPathWithSecret(tx, request.ecosystem.id, { code, secret }));
    if (result.ok) {
      reply.setCookie(pathCookie, result.token, { ...cookieOptions(request, pathSessionMs / 1000), path: cookiePath(request) });
      return reply.redirect(`${request.basePath}/mijn-pad`, 303);
    }
    // One answer for a wrong code and a wrong secret, so trying does not tell which half was right.
    const problems = [{ field: 'code', key: result.failure === 'locked' ? ('path.open.locked' as const) : ('path.open.wrong' as const) }];
    const page = PathOpenPage({
      locale: request.locale,
      ecosystem: request.ecosystem,
      basePath: request.basePath,
      csrfToken: ensureCsrfToken(request, reply),
      code: code.slice(0, 40),
      problems,
    });
    return sendPrivatePage(reply, page, result.failure === 'locked' ? 429 : 400);
  });

  app.post('/mijn-pad/sluiten', { schema: { ...hidden, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const token = request.cookies[pathCookie];
    if (token) await database.transaction((tx) => endPathSession(tx, request.ecosystem.id, token));
    clearPathCookie(request, reply);
    return reply.redirect(`${request.basePath}/mijn-pad?klaar=gesloten`, 303);
  });

  app.get('/mijn-pad/:token', { config: linkLimit, schema: { ...hidden, params: TokenParams } }, async (request, reply) => {
    // The token is in this page's address: no Referer carries it anywhere, not even to this site's own pages.
    reply.header('referrer-policy', 'no-referrer');
    const pass = await passOfPrivateLink(db, request.ecosystem.id, request.params.token);
    if (!pass) {
      return sendPrivatePage(reply, PathLinkExpiredPage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath }), 404);
    }
    return sendPath(request, reply, pass, undefined);
  });
}
