import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Level } from '../../catalogue/vocabulary.js';
import type { LearningPath } from '../db/schema.js';

export interface LearningPathSummary {
  id: number;
  slug: string;
  title: string;
  description: string;
  status: LearningPath['status'];
  ordered: boolean;
  themeName: string | null;
  stepCount: number;
}

/** Most learning paths a list shows; an ecosystem curates a few dozen, not thousands. */
const listLimit = 500;

/** The ecosystem's learning paths, by title; only the published ones when `publishedOnly`. */
export async function listLearningPaths(db: Kysely<DB>, ecosystemId: number, options: { publishedOnly: boolean }): Promise<LearningPathSummary[]> {
  const rows = await db
    .selectFrom('learning_paths as lp')
    .leftJoin('themes as th', 'th.id', 'lp.theme_id')
    .select(['lp.id', 'lp.slug', 'lp.title', 'lp.description', 'lp.status', 'lp.ordered', 'th.name as theme_name'])
    .select((eb) => eb.selectFrom('learning_path_steps as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.learning_path_id', '=', 'lp.id').as('step_count'))
    .where('lp.ecosystem_id', '=', ecosystemId)
    .$if(options.publishedOnly, (q) => q.where('lp.status', '=', 'published'))
    .orderBy('lp.title')
    .limit(listLimit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    status: r.status,
    ordered: r.ordered,
    themeName: r.theme_name,
    stepCount: Number(r.step_count ?? 0),
  }));
}

export async function findLearningPath(db: Kysely<DB>, ecosystemId: number, id: number): Promise<LearningPath | undefined> {
  return db.selectFrom('learning_paths').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function findPublishedLearningPath(db: Kysely<DB>, ecosystemId: number, slug: string): Promise<(LearningPath & { themeName: string | null }) | undefined> {
  const row = await db
    .selectFrom('learning_paths as lp')
    .leftJoin('themes as th', 'th.id', 'lp.theme_id')
    .selectAll('lp')
    .select('th.name as theme_name')
    .where('lp.ecosystem_id', '=', ecosystemId)
    .where('lp.slug', '=', slug)
    .where('lp.status', '=', 'published')
    .executeTakeFirst();
  if (!row) return undefined;
  const { theme_name, ...path } = row;
  return { ...path, themeName: theme_name };
}

/** A step as the pages show it: the activity and its next session, if any. */
export interface LearningPathStepView {
  activityId: number;
  position: number;
  title: string;
  summary: string;
  status: string;
  level: Level;
  minAge: number;
  maxAge: number;
  organisationName: string;
  nextStartsAt: Date | null;
}

export async function learningPathSteps(db: Kysely<DB>, ecosystemId: number, pathId: number, now: Date = new Date()): Promise<LearningPathStepView[]> {
  const result = await sql<{
    activity_id: number; position: number; title: string; summary: string; status: string; level: Level; min_age: number; max_age: number;
    organisation_name: string; next_starts_at: Date | null;
  }>`
    select s.activity_id, s.position, a.title, a.summary, a.status, a.level, a.min_age, a.max_age, o.name as organisation_name,
      (select min(x.starts_at) from sessions x where x.activity_id = a.id and x.status = 'scheduled' and x.starts_at >= ${now}) as next_starts_at
    from learning_path_steps s
    join activities a on a.id = s.activity_id
    join organisations o on o.id = a.organisation_id
    where s.learning_path_id = ${pathId} and s.ecosystem_id = ${ecosystemId}
    order by s.position`.execute(db);
  return result.rows.map((r) => ({
    activityId: r.activity_id,
    position: r.position,
    title: r.title,
    summary: r.summary,
    status: r.status,
    level: r.level,
    minAge: r.min_age,
    maxAge: r.max_age,
    organisationName: r.organisation_name,
    nextStartsAt: r.next_starts_at === null ? null : new Date(r.next_starts_at),
  }));
}

export interface ActivityChoice {
  id: number;
  title: string;
  organisationName: string;
  minAge: number;
  maxAge: number;
  level: Level;
}

/**
 * Published activities a coordinator can add as steps: matching the words
 * typed (Dutch full text, as in the finder), else those in the path's theme;
 * at most 20, never those already on the path.
 */
export async function activityChoices(
  db: Kysely<DB>,
  ecosystemId: number,
  options: { q: string; themeId: number | null; exclude: readonly number[] },
): Promise<ActivityChoice[]> {
  let query = db
    .selectFrom('activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'o.name as organisation_name', 'a.min_age', 'a.max_age', 'a.level'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.status', '=', 'published');
  if (options.exclude.length > 0) query = query.where(sql<SqlBool>`a.id <> all(${[...options.exclude]}::int[])`);
  if (options.q !== '') {
    query = query
      .where(sql<SqlBool>`a.search_vector @@ websearch_to_tsquery('dutch', ${options.q})`)
      .orderBy(sql`ts_rank_cd(a.search_vector, websearch_to_tsquery('dutch', ${options.q}))`, 'desc');
  } else if (options.themeId !== null) {
    query = query.where('a.id', 'in', (eb) => eb.selectFrom('activity_themes').select('activity_id').where('theme_id', '=', options.themeId!));
  }
  const rows = await query.orderBy('a.title').orderBy('a.id').limit(20).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, organisationName: r.organisation_name, minAge: r.min_age, maxAge: r.max_age, level: r.level }));
}
