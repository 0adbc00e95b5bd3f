import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** A class batch as the batch pages show it: counts only, never a child. */
export interface BatchSummary {
  id: number;
  label: string;
  size: number;
  createdAt: Date;
  schoolLocationId: number | null;
  /** "Bieb Centrum, Enschede", or null for a batch without a school. */
  schoolName: string | null;
  /** Passes of the batch scanned at least once. */
  scanned: number;
  /** Passes a parent has activated (consent, a private link or a profile). */
  activated: number;
}

/** Which school locations' batches someone may see: every one (coordinators) or these. */
export type SchoolScope = 'all' | readonly number[];

function summaries(db: Kysely<DB>, ecosystemId: number) {
  return db
    .selectFrom('pass_batches as b')
    .leftJoin('locations as l', (j) => j.onRef('l.ecosystem_id', '=', 'b.ecosystem_id').onRef('l.id', '=', 'b.school_location_id'))
    .select(['b.id', 'b.label', 'b.size', 'b.created_at', 'b.school_location_id', 'l.name as school_name', 'l.city as school_city'])
    .select(
      sql<number>`(select count(*)::int from passes p where p.ecosystem_id = b.ecosystem_id and p.batch_id = b.id
        and exists (select 1 from participations pa where pa.pass_id = p.id))`.as('scanned'),
    )
    .select(
      sql<number>`(select count(*)::int from passes p where p.ecosystem_id = b.ecosystem_id and p.batch_id = b.id
        and (p.link_token_hash is not null or p.nickname is not null or p.birth_year is not null or p.postcode is not null
          or p.gender is not null or p.contact_email is not null or exists (select 1 from pass_consents c where c.pass_id = p.id)))`.as('activated'),
    )
    .where('b.ecosystem_id', '=', ecosystemId);
}

type Row = { id: number; label: string; size: number; created_at: Date; school_location_id: number | null; school_name: string | null; school_city: string | null; scanned: number; activated: number };

function present(r: Row): BatchSummary {
  return {
    id: r.id,
    label: r.label,
    size: r.size,
    createdAt: r.created_at,
    schoolLocationId: r.school_location_id,
    schoolName: r.school_name === null ? null : [r.school_name, r.school_city].filter(Boolean).join(', '),
    scanned: Number(r.scanned),
    activated: Number(r.activated),
  };
}

/** The newest batches first, at most `limit`, of the schools in scope (coordinators also see batches without a school). */
export async function listBatches(db: Kysely<DB>, ecosystemId: number, scope: SchoolScope, limit = 200): Promise<BatchSummary[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  let query = summaries(db, ecosystemId);
  if (scope !== 'all') query = query.where('b.school_location_id', 'in', scope);
  const rows = await query.orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).execute();
  return rows.map(present);
}

/** One batch of this ecosystem, or undefined. */
export async function findBatch(db: Kysely<DB>, ecosystemId: number, batchId: number): Promise<BatchSummary | undefined> {
  const row = await summaries(db, ecosystemId).where('b.id', '=', batchId).executeTakeFirst();
  return row && present(row);
}

/** The active school locations someone may issue passes for, by name. */
export async function schoolChoices(db: Kysely<DB>, ecosystemId: number, scope: SchoolScope): Promise<Array<{ id: number; name: string }>> {
  if (scope !== 'all' && scope.length === 0) return [];
  let query = db
    .selectFrom('locations')
    .select(['id', 'name', 'city'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('is_school', '=', true)
    .where('status', '=', 'active');
  if (scope !== 'all') query = query.where('id', 'in', scope);
  const rows = await query.orderBy('name').orderBy('city').limit(1000).execute();
  return rows.map((r) => ({ id: r.id, name: [r.name, r.city].filter(Boolean).join(', ') }));
}

/**
 * The sheets of this batch made by this person that can still be downloaded,
 * newest first, among those whose keys the browser sent (by sheet id).
 */
export async function downloadableSheets(
  db: Kysely<DB>,
  input: { ecosystemId: number; batchId: number; userId: number; sheetIds: number[]; now: Date },
): Promise<Array<{ id: number; sealed: string; createdAt: Date; expiresAt: Date }>> {
  if (input.sheetIds.length === 0) return [];
  const rows = await db
    .selectFrom('pass_card_sheets')
    .select(['id', 'sealed', 'created_at', 'expires_at'])
    .where('ecosystem_id', '=', input.ecosystemId)
    .where('batch_id', '=', input.batchId)
    .where('created_by', '=', input.userId)
    .where('id', 'in', input.sheetIds)
    .where('expires_at', '>', input.now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, sealed: r.sealed, createdAt: r.created_at, expiresAt: r.expires_at }));
}
