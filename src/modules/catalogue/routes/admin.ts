import { signInFirst } from '../../../http/pages.js';
import type { Tx } from '../../../db/database.js';
import { audited } from './manage-helpers.js';
import { manageLinksFor } from '../../../core/modules.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../../http/schemas.js';
import { renderDocument } from '../../../web/render.js';
import { publishActivity, returnActivity } from '../commands/activity-commands.js';
import { authorize } from '../policies.js';
import { listSubmitted } from '../queries/review-queue.js';
import { ReviewQueuePage } from '../views/review-queue-page.js';

/** Pages for running the ecosystem's offer: the coordinator's review queue. */
export async function catalogueAdminPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;

  app.get(
    '/beheer/beoordelen',
    { schema: { hide: true, querystring: Type.Object({ klaar: Type.Optional(Type.Union([Type.Literal('gepubliceerd'), Type.Literal('teruggestuurd')])) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      authorize(request.actor, 'activity.publish', { ecosystemId: request.ecosystem.id });
      const items = await listSubmitted(database.db, request.ecosystem.id);
      const done = request.query.klaar === 'gepubliceerd' ? 'published' : request.query.klaar === 'teruggestuurd' ? 'returned' : undefined;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderDocument(ReviewQueuePage({ manageLinks: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id), locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, items, csrfToken: request.csrfToken, done })));
    },
  );

  app.post(
    '/beheer/beoordelen/:id/publiceren',
    { schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Type.String() }) } },
    async (request, reply) => {
      authorize(request.actor, 'activity.publish', { ecosystemId: request.ecosystem.id });
      await audited(request, () => ({ action: 'catalogue.activity.published', subjectType: 'activity', subjectId: request.params.id }), (tx: Tx) => publishActivity(tx, request.ecosystem.id, request.params.id));
      return reply.redirect(`${request.basePath}/beheer/beoordelen?klaar=gepubliceerd`, 303);
    },
  );

  app.post(
    '/beheer/beoordelen/:id/terugsturen',
    { schema: { hide: true, params: IdParams, body: Type.Object({ _csrf: Type.String(), comment: Type.String({ minLength: 1, maxLength: 2000 }) }) } },
    async (request, reply) => {
      authorize(request.actor, 'activity.return', { ecosystemId: request.ecosystem.id });
      await audited(request, () => ({ action: 'catalogue.activity.returned', subjectType: 'activity', subjectId: request.params.id, details: { comment: request.body.comment } }), (tx: Tx) =>
        returnActivity(tx, request.ecosystem.id, request.params.id, request.body.comment),
      );
      return reply.redirect(`${request.basePath}/beheer/beoordelen?klaar=teruggestuurd`, 303);
    },
  );
}
