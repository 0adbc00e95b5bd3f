import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../web/render.js';

/** Sends a page that is for one person (a form, a management page): never stored by a browser or proxy. */
export function sendPrivatePage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** Someone not signed in goes to the sign-in page and comes back here afterwards. */
export function signInFirst(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (request.actor.kind !== 'anonymous') return undefined;
  return reply.redirect(`/inloggen?volgende=${encodeURIComponent(request.url)}`, 303);
}
