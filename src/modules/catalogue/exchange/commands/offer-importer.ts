import { sql } from 'kysely';
import type { Actor } from '../../../../core/context.js';
import type { Tx } from '../../../../db/database.js';
import { recordAudit } from '../../../audit/commands/audit-recorder.js';
import { createActivity, updateActivity } from '../../commands/activity-commands.js';
import { refreshLastSession } from '../../commands/references.js';
import { createSession, updateSession } from '../../commands/session-commands.js';
import type { ActivityInput } from '../../schemas.js';
import { loadImportContext } from '../queries/import-context.js';
import { validateSheet, type ImportPlan, type PlannedActivity } from '../row-validator.js';
import type { SessionSpec } from '../session-format.js';
import type { Sheet } from '../sheet-reader.js';

/** `all`: everything or nothing. `valid`: the rows without problems, the others left out, as the person chose after the preview. */
export type ImportMode = 'all' | 'valid';

export interface ImportOptions {
  mode: ImportMode;
  defaultOrganisationId: number | null;
  fileName: string;
  now?: Date;
}

export interface ImportOutcome {
  /** False when nothing was written: the file has a problem as a whole, or (mode `all`) any row has one, or no row is valid. */
  applied: boolean;
  plan: ImportPlan;
  created: number;
  updated: number;
}

/**
 * Imports an offer file in the caller's transaction. It checks the file again
 * against the data as it is now (never trusting an earlier preview), then
 * creates and updates through the catalogue's own commands, so one transaction
 * holds the whole import: if anything fails, nothing is written.
 *
 * New activities are drafts, so they pass the coordinator's review before they
 * are public; updated ones keep their status, as an edit through the API does.
 */
export async function applyOfferImport(tx: Tx, actor: Actor, ecosystemId: number, sheet: Sheet, options: ImportOptions): Promise<ImportOutcome> {
  // One import per ecosystem at a time: two at once could both create the same own id.
  await sql`select pg_advisory_xact_lock(${0x0ffe}, ${ecosystemId})`.execute(tx.db);
  const now = options.now ?? new Date();
  const context = await loadImportContext(tx.db, actor, ecosystemId, sheet, options.defaultOrganisationId, now);
  const plan = validateSheet(sheet, context);
  const refused = plan.blocked || plan.valid.length === 0 || (options.mode === 'all' && plan.problems.length > 0);
  if (refused) return { applied: false, plan, created: 0, updated: 0 };

  let created = 0;
  let updated = 0;
  for (const item of plan.valid) {
    const sessions = await applyRow(tx, ecosystemId, item, now);
    if (item.action === 'create') created++;
    else updated++;
    await recordAudit(tx, actor, {
      ecosystemId,
      action: item.action === 'create' ? 'catalogue.activity.imported' : 'catalogue.activity.updated_by_import',
      subjectType: 'activity',
      subjectId: sessions.activityId,
      details: { row: item.row, externalId: item.externalId, file: options.fileName, sessions: sessions.counts },
    });
  }
  await recordAudit(tx, actor, {
    ecosystemId,
    action: 'catalogue.offer.imported',
    subjectType: 'offer',
    details: { file: options.fileName, mode: options.mode, created, updated, skippedRows: plan.invalidRows },
  });
  return { applied: true, plan, created, updated };
}

async function applyRow(tx: Tx, ecosystemId: number, item: PlannedActivity, now: Date) {
  let activityId: number;
  if (item.action === 'create') {
    const activity = await createActivity(tx, ecosystemId, { ...(item.fields as ActivityInput), status: 'draft' });
    activityId = activity.id;
  } else {
    activityId = item.activityId!;
    // The organisation never changes through an import; the row was matched within it.
    const { organisationId: _same, ...patch } = item.fields;
    if (Object.keys(patch).length > 0) await updateActivity(tx, ecosystemId, activityId, patch);
  }
  if (item.externalId !== null) {
    await tx.db.updateTable('activities').set({ external_id: item.externalId }).where('ecosystem_id', '=', ecosystemId).where('id', '=', activityId).execute();
  }
  const counts = item.sessions ? await replaceUpcomingSessions(tx, ecosystemId, activityId, item.sessions, now) : null;
  return { activityId, counts };
}

/**
 * Makes the activity's upcoming sessions those of the file. A session with the
 * same start and end stays (with the file's capacity), so its id and whatever
 * hangs on it survive; others go or come. Sessions that have begun, and
 * cancelled ones, are history and stay as they are.
 */
async function replaceUpcomingSessions(tx: Tx, ecosystemId: number, activityId: number, wanted: SessionSpec[], now: Date) {
  const current = await tx.db
    .selectFrom('sessions')
    .select(['id', 'starts_at', 'ends_at', 'capacity'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('activity_id', '=', activityId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .execute();
  const keyOf = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.getTime()}/${s.endsAt.getTime()}`;
  const currentByKey = new Map(current.map((s) => [keyOf({ startsAt: s.starts_at, endsAt: s.ends_at }), s]));
  const counts = { added: 0, kept: 0, removed: 0 };
  const keep = new Set<number>();
  for (const s of wanted) {
    const match = currentByKey.get(keyOf(s));
    if (match && !keep.has(match.id)) {
      keep.add(match.id);
      counts.kept++;
      if (match.capacity !== s.capacity) await updateSession(tx, ecosystemId, match.id, { capacity: s.capacity });
    } else {
      await createSession(tx, ecosystemId, activityId, { startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), capacity: s.capacity });
      counts.added++;
    }
  }
  const gone = current.filter((s) => !keep.has(s.id)).map((s) => s.id);
  if (gone.length > 0) {
    await tx.db.deleteFrom('sessions').where('ecosystem_id', '=', ecosystemId).where('id', 'in', gone).execute();
    counts.removed = gone.length;
    await refreshLastSession(tx, ecosystemId, activityId);
  }
  return counts;
}
