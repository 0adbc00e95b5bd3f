import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

export const auditPageSize = 100;

export interface AuditFilter {
  /** Only events whose action starts with this, e.g. `catalogue.activity`. */
  actionPrefix?: string | undefined;
  /** Keyset paging: events older than this id. */
  before?: string | undefined;
}

/** One ecosystem's log, newest first, a page at a time; never another ecosystem's events. */
export async function listAuditEvents(db: Kysely<DB>, ecosystemId: number, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_events')
    .select(['id', 'actor_kind', 'actor_label', 'action', 'subject_type', 'subject_id', 'details', 'at'])
    .where('ecosystem_id', '=', ecosystemId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(auditPageSize + 1);
  if (filter.actionPrefix) query = query.where('action', 'like', `${filter.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.before) {
    query = query.where(sql<boolean>`(at, id) < (select e.at, e.id from audit_events e where e.id = ${filter.before} and e.ecosystem_id = ${ecosystemId})`);
  }
  const rows = await query.execute();
  return { items: rows.slice(0, auditPageSize), more: rows.length > auditPageSize };
}

/** The kinds of change in this ecosystem's log (the first two parts of each action), for the filter. */
export async function auditActionGroups(db: Kysely<DB>, ecosystemId: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().where('ecosystem_id', '=', ecosystemId).execute();
  return [...new Set(rows.map((r) => r.action.split('.').slice(0, 2).join('.')))].sort();
}
