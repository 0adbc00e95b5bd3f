import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** An award id is a UUID; anything else is not one of ours (and would upset a uuid comparison). */
export const awardIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The ecosystem's public keys, current and retired (a retired key still verifies the badges it signed). */
export async function publicKeys(db: Kysely<DB>, ecosystemId: number) {
  return db
    .selectFrom('issuer_keys')
    .select(['kid', 'public_jwk', 'created_at', 'retired_at'])
    .where('ecosystem_id', '=', ecosystemId)
    .orderBy('created_at')
    .execute();
}

export async function publicKey(db: Kysely<DB>, ecosystemId: number, kid: string) {
  return db
    .selectFrom('issuer_keys')
    .select(['kid', 'public_jwk', 'created_at', 'retired_at'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('kid', '=', kid)
    .executeTakeFirst();
}

/** The theme of the path, or the first theme of the activity, an achievement (aliased `a`) belongs to: for the badge's colour. */
const themeSlug = sql<string | null>`(
  select th.slug from themes th
  where th.id = coalesce(
    (select lp.theme_id from learning_paths lp where lp.id = a.learning_path_id),
    (select at.theme_id from activity_themes at where at.activity_id = a.activity_id order by at.theme_id limit 1)))`;

/** An achievement with what its public pages show. */
export async function readAchievement(db: Kysely<DB>, ecosystemId: number, id: number) {
  return db
    .selectFrom('achievements as a')
    .select(['a.id', 'a.kind', 'a.name', 'a.description', 'a.criteria', 'a.status', 'a.activity_id', 'a.learning_path_id'])
    .select(themeSlug.as('theme_slug'))
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** One issued badge, with its achievement and who manages that achievement (for the revoke button). */
export async function readAward(db: Kysely<DB>, ecosystemId: number, awardId: string) {
  if (!awardIdPattern.test(awardId)) return undefined;
  return db
    .selectFrom('badge_awards as b')
    .innerJoin('achievements as a', (j) => j.onRef('a.ecosystem_id', '=', 'b.ecosystem_id').onRef('a.id', '=', 'b.achievement_id'))
    .leftJoin('activities as act', (j) => j.onRef('act.ecosystem_id', '=', 'a.ecosystem_id').onRef('act.id', '=', 'a.activity_id'))
    .select(['b.id', 'b.issued_at', 'b.revoked_at', 'b.credential', 'a.id as achievement_id', 'a.kind', 'a.name', 'a.description', 'act.organisation_id'])
    .select(themeSlug.as('theme_slug'))
    .where('b.ecosystem_id', '=', ecosystemId)
    .where('b.id', '=', awardId)
    .executeTakeFirst();
}

/** An activity as its badge page needs it, with its achievement if it has one and how many badges it gave. */
export async function activityWithAchievement(db: Kysely<DB>, ecosystemId: number, activityId: number) {
  const activity = await db
    .selectFrom('activities')
    .select(['id', 'title', 'summary', 'description', 'organisation_id', 'status'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', activityId)
    .executeTakeFirst();
  if (!activity) return undefined;
  const achievement = await db
    .selectFrom('achievements as a')
    .select(['a.id', 'a.kind', 'a.name', 'a.description', 'a.criteria', 'a.status', 'a.activity_id', 'a.learning_path_id'])
    .select(themeSlug.as('theme_slug'))
    .select((eb) => eb.selectFrom('badge_awards as b').select(sql<number>`count(*)::int`.as('n')).whereRef('b.achievement_id', '=', 'a.id').as('issued'))
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.activity_id', '=', activityId)
    .executeTakeFirst();
  return { activity, achievement };
}

/** A pass's badges, newest first, for the child's path page and the privacy export; link each to `/insignes/<id>`. */
export async function badgesOfPass(db: Kysely<DB>, ecosystemId: number, passId: number) {
  return db
    .selectFrom('badge_awards as b')
    .innerJoin('achievements as a', (j) => j.onRef('a.ecosystem_id', '=', 'b.ecosystem_id').onRef('a.id', '=', 'b.achievement_id'))
    .select(['b.id', 'b.issued_at', 'b.revoked_at', 'a.id as achievement_id', 'a.kind', 'a.name', 'a.description', 'a.activity_id', 'a.learning_path_id'])
    .where('b.ecosystem_id', '=', ecosystemId)
    .where('b.pass_id', '=', passId)
    .where('b.credential', 'is not', null)
    .orderBy('b.issued_at', 'desc')
    .execute();
}
