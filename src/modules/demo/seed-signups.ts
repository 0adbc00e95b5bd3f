import type { Tx } from '../../db/database.js';
import { issueSinglePass } from '../passes/commands/pass-issuer.js';
import { runDraw } from '../signups/commands/lottery-commands.js';
import type { SignupMailContext } from '../signups/commands/signup-mail.js';
import { signUp } from '../signups/commands/signup-commands.js';
import { fixedTitles } from './seed.js';

/**
 * Demo passes carry no address, so no sign-up mail is ever due; an outbox
 * that refuses makes the seed fail loudly if that ever changes.
 */
const noMail: SignupMailContext = {
  mailer: { queue: async () => Promise.reject(new Error('demo sign-ups have no e-mail address')) },
  publicUrl: 'http://localhost',
};

const demo = { kind: 'admin' } as const;
/** A fixed seed, so the demo's draw is the same on every machine (a real draw takes a random one). */
const demoSeed = 'de30de30de30de30de30de30de30de30';

interface Candidate {
  activityId: number;
  sessionId: number;
  minAge: number;
  maxAge: number;
}

/** Out-of-school sign-up activities (not the fixed ones other demo data uses) with a coming session that has a capacity. */
async function candidates(tx: Tx, ecosystemId: number, today: Date): Promise<Candidate[]> {
  const rows = await tx.db
    .selectFrom('activities as a')
    .innerJoin('sessions as s', 's.activity_id', 'a.id')
    .select(['a.id', 'a.min_age', 'a.max_age', 'a.title', (eb) => eb.fn.min('s.id').as('session_id')])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.status', '=', 'published')
    .where('a.registration_mode', '=', 'sign_up')
    .where('a.setting', '=', 'out_of_school')
    .where('s.status', '=', 'scheduled')
    .where('s.capacity', 'is not', null)
    .where('s.starts_at', '>', new Date(today.getTime() + 3 * 86_400_000))
    .groupBy('a.id')
    .orderBy('a.id')
    .limit(40)
    .execute();
  const fixed = new Set<string>(Object.values(fixedTitles));
  return rows.filter((r) => !fixed.has(r.title)).map((r) => ({ activityId: r.id, sessionId: Number(r.session_id), minAge: r.min_age, maxAge: r.max_age }));
}

/** Anonymous demo passes of children of about the right age, in the ecosystem's neighbourhoods; no name, no nickname, no address. */
async function passes(tx: Tx, ecosystemId: number, n: number, age: number, today: Date, hoods: number[], offset: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const pass = await issueSinglePass(tx, 'system', ecosystemId, 'staff');
    await tx.db.updateTable('passes').set({ birth_year: today.getUTCFullYear() - age, neighbourhood_id: hoods.length ? hoods[(i + offset) % hoods.length]! : null }).where('id', '=', pass.id).execute();
    ids.push(pass.id);
  }
  return ids;
}

/**
 * Invented sign-ups so the sign-up pages show something: two first-come
 * activities (one full, with a waiting list), a lottery whose window is open,
 * and a lottery already drawn (with its report).
 */
export async function seedDemoSignups(tx: Tx, ecosystemId: number, today: Date): Promise<void> {
  const list = await candidates(tx, ecosystemId, today);
  if (list.length < 4) return;
  const hoods = (await tx.db.selectFrom('neighbourhoods').select('id').where('ecosystem_id', '=', ecosystemId).orderBy('ses_tier').orderBy('id').execute()).map((h) => h.id);
  const age = (c: Candidate) => Math.round((c.minAge + c.maxAge) / 2);
  const [full, open, lotteryOpen, lotteryDrawn] = list as [Candidate, Candidate, Candidate, Candidate];

  // First come, first served: a session made small and full, with three on the waiting list; and one with a few places taken.
  await tx.db.updateTable('sessions').set({ capacity: 8 }).where('id', '=', full.sessionId).execute();
  for (const passId of await passes(tx, ecosystemId, 11, age(full), today, hoods, 0)) await signUp(tx, demo, { ecosystemId, passId, sessionId: full.sessionId }, noMail, today);
  for (const passId of await passes(tx, ecosystemId, 3, age(open), today, hoods, 1)) await signUp(tx, demo, { ecosystemId, passId, sessionId: open.sessionId, stadspas: passId % 2 === 0 }, noMail, today);

  // A lottery open for entries until next week.
  await tx.db.updateTable('activities').set({ registration_mode: 'lottery' }).where('id', 'in', [lotteryOpen.activityId, lotteryDrawn.activityId]).execute();
  await tx.db.insertInto('signup_settings').values({ ecosystem_id: ecosystemId, activity_id: lotteryOpen.activityId, closes_at: new Date(today.getTime() + 7 * 86_400_000) }).execute();
  for (const passId of await passes(tx, ecosystemId, 6, age(lotteryOpen), today, hoods, 2)) await signUp(tx, demo, { ecosystemId, passId, sessionId: lotteryOpen.sessionId }, noMail, today);

  // A lottery drawn: more entries than places, the window closed a moment ago, then the draw.
  await tx.db.updateTable('sessions').set({ capacity: 8 }).where('id', '=', lotteryDrawn.sessionId).execute();
  await tx.db.insertInto('signup_settings').values({ ecosystem_id: ecosystemId, activity_id: lotteryDrawn.activityId, closes_at: new Date(today.getTime() + 60_000) }).execute();
  for (const passId of await passes(tx, ecosystemId, 12, age(lotteryDrawn), today, hoods, 3)) await signUp(tx, demo, { ecosystemId, passId, sessionId: lotteryDrawn.sessionId }, noMail, today);
  await runDraw(tx, demo, ecosystemId, lotteryDrawn.activityId, noMail, new Date(today.getTime() + 120_000), demoSeed);
}
