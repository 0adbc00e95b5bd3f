import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './core/config.js';
import type { AppContext } from './core/context.js';
import { EcosystemRegistry } from './core/tenancy.js';
import { Mailer } from './modules/mail/mailer.js';
import { OfferIndexStore } from './modules/catalogue/search-index/index-store.js';
import type { Database } from './db/database.js';
import { actorFromRequest } from './http/auth.js';
import { registerErrorHandling } from './http/errors.js';
import { registerSessions } from './http/session.js';
import { findControlCharacters, validatorCompiler } from './http/validation.js';
import { errors } from './core/errors.js';
import { hostTenantMarker, registerTenantResolution } from './http/tenant.js';
import { modules } from './modules/index.js';
import { localeFromHeader } from './web/i18n/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Built client assets: `dist/public`, next to the compiled server or beside `src` when run from source. */
function publicDir(): string {
  for (const candidate of [join(here, 'public'), join(here, '..', 'dist', 'public')]) {
    if (existsSync(candidate)) return candidate;
  }
  return join(here, '..', 'dist', 'public');
}

export interface BuildOptions {
  config: Config;
  database: Database;
}

/** Builds the app: external plugins, then the app's own, then every module's routes. */
export async function buildApp({ config, database }: BuildOptions): Promise<FastifyInstance> {
  const ecosystems = new EcosystemRegistry(database.db);
  await ecosystems.reload();

  const app = Fastify({
    logger: { level: config.logLevel },
    // One line per request is noise at info level; debug shows them.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    bodyLimit: 512 * 1024,
    routerOptions: { maxParamLength: 200 },
    trustProxy: config.trustProxy,
    // A host mapped to an ecosystem serves it at the root: its paths are routed
    // as if they carried the /e/<slug> prefix. Platform-wide paths stay as they are.
    rewriteUrl(req) {
      const url = req.url ?? '/';
      const slug = ecosystems.slugForHost(req.headers.host);
      if (!slug || url.startsWith('/e/') || url.startsWith('/assets/') || url.startsWith('/api/docs') || url === '/healthz') {
        return url;
      }
      (req as { [hostTenantMarker]?: boolean })[hostTenantMarker] = true;
      return `/e/${slug}${url}`;
    },
  });

  app.setValidatorCompiler(validatorCompiler);

  const mailer = new Mailer(database, { smtpUrl: config.smtpUrl, from: config.mailFrom, logger: app.log });
  const ctx: AppContext = { config, database, ecosystems, offerIndex: new OfferIndexStore(database.db), mailer, modules };
  // Mail queued by the last requests is handed over before the app lets go of the database.
  app.addHook('onClose', async () => mailer.close());
  app.decorate('ctx', ctx);
  app.decorateRequest('ecosystem', null as never);
  app.decorateRequest('basePath', '');
  app.decorateRequest('locale', 'nl');
  app.decorateRequest('actor', null as never);

  registerErrorHandling(app);

  // Hooks that run on every request and never wait take `done` rather than
  // being async: no promise and no extra turn per request (measured in docs/benchmarks.md).

  // Before any schema or handler: text with control characters is refused
  // everywhere with one clear message, instead of failing deep in the database.
  app.addHook('preValidation', (request, _reply, done) => {
    const field =
      findControlCharacters(request.params) ?? findControlCharacters(request.query) ?? findControlCharacters(request.body);
    done(field ? errors.invalidInput([{ field, key: 'field.controlCharacters' }]) : undefined);
  });

  app.addHook('onRequest', (request, _reply, done) => {
    request.locale = localeFromHeader(request.headers['accept-language']);
    // Anonymous first, so the error page for a wrong token has an actor to render for.
    request.actor = { kind: 'anonymous' };
    try {
      request.actor = actorFromRequest(request, config.adminToken);
    } catch (error) {
      return done(error as Error);
    }
    done();
  });

  // Cookies are read after the API token: a request with the token never acts as a signed-in person.
  await app.register(cookie);
  registerSessions(app);
  // Limits apply only to routes that ask for one (sign-in, links, resets).
  await app.register(rateLimit, { global: false });

  // `global: false` and the hook below: @fastify/helmet builds helmet's middleware
  // again on every request (parsing the policy each time); the headers never vary
  // here, so they are computed once, on the first request, and copied after that.
  await app.register(helmet, {
    global: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Map tiles come from the host an ecosystem configures.
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    // The finder is reached from schools' and partners' sites; keep the referrer's origin.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: config.env === 'production',
  });
  let securityHeaders: Array<[string, number | string | string[]]> | undefined;
  app.addHook('onRequest', (_request, reply, done) => {
    const res = reply.raw;
    if (securityHeaders) {
      for (const [name, value] of securityHeaders) res.setHeader(name, value);
      return done();
    }
    const before = new Set(res.getHeaderNames());
    reply.helmet();
    securityHeaders = res.getHeaderNames().filter((name) => !before.has(name)).map((name) => [name, res.getHeader(name)!]);
    done();
  });
  await app.register(compress, { threshold: 2048 });
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: publicDir(),
    prefix: '/assets/',
    maxAge: config.env === 'production' ? '7d' : 0,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Leerecosysteem API',
        version: '1',
        description:
          'Het aanbod van een leerecosysteem: organisaties, locaties, thema’s, activiteiten, bijeenkomsten en vervolgstappen. ' +
          'Lezen is open; schrijven vraagt om de beheersleutel (Authorization: Bearer …).',
      },
      components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } } },
    },
  });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await database.db.selectFrom('ecosystems').select('id').limit(1).execute();
    return { ok: true };
  });

  for (const module of modules) {
    if (module.globalRoutes) await app.register(module.globalRoutes);
  }
  await app.register(
    async (tenant) => {
      registerTenantResolution(tenant);
      for (const module of modules) {
        if (module.tenantRoutes) await tenant.register(module.tenantRoutes);
      }
    },
    { prefix: '/e/:ecosystem' },
  );

  return app;
}
