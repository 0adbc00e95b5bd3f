import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ecosystem } from '../modules/ecosystems/db/schema.js';
import { errors } from '../core/errors.js';

/** Header set by `rewriteUrl` when the ecosystem came from the host name, not the path. */
export const hostTenantMarker = Symbol('hostTenant');

/**
 * Resolves the ecosystem once per request from the `:ecosystem` path segment
 * (which `rewriteUrl` fills in on mapped hosts). Routes registered inside this
 * scope can rely on `request.ecosystem`.
 */
export function registerTenantResolution(app: FastifyInstance): void {
  const settle = (request: FastifyRequest, ecosystem: Ecosystem | undefined): Error | undefined => {
    if (!ecosystem) return errors.notFound('ecosystem');
    request.ecosystem = ecosystem;
    request.basePath = (request.raw as { [hostTenantMarker]?: boolean })[hostTenantMarker] ? '' : `/e/${ecosystem.slug}`;
    return undefined;
  };
  // Not async: while the registry is fresh (nearly always) the ecosystem is known without waiting.
  app.addHook('onRequest', (request, _reply, done) => {
    const slug = (request.params as { ecosystem?: string }).ecosystem ?? '';
    const known = app.ctx.ecosystems.bySlugIfFresh(slug);
    if (known !== null) return done(settle(request, known));
    app.ctx.ecosystems.bySlugOrUndefined(slug).then(
      (ecosystem) => done(settle(request, ecosystem)),
      (error: unknown) => done(error as Error),
    );
  });
}
