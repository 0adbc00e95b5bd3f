import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashToken, randomToken, verifyPassword } from '../secrets.js';

/** A session lasts two weeks from the last time it was used. */
export const sessionLifetimeMs = 14 * 86_400_000;

export interface StartedSession {
  /** Goes into the cookie; only its hash is stored. */
  token: string;
  sessionId: string;
}

/**
 * Starts a session for a person who has just proved who they are. The
 * session they came with (if any) ends, so a token planted before sign-in
 * is worthless after it (session fixation).
 */
export async function startSession(tx: Tx, userId: number, options: { userAgent: string; previousSessionId?: string | undefined; method: string }): Promise<StartedSession> {
  if (options.previousSessionId) await tx.db.deleteFrom('user_sessions').where('id', '=', options.previousSessionId).execute();
  const token = randomToken();
  const sessionId = hashToken(token);
  const now = new Date();
  await tx.db
    .insertInto('user_sessions')
    .values({
      id: sessionId,
      user_id: userId,
      csrf_secret: randomToken(),
      expires_at: new Date(now.getTime() + sessionLifetimeMs),
      user_agent: options.userAgent.slice(0, 300),
    })
    .execute();
  const user = await tx.db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', userId).returning(['email']).executeTakeFirstOrThrow();
  await recordAudit(tx, 'system', { ecosystemId: null, action: 'accounts.signed_in', subjectType: 'user', subjectId: userId, details: { email: user.email, method: options.method } });
  return { token, sessionId };
}

/**
 * Checks an e-mail address and password. Answers only yes (the user's id) or
 * no: the caller shows one message for every failure, so nobody learns which
 * addresses have an account.
 */
export async function checkPassword(tx: Tx, email: string, password: string): Promise<number | undefined> {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'status'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  return ok && user?.status === 'active' ? user.id : undefined;
}

/** Keeps an active session alive; called at most every few minutes per session. */
export async function touchSession(tx: Tx, sessionId: string, now: Date = new Date()): Promise<void> {
  await tx.db
    .updateTable('user_sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + sessionLifetimeMs) })
    .where('id', '=', sessionId)
    .execute();
}

export async function endSession(tx: Tx, sessionId: string, userId: number): Promise<void> {
  await tx.db.deleteFrom('user_sessions').where('id', '=', sessionId).execute();
  await recordAudit(tx, 'system', { ecosystemId: null, action: 'accounts.signed_out', subjectType: 'user', subjectId: userId });
}

/** Signs a person out on every device, for instance after a lost phone. */
export async function endAllSessions(tx: Tx, userId: number): Promise<number> {
  const result = await tx.db.deleteFrom('user_sessions').where('user_id', '=', userId).executeTakeFirst();
  await recordAudit(tx, 'system', { ecosystemId: null, action: 'accounts.signed_out_everywhere', subjectType: 'user', subjectId: userId });
  return Number(result.numDeletedRows);
}
