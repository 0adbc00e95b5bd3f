import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/core/context.js';
import type { Database } from '../../src/db/database.js';
import { grantRole } from '../../src/modules/accounts/commands/membership-commands.js';
import { startSession } from '../../src/modules/accounts/commands/session-commands.js';
import { createUser } from '../../src/modules/accounts/commands/user-creator.js';

/** An invented person with one role, signed in: returns the cookie to send. */
export async function signedInAs(
  database: Database,
  role: { ecosystemId: number; role: Role; organisationIds?: number[]; locationIds?: number[] } | 'platform_admin',
  email = `p${Math.random().toString(36).slice(2, 10)}@proef.example`,
): Promise<{ cookies: { lx_sessie: string }; userId: number }> {
  return database.transaction(async (tx) => {
    const userId = await createUser(tx, { email, name: 'Proefpersoon', platformAdmin: role === 'platform_admin' });
    if (role !== 'platform_admin') await grantRole(tx, 'system', { userId, ...role });
    const session = await startSession(tx, userId, { userAgent: 'test', method: 'test' });
    return { cookies: { lx_sessie: session.token }, userId };
  });
}

/** A JSON API call with a session cookie, as a browser script would make it. */
export function asPerson(app: FastifyInstance, cookies: { lx_sessie: string }) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, cookies, ...(payload !== undefined && { payload }) });
}
