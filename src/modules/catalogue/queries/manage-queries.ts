import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Activity, ActivityStatus, Location, NextStep, Organisation, Session, Theme } from '../db/schema.js';

/** Reads for the management pages: partners' own offer, its sessions and next steps, organisations and themes. */

export interface OfferRow {
  id: number;
  title: string;
  status: ActivityStatus;
  reviewComment: string;
  organisationId: number;
  organisationName: string;
  nextSessionAt: Date | null;
  updatedAt: Date;
}

/** Most rows the offer list shows; beyond that the partner filters by organisation. */
export const offerListLimit = 500;

/** The offer of the given organisations ('all': the whole ecosystem), in every status, most recently changed first. */
export async function listOffer(db: Kysely<DB>, ecosystemId: number, organisationIds: 'all' | number[], now = new Date()): Promise<OfferRow[]> {
  if (organisationIds !== 'all' && organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'a.status', 'a.review_comment', 'a.organisation_id', 'o.name as organisation_name', 'a.updated_at'])
    .select(
      sql<Date | null>`(select min(s.starts_at) from sessions s where s.activity_id = a.id and s.status = 'scheduled' and s.starts_at >= ${now})`.as('next_session_at'),
    )
    .where('a.ecosystem_id', '=', ecosystemId)
    .$if(organisationIds !== 'all', (q) => q.where('a.organisation_id', 'in', organisationIds as number[]))
    .orderBy(sql`case a.status when 'returned' then 0 when 'draft' then 1 when 'submitted' then 2 when 'published' then 3 else 4 end`)
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(offerListLimit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    reviewComment: r.review_comment,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    nextSessionAt: r.next_session_at === null ? null : new Date(r.next_session_at),
    updatedAt: r.updated_at,
  }));
}

/** Active organisations, all or the given ones, by name. */
export async function organisationsByIds(db: Kysely<DB>, ecosystemId: number, ids: 'all' | number[], includeArchived = false): Promise<Organisation[]> {
  if (ids !== 'all' && ids.length === 0) return [];
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .$if(ids !== 'all', (q) => q.where('id', 'in', ids as number[]))
    .$if(!includeArchived, (q) => q.where('status', '=', 'active'))
    .orderBy('status')
    .orderBy('name')
    .orderBy('id')
    .limit(2000)
    .execute();
}

/** The organisation's locations, active first. */
export async function locationsOf(db: Kysely<DB>, ecosystemId: number, organisationId: number, includeArchived: boolean): Promise<Location[]> {
  return db
    .selectFrom('locations')
    .selectAll()
    .where('ecosystem_id', '=', ecosystemId)
    .where('organisation_id', '=', organisationId)
    .$if(!includeArchived, (q) => q.where('status', '=', 'active'))
    .orderBy('status')
    .orderBy('name')
    .orderBy('id')
    .limit(1000)
    .execute();
}

export interface ManagedActivity {
  activity: Activity;
  organisationName: string;
  locationName: string | null;
  themeSlugs: string[];
  coProviderIds: number[];
  /** Sessions that have not ended yet, and the last month's, in time order. */
  sessions: Session[];
  pastSessionCount: number;
  nextSteps: Array<Pick<NextStep, 'id' | 'kind' | 'reason' | 'to_activity_id'> & { title: string; status: ActivityStatus }>;
}

