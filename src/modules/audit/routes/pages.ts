import { manageLinksFor } from '../../../core/modules.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../../web/render.js';
import { authorizeManage } from '../../accounts/policies.js';
import { signInFirst } from '../../accounts/routes/manage-pages.js';
import { auditActionGroups, listAuditEvents } from '../queries/audit-log.js';
import { AuditPage } from '../views/audit-page.js';

/** The audit log of one ecosystem, for its coordinators. */
export async function auditPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;

  app.get(
    '/beheer/logboek',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          actie: Type.Optional(Type.String({ maxLength: 100, pattern: '^[a-z_.]*$' })),
          voor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$' })),
        }),
      },
    },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      authorizeManage(request.actor, 'audit.read', request.ecosystem.id);
      const group = request.query.actie ?? '';
      const [{ items, more }, groups] = await Promise.all([
        listAuditEvents(database.db, request.ecosystem.id, { actionPrefix: group || undefined, before: request.query.voor }),
        auditActionGroups(database.db, request.ecosystem.id),
      ]);
      const page = AuditPage({ manageLinks: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id), locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, items, more, groups, group });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
    },
  );
}
