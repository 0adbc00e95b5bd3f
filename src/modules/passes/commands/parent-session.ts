import { timingSafeEqual } from 'node:crypto';
import type { FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashToken, randomToken } from '../../accounts/secrets.js';
import { hashPassSecret, normalisePassSecret, parsePassCode } from '../pass-code.js';

/** A parent's session on a pass lasts this long: enough to look and change, short enough on a shared phone. */
export const parentSessionMinutes = 30;
/**
 * Wrong secrets for one pass within an hour before that pass opens for no one
 * for the rest of the hour. The rate limit per address stops one source; this
 * stops many sources aiming at one card whose code they know.
 */
export const failedAttemptsPerPass = 10;

export interface OpenInput {
  code: string;
  secret: string;
}

export type OpenResult = { ok: true; token: string; passId: number } | { ok: false; problems: FieldProblem[] };

/** One answer for an unknown code, a wrong secret or a locked pass: none tells a guesser which it was. */
const generic: FieldProblem[] = [{ field: 'code', key: 'passes.parent.wrongCodeOrSecret' }];

async function failed(tx: Tx, ecosystemId: number, reason: 'malformed' | 'unknownCode' | 'wrongSecret' | 'locked', passId?: number): Promise<void> {
  // Never the secret, and not the typed code either: it may be someone's real code with a typo.
  await recordAudit(tx, { kind: 'anonymous' }, {
    ecosystemId,
    action: 'passes.parent.failedAttempt',
    ...(passId !== undefined && { subjectType: 'pass', subjectId: passId }),
    details: { reason },
  });
}

/**
 * Opens a pass for its parent with the code and the secret: returns a session
 * token for a cookie, or the problems to show. Every failure (malformed or
 * unknown code, wrong secret, locked pass) is written to the audit log, which
 * is why a failure is an answer rather than an error: the caller's transaction
 * commits and the log keeps it.
 */
export async function openPassForParent(tx: Tx, ecosystemId: number, input: OpenInput, now: Date = new Date()): Promise<OpenResult> {
  const problems: FieldProblem[] = [];
  if (input.code.trim() === '') problems.push({ field: 'code', key: 'passes.code.empty' });
  const secret = normalisePassSecret(input.secret);
  if (secret === '') problems.push({ field: 'secret', key: 'passes.parent.secretEmpty' });
  if (problems.length > 0) return { ok: false, problems };

  const parsed = parsePassCode(input.code);
  if (!parsed.ok) {
    await failed(tx, ecosystemId, 'malformed');
    // A typo the check character caught is the parent's to fix, and says nothing about which codes exist.
    return { ok: false, problems: [{ field: 'code', key: `passes.code.${parsed.problem}` }] };
  }
  const pass = await tx.db
    .selectFrom('passes')
    .select(['id', 'secret_hash'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('code', '=', parsed.code)
    .executeTakeFirst();
  if (!pass) {
    await failed(tx, ecosystemId, 'unknownCode');
    return { ok: false, problems: generic };
  }
  const recent = await tx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ecosystem_id', '=', ecosystemId)
    .where('subject_type', '=', 'pass')
    .where('subject_id', '=', String(pass.id))
    .where('action', '=', 'passes.parent.failedAttempt')
    .where('at', '>', new Date(now.getTime() - 3_600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= failedAttemptsPerPass) {
    await failed(tx, ecosystemId, 'locked', pass.id);
    return { ok: false, problems: generic };
  }
  const given = Buffer.from(hashPassSecret(parsed.code, secret), 'hex');
  const stored = Buffer.from(pass.secret_hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    await failed(tx, ecosystemId, 'wrongSecret', pass.id);
    return { ok: false, problems: generic };
  }

  const token = randomToken();
  await tx.db
    .insertInto('pass_parent_sessions')
    .values({ token_hash: hashToken(token), ecosystem_id: ecosystemId, pass_id: pass.id, expires_at: new Date(now.getTime() + parentSessionMinutes * 60_000) })
    .execute();
  await startedParentSession(tx, ecosystemId, pass.id, now);
  return { ok: true, token, passId: pass.id };
}

/** A parent opening the pass counts as activity (for retention), and is logged. */
async function startedParentSession(tx: Tx, ecosystemId: number, passId: number, now: Date): Promise<void> {
  await tx.db.updateTable('passes').set({ last_active_at: now }).where('id', '=', passId).execute();
  await recordAudit(tx, { kind: 'anonymous' }, { ecosystemId, action: 'passes.parent.opened', subjectType: 'pass', subjectId: passId });
}

/** A session for the parent who just requested the pass, so they can go on to its page without typing the code. */
export async function startParentSession(tx: Tx, ecosystemId: number, passId: number, now: Date = new Date()): Promise<string> {
  const token = randomToken();
  await tx.db
    .insertInto('pass_parent_sessions')
    .values({ token_hash: hashToken(token), ecosystem_id: ecosystemId, pass_id: passId, expires_at: new Date(now.getTime() + parentSessionMinutes * 60_000) })
    .execute();
  return token;
}

/** Ends a parent's session (the "close" button). */
export async function endParentSession(tx: Tx, token: string): Promise<void> {
  await tx.db.deleteFrom('pass_parent_sessions').where('token_hash', '=', hashToken(token)).execute();
}
