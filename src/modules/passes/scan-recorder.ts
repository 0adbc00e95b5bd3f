import type { Actor } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { recordAudit } from '../audit/commands/audit-recorder.js';
import { recordCheckIn } from './commands/check-in.js';
import { codeFromScan } from './pass-card-links.js';
import { parsePassCode } from './pass-code.js';
import type { UnknownCodeGuard } from './scan-guard.js';

/** One scan as the scan page or a device's queue sends it. */
export interface ScanInput {
  /** What was scanned or typed: the code, or the card's address from its QR code. */
  code: string;
  sessionId: number;
  deviceScanId: string;
  scannedAt: Date;
}

/**
 * - `recorded`, `duplicate`: done (a repeat counts once);
 * - `refused`: this scan can never be recorded (the message says why);
 * - `retry`: not now (scanning is paused after too many unknown codes): keep it and send it later.
 */
export type ScanDone = { status: 'recorded' | 'duplicate'; participationId: string; activityId: number; error?: undefined };
export type ScanNotDone = { status: 'refused' | 'retry'; error: AppError };
export type ScanOutcome = ScanDone | ScanNotDone;

export interface ScanContext {
  database: Database;
  guard: UnknownCodeGuard;
  actor: Actor;
  ecosystemId: number;
  /** The client's address, for the guard and the log. */
  address: string;
  /** Which door the scan came through, for the log. */
  via: 'form' | 'api';
}

/** Scanning paused after too many unknown codes: the usual 429, with a message that says why. */
export function scanningPaused(): AppError {
  return new AppError('too_many_requests', 429, 'scan.paused');
}

/** Who the guard counts: a person, or the API key. */
export function actorKey(actor: Actor): string | undefined {
  return actor.kind === 'user' ? `u${actor.userId}` : actor.kind === 'admin' ? 'admin' : undefined;
}

/**
 * Records one scan with `recordCheckIn`, behind the guard against guessing:
 * each unknown code is counted and written to the audit log (with only the
 * first four characters of the code), and after too many scanning pauses for
 * that person and address. Normal scans never touch the log.
 */
export async function recordScan(ctx: ScanContext, input: ScanInput, now: Date = new Date()): Promise<ScanOutcome> {
  const who = actorKey(ctx.actor);
  if (ctx.guard.blocked(who, ctx.address)) return { status: 'retry', error: scanningPaused() };
  const code = codeFromScan(input.code);
  try {
    // No transaction around it: recordCheckIn writes in one statement (see there), and BEGIN and COMMIT would cost two more round trips per scan.
    const result = await recordCheckIn(ctx.database.db, ctx.actor, { ecosystemId: ctx.ecosystemId, code, sessionId: input.sessionId, deviceScanId: input.deviceScanId, scannedAt: input.scannedAt }, now);
    return { status: result.status, participationId: result.participationId, activityId: result.activityId };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    // Not signed in, or no right to scan at all: not about this scan, so the whole request fails.
    if (error.id === 'unauthenticated') throw error;
    if (error.problems[0]?.key === 'passes.code.unknown') await noteUnknownCode(ctx, who, code, input.sessionId);
    return { status: 'refused', error };
  }
}

async function noteUnknownCode(ctx: ScanContext, who: string | undefined, code: string, sessionId: number): Promise<void> {
  const { limitReached } = ctx.guard.note(who, ctx.address);
  const parsed = parsePassCode(code);
  await ctx.database.transaction(async (tx) => {
    await recordAudit(tx, ctx.actor, {
      ecosystemId: ctx.ecosystemId,
      action: 'passes.scan.unknownCode',
      subjectType: 'session',
      subjectId: sessionId,
      // Only a prefix: enough to spot a pattern, useless for finding the pass if the code was real elsewhere.
      details: { codePrefix: parsed.ok ? parsed.code.slice(0, 4) : '', via: ctx.via, address: ctx.address },
    });
    if (limitReached) {
      await recordAudit(tx, ctx.actor, { ecosystemId: ctx.ecosystemId, action: 'passes.scan.paused', details: { via: ctx.via, address: ctx.address } });
    }
  });
}
