import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/context.js';
import { errors } from '../core/errors.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Reads the actor from the Authorization header. A wrong token is an error
 * rather than "anonymous", so a client with a typo learns it at once.
 */
export function actorFromRequest(request: FastifyRequest, adminToken: string | undefined): Actor {
  const header = request.headers.authorization;
  if (!header) return { kind: 'anonymous' };
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) throw errors.unauthenticated();
  // A token sent to a server that has none configured: say so, rather than "wrong token".
  if (!adminToken) throw errors.writingDisabled();
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  if (!timingSafeEqual(digest(match[1]!), digest(adminToken))) throw errors.unauthenticated();
  return { kind: 'admin' };
}
