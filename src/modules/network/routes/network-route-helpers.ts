import type { FastifyRequest } from 'fastify';
import { manageLinksFor } from '../../../core/modules.js';
import { isoDay } from '../../../web/format.js';
import type { ManageContext } from '../views/network-layout.js';

// The management forms' body and query shapes are the catalogue's: loose on
// purpose, so the form parsers give each field its own Dutch message.
export { ActionBody, DoneQuery, FormBody } from '../../catalogue/routes/manage-helpers.js';
export { attempt, sendPrivatePage as sendPage, signInFirst } from '../../../http/pages.js';

export const hide = { hide: true };

export function networkContext(request: FastifyRequest): ManageContext {
  return {
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: request.csrfToken,
    links: manageLinksFor(request.server.ctx.modules, request.actor, request.ecosystem.id),
  };
}

/** Today in Amsterdam as yyyy-mm-dd: roles and statuses are held by the calendar day. */
export function today(): string {
  return isoDay(new Date());
}
