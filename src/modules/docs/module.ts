import type { FastifyInstance } from 'fastify';
import type { AppModule } from '../../core/modules.js';
import { renderDocument } from '../../web/render.js';
import { DocsPage, type OpenApiDoc } from './docs-page.js';

async function docsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderDocument(DocsPage({ locale: request.locale, doc: app.swagger() as unknown as OpenApiDoc }))),
  );
}

/** The API's documentation: OpenAPI for tools and a readable page made from it. */
export const docsModule: AppModule = { id: 'docs', globalRoutes: docsRoutes };
