import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Activity, Location, NextStep, Session, Theme } from '../db/schema.js';

/** Everything an activity page or the API shows about one activity. */
export interface ActivityDetail {
  activity: Activity;
  organisation: { id: number; name: string; sector: string; website: string | null; email: string | null; phone: string | null };
  coProviders: Array<{ id: number; name: string }>;
  themes: Array<Pick<Theme, 'id' | 'slug' | 'name'>>;
  location: Location | null;
  sessions: Session[];
  nextSteps: Array<Pick<NextStep, 'id' | 'kind' | 'reason' | 'to_activity_id'> & { title: string; summary: string; min_age: number; max_age: number }>;
}

/** One activity in any status; whether the reader may see it is the policy's `canSeeActivity`. */
export async function readActivity(db: Kysely<DB>, ecosystemId: number, id: number, now: Date = new Date()): Promise<ActivityDetail | undefined> {
  const activity = await db.selectFrom('activities').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!activity) return undefined;

  const [organisation, coProviders, themes, location, sessions, nextSteps] = await Promise.all([
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'sector', 'website', 'email', 'phone'])
      .where('id', '=', activity.organisation_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('activity_co_providers as c')
      .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select(['o.id', 'o.name'])
      .where('c.activity_id', '=', id)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('activity_themes as at')
      .innerJoin('themes as t', 't.id', 'at.theme_id')
      .select(['t.id', 't.slug', 't.name'])
      .where('at.activity_id', '=', id)
      .orderBy('t.position')
      .execute(),
    activity.location_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('locations').selectAll().where('id', '=', activity.location_id).executeTakeFirst(),
    // Sessions from a week back: the page shows what is coming and what just happened.
    db
      .selectFrom('sessions')
      .selectAll()
      .where('activity_id', '=', id)
      .where('ends_at', '>=', new Date(now.getTime() - 7 * 86_400_000))
      .orderBy('starts_at')
      .limit(100)
      .execute(),
    // A next step is only worth showing if a child can still take it.
    db
      .selectFrom('next_steps as n')
      .innerJoin('activities as t', 't.id', 'n.to_activity_id')
      .select(['n.id', 'n.kind', 'n.reason', 'n.to_activity_id', 't.title', 't.summary', 't.min_age', 't.max_age'])
      .where('n.from_activity_id', '=', id)
      .where('t.status', '=', 'published')
      .where(sql<boolean>`(t.last_session_at is null or t.last_session_at >= ${now})`)
      .orderBy('n.position')
      .orderBy('n.id')
      .execute(),
  ]);

  return { activity, organisation, coProviders, themes, location: location ?? null, sessions, nextSteps };
}

export interface ThemeWithCount extends Pick<Theme, 'id' | 'slug' | 'name' | 'description' | 'position' | 'status'> {
  activityCount: number;
}

/** Active themes in their order, with how many activities in the finder carry each. */
export async function listThemes(db: Kysely<DB>, ecosystemId: number, now: Date = new Date()): Promise<ThemeWithCount[]> {
  const rows = await db
    .selectFrom('themes as t')
    .select(['t.id', 't.slug', 't.name', 't.description', 't.position', 't.status'])
    .select(
      sql<number>`(select count(*)::int from activity_themes at join activities a on a.id = at.activity_id
        where at.theme_id = t.id and a.status = 'published' and (a.last_session_at is null or a.last_session_at >= ${now}))`.as('activity_count'),
    )
    .where('t.ecosystem_id', '=', ecosystemId)
    .where('t.status', '=', 'active')
    .orderBy('t.position')
    .orderBy('t.name')
    .execute();
  return rows.map(({ activity_count, ...t }) => ({ ...t, activityCount: activity_count }));
}

/** The places of the region, for the place filter: towns from postcode areas and named neighbourhoods. */
export async function listPlaces(db: Kysely<DB>, ecosystemId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('postcode_areas')
    .select('place')
    .distinct()
    .where('ecosystem_id', '=', ecosystemId)
    .orderBy('place')
    .execute();
  return rows.map((r) => r.place);
}
