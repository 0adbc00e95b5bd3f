import type { Tx } from '../../../db/database.js';

const day = 86_400_000;

/**
 * Expired sessions and used or expired link tokens are worthless and go; an
 * invitation nobody accepted goes a month after it expired (accepted ones stay,
 * as the record of who invited whom).
 */
export async function accountsHousekeeping(tx: Tx, now: Date): Promise<Record<string, number>> {
  const sessions = await tx.db.deleteFrom('user_sessions').where('expires_at', '<', now).executeTakeFirst();
  const tokens = await tx.db
    .deleteFrom('login_tokens')
    .where((eb) => eb.or([eb('expires_at', '<', new Date(now.getTime() - day)), eb('used_at', '<', new Date(now.getTime() - day))]))
    .executeTakeFirst();
  const invitations = await tx.db
    .deleteFrom('invitations')
    .where('accepted_at', 'is', null)
    .where('expires_at', '<', new Date(now.getTime() - 30 * day))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), loginTokens: Number(tokens.numDeletedRows), invitations: Number(invitations.numDeletedRows) };
}
