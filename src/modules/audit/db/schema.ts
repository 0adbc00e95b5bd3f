import type { ColumnType, Generated, Selectable } from 'kysely';

export interface AuditEventsTable {
  id: Generated<string>;
  ecosystem_id: number | null;
  actor_kind: 'anonymous' | 'admin' | 'user' | 'system';
  actor_user_id: number | null;
  actor_label: ColumnType<string, string | undefined, string>;
  action: string;
  subject_type: ColumnType<string, string | undefined, string>;
  subject_id: ColumnType<string, string | undefined, string>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type AuditEvent = Selectable<AuditEventsTable>;

export interface AuditDB {
  audit_events: AuditEventsTable;
}
