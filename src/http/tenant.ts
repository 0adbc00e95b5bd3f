import type { FastifyInstance } from 'fastify';
import { errors } from '../core/errors.js';

/** Header set by `rewriteUrl` when the ecosystem came from the host name, not the path. */
export const hostTenantMarker = Symbol('hostTenant');

/**
 * Resolves the ecosystem once per request from the `:ecosystem` path segment
 * (which `rewriteUrl` fills in on mapped hosts). Routes registered inside this
 * scope can rely on `request.ecosystem`.
 */
export function registerTenantResolution(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const slug = (request.params as { ecosystem?: string }).ecosystem ?? '';
    const ecosystem = await app.ctx.ecosystems.bySlugOrUndefined(slug);
    if (!ecosystem) throw errors.notFound('ecosystem');
    request.ecosystem = ecosystem;
    request.basePath = (request.raw as { [hostTenantMarker]?: boolean })[hostTenantMarker] ? '' : `/e/${ecosystem.slug}`;
  });
}
