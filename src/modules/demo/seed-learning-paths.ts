import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { changeLearningPathStep, createLearningPath, updateLearningPath } from '../passes/commands/learning-path-commands.js';
import { recordCheckIn } from '../passes/commands/check-in.js';
import { issueClassBatch, issueSinglePass } from '../passes/commands/pass-issuer.js';
import { fixedTitles } from './seed.js';

const day = 86_400_000;

/** Nicknames of the invented demo children: recognisable as demo data wherever they show. */
export const demoPassNicknames = ['Sam (demo)', 'Noor (demo)', 'Mo (demo)'] as const;

interface Pick {
  id: number;
  title: string;
}

/**
 * Published activities of a theme at a level for an age, with a session still
 * to come, in a stable order (by title), so the same demo gets the same routes.
 */
async function pick(tx: Tx, ecosystemId: number, o: { theme: string; level: string; age: number; n: number; not?: number[]; today: Date }): Promise<Pick[]> {
  const rows = await tx.db
    .selectFrom('activities as a')
    .innerJoin('activity_themes as at', 'at.activity_id', 'a.id')
    .innerJoin('themes as th', 'th.id', 'at.theme_id')
    .select(['a.id', 'a.title'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('th.slug', '=', o.theme)
    .where('a.status', '=', 'published')
    .where('a.level', '=', o.level as 'introduction')
    .where('a.setting', '!=', 'in_school')
    .where('a.min_age', '<=', o.age)
    .where('a.max_age', '>=', o.age)
    .where('a.last_session_at', '>=', o.today)
    .$if((o.not ?? []).length > 0, (q) => q.where('a.id', 'not in', o.not!))
    .orderBy('a.title')
    .orderBy('a.id')
    .limit(o.n)
    .execute();
  return rows;
}

async function byTitle(tx: Tx, ecosystemId: number, title: string): Promise<Pick> {
  return tx.db.selectFrom('activities').select(['id', 'title']).where('ecosystem_id', '=', ecosystemId).where('title', '=', title).executeTakeFirstOrThrow();
}

async function route(tx: Tx, ecosystemId: number, input: { title: string; slug: string; description: string; theme: string; ordered: boolean }, steps: Pick[]): Promise<void> {
  const theme = await tx.db.selectFrom('themes').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', input.theme).executeTakeFirstOrThrow();
  const fields = { title: input.title, slug: input.slug, description: input.description, themeId: theme.id, ordered: input.ordered };
  const path = await createLearningPath(tx, 'system', ecosystemId, fields);
  for (const s of steps) await changeLearningPathStep(tx, 'system', ecosystemId, path.id, { action: 'add', activityId: s.id });
  await updateLearningPath(tx, 'system', ecosystemId, path.id, { ...fields, status: 'published' });
}

/** A step on a demo child's path: a session of the activity `daysAgo` days back, and a scan at it. */
async function step(tx: Tx, ecosystemId: number, code: string, activityId: number, daysAgo: number, today: Date): Promise<void> {
  const startsAt = new Date(today.getTime() - daysAgo * day);
  startsAt.setUTCHours(13, 0, 0, 0);
  const session = await tx.db
    .insertInto('sessions')
    .values({ ecosystem_id: ecosystemId, activity_id: activityId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 90 * 60_000), capacity: 15 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordCheckIn(tx, { kind: 'admin' }, { ecosystemId, code, sessionId: session.id, deviceScanId: randomUUID(), scannedAt: new Date(startsAt.getTime() + 10 * 60_000) }, today);
}

/**
 * Invented learning paths and three invented demo children with a few steps
 * each, so the path page and the learning paths can be seen in the demo. The
 * children have no real name, only a nickname marked "(demo)"; their codes
 * and secrets are random and never printed here: `node dist/cli.js demo-pass`
 * hands out fresh ones (see README).
 */
export async function seedDemoLearningPaths(tx: Tx, ecosystemId: number, today: Date): Promise<void> {
  const robots = await byTitle(tx, ecosystemId, fixedTitles.robots);
  const robotClub = await byTitle(tx, ecosystemId, fixedTitles.robotClub);
  const stars = await byTitle(tx, ecosystemId, fixedTitles.stars);
  const water = await byTitle(tx, ecosystemId, fixedTitles.water);
  const fixed = [robots.id, robotClub.id, stars.id, water.id];

  const codeMiddle = await pick(tx, ecosystemId, { theme: 'programmeren-digitaal', level: 'deepening', age: 10, n: 2, not: fixed, today });
  await route(tx, ecosystemId, {
    title: 'Van robot tot programmeur',
    slug: 'van-robot-tot-programmeur',
    description: 'Begin met je eerste robot in de bibliotheek, leer daarna echt programmeren en bouw ten slotte mee in de robotclub. (Verzonnen demoroute.)',
    theme: 'programmeren-digitaal',
    ordered: true,
  }, [robots, ...codeMiddle, robotClub]);

  const young = await pick(tx, ecosystemId, { theme: 'wetenschap-onderzoek', level: 'introduction', age: 5, n: 2, not: fixed, today });
  await route(tx, ecosystemId, {
    title: 'Kleine onderzoekers',
    slug: 'kleine-onderzoekers',
    description: 'Spetteren, proeven en ontdekken: drie eerste onderzoekjes voor de jongste kinderen, met een ouder erbij. In elke volgorde. (Verzonnen demoroute.)',
    theme: 'wetenschap-onderzoek',
    ordered: false,
  }, [water, ...young]);

  const outside = await pick(tx, ecosystemId, { theme: 'natuur-duurzaamheid', level: 'introduction', age: 9, n: 3, not: fixed, today });
  await route(tx, ecosystemId, {
    title: 'Natuur om de hoek',
    slug: 'natuur-om-de-hoek',
    description: 'Sterren kijken, beestjes zoeken en ontdekken wat er groeit: de natuur dichtbij huis, in je eigen volgorde. (Verzonnen demoroute.)',
    theme: 'natuur-duurzaamheid',
    ordered: false,
  }, [stars, ...outside]);

  // The demo children: a profile with only what the path page uses, and a parent's (invented) consent.
  const year = today.getUTCFullYear();
  const children: Array<{ nickname: string; birthYear: number; postcode: string; steps: Array<[number, number]> }> = [
    // Two steps of the robot route and one outside: the route shows 2 of 4, and the club is the next step.
    { nickname: demoPassNicknames[0], birthYear: year - 10, postcode: '7511', steps: [[robots.id, 40], ...(codeMiddle[0] ? [[codeMiddle[0].id, 12] as [number, number]] : []), ...(outside[0] ? [[outside[0].id, 25] as [number, number]] : [])] },
    { nickname: demoPassNicknames[1], birthYear: year - 5, postcode: '7550', steps: [[water.id, 20], ...(young[0] ? [[young[0].id, 6] as [number, number]] : [])] },
    { nickname: demoPassNicknames[2], birthYear: year - 9, postcode: '7600', steps: [] },
  ];
  for (const child of children) {
    const pass = await issueSinglePass(tx, 'system', ecosystemId, 'staff');
    await tx.db.updateTable('passes').set({ nickname: child.nickname, birth_year: child.birthYear, postcode: child.postcode }).where('id', '=', pass.id).execute();
    await tx.db
      .insertInto('pass_consents')
      .values(['path_page', 'badges'].map((purpose) => ({ ecosystem_id: ecosystemId, pass_id: pass.id, purpose: purpose as 'path_page', granted: true, given_by: 'parent' as const, given_by_name: 'Demo-ouder (verzonnen)' })))
      .execute();
    for (const [activityId, daysAgo] of child.steps) await step(tx, ecosystemId, pass.code, activityId, daysAgo, today);
  }
  // A class with cards to print, as a school gets them: anonymous passes, nobody's consent yet.
  const school = await tx.db.selectFrom('locations').select('id').where('ecosystem_id', '=', ecosystemId).where('is_school', '=', true).orderBy('id').executeTakeFirst();
  if (school) await issueClassBatch(tx, 'system', { ecosystemId, label: 'Groep 6 (demo)', size: 24, schoolLocationId: school.id });
  // Neighbourhoods come from the postcodes, as the parent pages would set them.
  await sql`update passes p set neighbourhood_id = a.neighbourhood_id from postcode_areas a
    where p.ecosystem_id = ${ecosystemId} and a.ecosystem_id = p.ecosystem_id and a.postcode = p.postcode and p.neighbourhood_id is null`.execute(tx.db);
}
