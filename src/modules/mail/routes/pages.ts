import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errors } from '../../../core/errors.js';
import { renderDocument } from '../../../web/render.js';
import { authorizeManage } from '../../accounts/policies.js';
import { signInFirst } from '../../accounts/routes/manage-pages.js';
import { findMail, listMail } from '../queries/outbox.js';
import { MailPage, OutboxPage } from '../views/outbox-page.js';

const MailId = Type.String({ pattern: '^[1-9][0-9]{0,17}$' });

/** The outbox, for platform administrators only. */
export async function outboxPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, mailer } = app.ctx;

  app.get('/beheer/post', { schema: { hide: true, querystring: Type.Object({ voor: Type.Optional(MailId) }) } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeManage(request.actor, 'mail.outbox.read', undefined);
    const { items, more } = await listMail(database.db, request.query.voor);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderDocument(OutboxPage({ locale: request.locale, items, more, delivers: mailer.delivers })));
  });

  app.get('/beheer/post/:id', { schema: { hide: true, params: Type.Object({ id: MailId }) } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeManage(request.actor, 'mail.outbox.read', undefined);
    const mail = await findMail(database.db, request.params.id);
    if (!mail) throw errors.notFound('mail');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(MailPage({ locale: request.locale, mail })));
  });
}
