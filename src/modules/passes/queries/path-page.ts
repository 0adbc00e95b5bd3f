import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Level } from '../../catalogue/vocabulary.js';

/** One step on a child's path: a participation, with what the page and the next-step engine need. */
export interface DoneStep {
  participationId: string;
  activityId: number;
  title: string;
  level: Level;
  minAge: number;
  maxAge: number;
  organisationName: string;
  /** Where it happened: the session's location, else the activity's. */
  locationId: number | null;
  locationName: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  themeIds: number[];
  scannedAt: Date;
}

/** Most steps a path page shows (and the engine reads): years of weekly clubs fit; the page says when there are more. */
export const pathStepsLimit = 300;

/** The pass's steps, most recent first, at most `pathStepsLimit` (the participations_pass index: pass_id, scanned_at). */
export async function loadPathSteps(db: Kysely<DB>, ecosystemId: number, passId: number): Promise<DoneStep[]> {
  const result = await sql<{
    id: string; activity_id: number; title: string; level: Level; min_age: number; max_age: number; organisation_name: string;
    location_id: number | null; location_name: string | null; city: string | null; lat: number | null; lng: number | null;
    theme_ids: number[]; scanned_at: Date;
  }>`
    select p.id::text as id, p.activity_id, a.title, a.level, a.min_age, a.max_age, o.name as organisation_name,
      l.id as location_id, l.name as location_name, l.city, l.lat, l.lng,
      array(select t.theme_id from activity_themes t where t.activity_id = a.id order by t.theme_id) as theme_ids,
      p.scanned_at
    from participations p
    join activities a on a.id = p.activity_id
    join organisations o on o.id = p.organisation_id
    join sessions s on s.id = p.session_id
    left join locations l on l.id = coalesce(s.location_id, a.location_id)
    where p.pass_id = ${passId} and p.ecosystem_id = ${ecosystemId}
    order by p.scanned_at desc, p.id desc
    limit ${pathStepsLimit}`.execute(db);
  return result.rows.map((r) => ({
    participationId: r.id,
    activityId: r.activity_id,
    title: r.title,
    level: r.level,
    minAge: r.min_age,
    maxAge: r.max_age,
    organisationName: r.organisation_name,
    locationId: r.location_id,
    locationName: r.location_name,
    city: r.city,
    lat: r.lat,
    lng: r.lng,
    themeIds: r.theme_ids,
    scannedAt: new Date(r.scanned_at),
  }));
}

/** Every activity the pass took part in (not only the steps shown), so nothing done is suggested again. */
export async function loadDoneActivityIds(db: Kysely<DB>, ecosystemId: number, passId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('participations')
    .select('activity_id')
    .distinct()
    .where('pass_id', '=', passId)
    .where('ecosystem_id', '=', ecosystemId)
    .limit(5_000)
    .execute();
  return new Set(rows.map((r) => r.activity_id));
}

export interface EarnedBadge {
  /** The award's id, which its public page is named by. */
  id: string;
  name: string;
  description: string;
  kind: 'activity' | 'learning_path';
  issuedAt: Date;
}

/** The badges awarded to the pass and not revoked; issuing them is the badges module's work. */
export async function loadBadges(db: Kysely<DB>, ecosystemId: number, passId: number): Promise<EarnedBadge[]> {
  const rows = await db
    .selectFrom('badge_awards as b')
    .innerJoin('achievements as a', 'a.id', 'b.achievement_id')
    .select(['b.id', 'a.name', 'a.description', 'a.kind', 'b.issued_at'])
    .where('b.pass_id', '=', passId)
    .where('b.ecosystem_id', '=', ecosystemId)
    .where('b.revoked_at', 'is', null)
    .orderBy('b.issued_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, kind: r.kind, issuedAt: r.issued_at }));
}

export interface LearningPathProgress {
  id: number;
  slug: string;
  title: string;
  ordered: boolean;
  /** The steps in their order. */
  steps: Array<{ activityId: number; title: string; done: boolean }>;
  total: number;
  done: number;
}

/** Most learning paths the path page follows at once. */
const startedPathsLimit = 20;

/**
 * The published learning paths the pass has started (taken part in at least
 * one step), with how far it got. Found from the activities done through the
 * (ecosystem_id, activity_id) index on steps.
 */
export async function loadLearningPathProgress(db: Kysely<DB>, ecosystemId: number, doneIds: ReadonlySet<number>): Promise<LearningPathProgress[]> {
  if (doneIds.size === 0) return [];
  const paths = await db
    .selectFrom('learning_paths as lp')
    .select(['lp.id', 'lp.slug', 'lp.title', 'lp.ordered'])
    .where('lp.ecosystem_id', '=', ecosystemId)
    .where('lp.status', '=', 'published')
    .where('lp.id', 'in', (eb) =>
      eb
        .selectFrom('learning_path_steps as s')
        .select('s.learning_path_id')
        .where('s.ecosystem_id', '=', ecosystemId)
        .where(sql<boolean>`s.activity_id = any(${[...doneIds]}::int[])`),
    )
    .orderBy('lp.title')
    .limit(startedPathsLimit)
    .execute();
  if (paths.length === 0) return [];
  const steps = await db
    .selectFrom('learning_path_steps as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['s.learning_path_id', 's.activity_id', 'a.title'])
    .where('s.learning_path_id', 'in', paths.map((p) => p.id))
    .where('s.ecosystem_id', '=', ecosystemId)
    .orderBy('s.learning_path_id')
    .orderBy('s.position')
    .execute();
  return paths.map((p) => {
    const own = steps.filter((s) => s.learning_path_id === p.id).map((s) => ({ activityId: s.activity_id, title: s.title, done: doneIds.has(s.activity_id) }));
    return { id: p.id, slug: p.slug, title: p.title, ordered: p.ordered, steps: own, total: own.length, done: own.filter((s) => s.done).length };
  });
}
