import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError, type FieldProblem } from '../core/errors.js';
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

/** The field problems of a command's invalid-input error, to show on the form; any other error goes on. */
export function problemsOf(error: unknown): FieldProblem[] {
  if (error instanceof AppError && error.id === 'invalid_input' && error.problems.length > 0) return error.problems;
  throw error;
}

/** Runs a change; returns the problems to show on the form instead when the command refused the input. */
export async function attempt<T>(change: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problems: FieldProblem[] }> {
  try {
    return { ok: true, value: await change() };
  } catch (error) {
    return { ok: false, problems: problemsOf(error) };
  }
}