/** One activity with everything its management page shows. */
export async function readManagedActivity(db: Kysely<DB>, ecosystemId: number, id: number, now = new Date()): Promise<ManagedActivity | undefined> {
  const activity = await db.selectFrom('activities').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!activity) return undefined;
  const [org, location, themes, coProviders, sessions, past, nextSteps] = await Promise.all([
    db.selectFrom('organisations').select('name').where('id', '=', activity.organisation_id).executeTakeFirstOrThrow(),
    activity.location_id === null ? Promise.resolve(undefined) : db.selectFrom('locations').select('name').where('id', '=', activity.location_id).executeTakeFirst(),
    db
      .selectFrom('activity_themes as at')
      .innerJoin('themes as t', 't.id', 'at.theme_id')
      .select('t.slug')
      .where('at.activity_id', '=', id)
      .orderBy('t.position')
      .execute(),
    db.selectFrom('activity_co_providers').select('organisation_id').where('activity_id', '=', id).execute(),
    db
      .selectFrom('sessions')
      .selectAll()
      .where('ecosystem_id', '=', ecosystemId)
      .where('activity_id', '=', id)
      .where('ends_at', '>=', now)
      .orderBy('starts_at')
      .orderBy('id')
      .limit(300)
      .execute(),
    db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ecosystem_id', '=', ecosystemId)
      .where('activity_id', '=', id)
      .where('ends_at', '<', now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('next_steps as n')
      .innerJoin('activities as t', 't.id', 'n.to_activity_id')
      .select(['n.id', 'n.kind', 'n.reason', 'n.to_activity_id', 't.title', 't.status'])
      .where('n.ecosystem_id', '=', ecosystemId)
      .where('n.from_activity_id', '=', id)
      .orderBy('n.position')
      .orderBy('n.id')
      .execute(),
  ]);
  return {
    activity,
    organisationName: org.name,
    locationName: location?.name ?? null,
    themeSlugs: themes.map((t) => t.slug),
    coProviderIds: coProviders.map((c) => c.organisation_id),
    sessions,
    pastSessionCount: Number(past.n),
    nextSteps,
  };
}

export async function findSession(db: Kysely<DB>, ecosystemId: number, id: number): Promise<(Session & { activityTitle: string }) | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .selectAll('s')
    .select('a.title as activityTitle')
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export interface NextStepCandidate {
  id: number;
  title: string;
  organisationName: string;
  minAge: number;
  maxAge: number;
}

/** Published activities a child could go on to from this one (not itself, not already linked); narrowed by words in the title. */
export async function nextStepCandidates(
  db: Kysely<DB>,
  ecosystemId: number,
  fromId: number,
  o: { words?: string; id?: number },
  limit = 200,
): Promise<NextStepCandidate[]> {
  const words = o.words ?? '';
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.title', 'o.name as organisation_name', 'a.min_age', 'a.max_age'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.status', '=', 'published')
    .where('a.id', '!=', fromId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('next_steps as n').select('n.id').where('n.from_activity_id', '=', fromId).whereRef('n.to_activity_id', '=', 'a.id'))),
    )
    .$if(o.id !== undefined, (q) => q.where('a.id', '=', o.id!))
    .$if(words !== '', (q) => q.where('a.title', 'ilike', `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .orderBy('a.title')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, organisationName: r.organisation_name, minAge: r.min_age, maxAge: r.max_age }));
}

/** Every theme of the ecosystem, archived ones last, with how many activities (not archived) carry it. */
export async function listAllThemes(db: Kysely<DB>, ecosystemId: number): Promise<Array<Theme & { activityCount: number }>> {
  const rows = await db
    .selectFrom('themes as t')
    .selectAll('t')
    .select(
      sql<number>`(select count(*)::int from activity_themes at join activities a on a.id = at.activity_id where at.theme_id = t.id and a.status != 'archived')`.as(
        'activity_count',
      ),
    )
    .where('t.ecosystem_id', '=', ecosystemId)
    .orderBy('t.status')
    .orderBy('t.position')
    .orderBy('t.name')
    .execute();
  return rows.map(({ activity_count, ...t }) => ({ ...t, activityCount: activity_count }));
}

export async function findTheme(db: Kysely<DB>, ecosystemId: number, id: number): Promise<Theme | undefined> {
  return db.selectFrom('themes').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

/** Neighbourhoods to pick for a location. */
export async function neighbourhoodChoices(db: Kysely<DB>, ecosystemId: number): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('neighbourhoods').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).orderBy('name').limit(2000).execute();
}

export async function findNextStep(db: Kysely<DB>, ecosystemId: number, id: number): Promise<NextStep | undefined> {
  return db.selectFrom('next_steps').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

/** How many active locations each organisation has. */
export async function locationCounts(db: Kysely<DB>, ecosystemId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('locations')
    .select(['organisation_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('ecosystem_id', '=', ecosystemId)
    .where('status', '=', 'active')
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}
