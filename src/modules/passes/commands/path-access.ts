import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashToken, randomToken, sameSecret } from '../../accounts/secrets.js';
import { hashPassSecret, normalisePassSecret, parsePassCode } from '../pass-code.js';

/** How long a path page stays open after the code and secret were typed: a visit, not a login that lingers on a shared phone. */
export const pathSessionMs = 2 * 3_600_000;
/**
 * Wrong secrets for one pass within an hour before the pass stops opening with
 * a secret for the rest of that hour. The per-address rate limit slows one
 * guesser; this stops many addresses guessing one child's 30-bit secret.
 */
export const maxFailuresPerPassPerHour = 10;
const hourMs = 3_600_000;

export type PathOpenFailure = 'wrong' | 'locked';

/** Why a try failed, for the audit log only; the person trying always gets the same answer. */
type FailureReason = 'malformedCode' | 'unknownCode' | 'wrongSecret' | 'locked';

async function recordFailure(tx: Tx, ecosystemId: number, reason: FailureReason, passId: number | undefined): Promise<void> {
  // Never the secret, and not the code typed: a near-miss of a real code would leak most of it.
  await recordAudit(tx, { kind: 'anonymous' }, {
    ecosystemId,
    action: 'passes.path.failedAttempt',
    subjectType: 'pass',
    ...(passId !== undefined && { subjectId: passId }),
    details: { reason },
  });
}

async function recentFailures(tx: Tx, ecosystemId: number, passId: number, now: Date): Promise<number> {
  const row = await tx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ecosystem_id', '=', ecosystemId)
    .where('subject_type', '=', 'pass')
    .where('subject_id', '=', String(passId))
    .where('action', '=', 'passes.path.failedAttempt')
    .where('at', '>', new Date(now.getTime() - hourMs))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Opens the path page with the pass code and its short secret, as typed.
 * On success returns a fresh session token for the cookie (its hash is kept);
 * on failure writes `passes.path.failedAttempt` to the audit log and returns
 * `wrong` — whether the code or the secret was wrong is never told — or
 * `locked` when this pass has had too many wrong secrets in the last hour.
 * Failures return rather than throw, so their audit event commits.
 */
export async function openPathWithSecret(
  tx: Tx,
  ecosystemId: number,
  input: { code: string; secret: string },
  now: Date = new Date(),
): Promise<{ ok: true; token: string; passId: number } | { ok: false; failure: PathOpenFailure }> {
  const parsed = parsePassCode(input.code);
  if (!parsed.ok) {
    await recordFailure(tx, ecosystemId, 'malformedCode', undefined);
    return { ok: false, failure: 'wrong' };
  }
  const pass = await tx.db
    .selectFrom('passes')
    .select(['id', 'secret_hash'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('code', '=', parsed.code)
    .executeTakeFirst();
  if (!pass) {
    await recordFailure(tx, ecosystemId, 'unknownCode', undefined);
    return { ok: false, failure: 'wrong' };
  }
  if ((await recentFailures(tx, ecosystemId, pass.id, now)) >= maxFailuresPerPassPerHour) {
    await recordFailure(tx, ecosystemId, 'locked', pass.id);
    return { ok: false, failure: 'locked' };
  }
  if (!sameSecret(hashPassSecret(parsed.code, normalisePassSecret(input.secret)), pass.secret_hash)) {
    await recordFailure(tx, ecosystemId, 'wrongSecret', pass.id);
    return { ok: false, failure: 'wrong' };
  }
  const token = randomToken();
  await tx.db
    .insertInto('pass_page_sessions')
    .values({ token_hash: hashToken(token), ecosystem_id: ecosystemId, pass_id: pass.id, created_at: now, expires_at: new Date(now.getTime() + pathSessionMs) })
    .execute();
  await markActive(tx, pass.id, now);
  return { ok: true, token, passId: pass.id };
}

/** Closes an open path page (the "close" button, for shared phones and school computers). */
export async function endPathSession(tx: Tx, ecosystemId: number, token: string): Promise<void> {
  await tx.db.deleteFrom('pass_page_sessions').where('token_hash', '=', hashToken(token)).where('ecosystem_id', '=', ecosystemId).execute();
}

/** Closes every open path page of a pass, e.g. after its secret changed. */
export async function endAllPathSessions(tx: Tx, passId: number): Promise<number> {
  const result = await tx.db.deleteFrom('pass_page_sessions').where('pass_id', '=', passId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Keeps `last_active_at` honest for the retention rule (profiles inactive for
 * N years go) without a write on every page view: at most once a day.
 */
export async function markActive(tx: Tx, passId: number, now: Date = new Date()): Promise<void> {
  await tx.db
    .updateTable('passes')
    .set({ last_active_at: now })
    .where('id', '=', passId)
    .where('last_active_at', '<', new Date(now.getTime() - 86_400_000))
    .execute();
}

/** Removes path page sessions that have run out (hourly housekeeping). */
export async function removeExpiredPathSessions(tx: Tx, now: Date): Promise<number> {
  const result = await tx.db.deleteFrom('pass_page_sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
