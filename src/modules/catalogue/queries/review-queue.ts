import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

export interface SubmittedActivity {
  id: number;
  title: string;
  summary: string;
  organisationName: string;
  submittedAt: Date | null;
}

/** Activities waiting for the coordinator, oldest first: first come, first reviewed. */
export async function listSubmitted(db: Kysely<DB>, ecosystemId: number): Promise<SubmittedActivity[]> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'a.summary', 'o.name as organisation_name', 'a.submitted_at'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.status', '=', 'submitted')
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, summary: r.summary, organisationName: r.organisation_name, submittedAt: r.submitted_at }));
}
