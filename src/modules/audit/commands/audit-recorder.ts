import type { Actor } from '../../../core/context.js';
import type { Tx } from '../../../db/database.js';

export interface AuditEntry {
  ecosystemId: number | null;
  /** What happened, as `<module>.<thing>.<verb>`, e.g. `catalogue.activity.published`. */
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  /** What changed; never secrets (passwords, tokens) and never a child's personal data. */
  details?: Record<string, unknown>;
}

function actorColumns(actor: Actor | 'system') {
  if (actor === 'system') return { actor_kind: 'system' as const, actor_user_id: null, actor_label: '' };
  if (actor.kind === 'user') return { actor_kind: 'user' as const, actor_user_id: actor.userId, actor_label: actor.email };
  return { actor_kind: actor.kind, actor_user_id: null, actor_label: actor.kind === 'admin' ? 'API-sleutel' : '' };
}

/**
 * Writes one audit event in the caller's transaction, so the log holds exactly
 * the changes that committed. Every command calls this.
 */
export async function recordAudit(tx: Tx, actor: Actor | 'system', entry: AuditEntry): Promise<void> {
  await tx.db
    .insertInto('audit_events')
    .values({
      ecosystem_id: entry.ecosystemId,
      ...actorColumns(actor),
      action: entry.action,
      subject_type: entry.subjectType ?? '',
      subject_id: entry.subjectId === undefined ? '' : String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
