import ical from 'ical-generator';
import type { Tx } from '../../../db/database.js';
import type { Mailer } from '../../mail/mailer.js';
import type { MailAttachment } from '../../mail/db/schema.js';
import { t } from '../../../web/i18n/index.js';
import { formatDay, formatTime } from '../../../web/format.js';

/** A moment as a Dutch parent reads it: "zaterdag 5 december 2026 om 14:00". */
export function formatMoment(date: Date): string {
  return `${formatDay(date, 'nl')} om ${formatTime(date, 'nl')}`;
}

/** What sign-up mail needs besides the database: the outbox, and the public address for links. */
export interface SignupMailContext {
  /** The outbox (only its `queue`: mail is written in the caller's transaction). */
  mailer: Pick<Mailer, 'queue'>;
  publicUrl: string;
}

/** The kinds of mail this module sends, as shown on the outbox page. */
export type SignupMailKind = 'signup_confirmed' | 'signup_waiting' | 'signup_offered' | 'signup_reminder' | 'signup_cancelled' | 'session_cancelled' | 'signup_entered' | 'signup_not_drawn' | 'signup_too_late';

interface MailFacts {
  signupId: string;
  ecosystemId: number;
  ecosystemSlug: string;
  ecosystemName: string;
  activityId: number;
  activityTitle: string;
  sessionId: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  to: string | null;
}

/**
 * Where mail about a sign-up goes: the address given with the sign-up, or else
 * the pass's address if the parent gave consent for e-mail; otherwise nowhere.
 */
async function mailFacts(tx: Tx, signupId: string): Promise<MailFacts | undefined> {
  const row = await tx.db
    .selectFrom('signups as s')
    .innerJoin('sessions as se', (j) => j.onRef('se.id', '=', 's.session_id').onRef('se.ecosystem_id', '=', 's.ecosystem_id'))
    .innerJoin('activities as a', (j) => j.onRef('a.id', '=', 's.activity_id').onRef('a.ecosystem_id', '=', 's.ecosystem_id'))
    .innerJoin('ecosystems as e', 'e.id', 's.ecosystem_id')
    .innerJoin('passes as p', (j) => j.onRef('p.id', '=', 's.pass_id').onRef('p.ecosystem_id', '=', 's.ecosystem_id'))
    .leftJoin('locations as l', (j) => j.on((eb) => eb('l.id', '=', eb.fn.coalesce('se.location_id', 'a.location_id'))))
    .select([
      's.id', 's.ecosystem_id', 's.contact_email', 'p.id as pass_id', 'p.contact_email as pass_email', 'e.slug', 'e.name as ecosystem_name',
      'a.id as activity_id', 'a.title', 'se.id as session_id', 'se.starts_at', 'se.ends_at', 'l.name as location_name', 'l.street', 'l.city', 'a.online',
    ])
    .where('s.id', '=', signupId)
    .executeTakeFirst();
  if (!row) return undefined;
  let to = row.contact_email;
  if (!to && row.pass_email) {
    const consent = await tx.db
      .selectFrom('pass_consents')
      .select('granted')
      .where('pass_id', '=', row.pass_id)
      .where('purpose', '=', 'email')
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (consent?.granted) to = row.pass_email;
  }
  const location = row.location_name ? [row.location_name, row.street, row.city].filter((x) => x).join(', ') : row.online ? 'Online' : '';
  return {
    signupId: row.id, ecosystemId: row.ecosystem_id, ecosystemSlug: row.slug, ecosystemName: row.ecosystem_name, activityId: row.activity_id,
    activityTitle: row.title, sessionId: row.session_id, startsAt: row.starts_at, endsAt: row.ends_at, location, to,
  };
}

/** An iCalendar file with the session: one event, cancelled when the sign-up or session is. */
export function sessionCalendar(facts: { signupId: string; ecosystemName: string; activityTitle: string; startsAt: Date; endsAt: Date; location: string; url: string; host: string }, cancelled: boolean): MailAttachment {
  const calendar = ical({ name: facts.ecosystemName, prodId: { company: 'leerecosysteem', product: 'aanmeldingen', language: 'NL' }, method: cancelled ? 'CANCEL' as never : 'PUBLISH' as never });
  calendar.createEvent({
    // One stable id per sign-up, so a cancellation replaces the event the calendar already holds.
    id: `aanmelding-${facts.signupId}@${facts.host}`,
    start: facts.startsAt,
    end: facts.endsAt,
    summary: facts.activityTitle,
    location: facts.location || null,
    url: facts.url,
    status: (cancelled ? 'CANCELLED' : 'CONFIRMED') as never,
    sequence: cancelled ? 1 : 0,
  });
  return { filename: 'aanmelding.ics', contentType: 'text/calendar; charset=utf-8', content: calendar.toString() };
}

/** Queues one mail about a sign-up (in the caller's transaction), if there is an address to send it to. */
export async function queueSignupMail(
  tx: Tx,
  context: SignupMailContext,
  signupId: string,
  kind: SignupMailKind,
  extra: { position?: number; confirmUrlPath?: string; deadline?: Date; reason?: string } = {},
): Promise<boolean> {
  const facts = await mailFacts(tx, signupId);
  if (!facts?.to) return false;
  const base = `${context.publicUrl}/e/${facts.ecosystemSlug}`;
  const when = formatMoment(facts.startsAt);
  const params = { activity: facts.activityTitle, when, ecosystem: facts.ecosystemName, position: extra.position ?? 0, deadline: extra.deadline ? formatMoment(extra.deadline) : '', reason: extra.reason ?? '' };
  const subjects: Record<SignupMailKind, string> = {
    signup_confirmed: t('nl', 'signups.mail.confirmed.subject', params),
    signup_waiting: t('nl', 'signups.mail.waiting.subject', params),
    signup_offered: t('nl', 'signups.mail.offered.subject', params),
    signup_reminder: t('nl', 'signups.mail.reminder.subject', params),
    signup_cancelled: t('nl', 'signups.mail.cancelled.subject', params),
    session_cancelled: t('nl', 'signups.mail.sessionCancelled.subject', params),
    signup_entered: t('nl', 'signups.mail.entered.subject', params),
    signup_not_drawn: t('nl', 'signups.mail.notDrawn.subject', params),
    signup_too_late: t('nl', 'signups.mail.notDrawn.subject', params),
  };
  const bodies: Record<SignupMailKind, string> = {
    signup_confirmed: t('nl', 'signups.mail.confirmed.body', params),
    signup_waiting: t('nl', 'signups.mail.waiting.body', params),
    signup_offered: t('nl', 'signups.mail.offered.body', params),
    signup_reminder: t('nl', 'signups.mail.reminder.body', params),
    signup_cancelled: t('nl', 'signups.mail.cancelled.body', params),
    session_cancelled: t('nl', 'signups.mail.sessionCancelled.body', params),
    signup_entered: t('nl', 'signups.mail.entered.body', params),
    signup_not_drawn: t('nl', 'signups.mail.notDrawn.body', params),
    signup_too_late: t('nl', 'signups.mail.tooLate.body', params),
  };
  const withDates = kind === 'signup_confirmed' || kind === 'signup_reminder' || kind === 'signup_cancelled' || kind === 'session_cancelled' || kind === 'signup_offered';
  const cancelled = kind === 'signup_cancelled' || kind === 'session_cancelled';
  const activityUrl = `${base}/activiteiten/${facts.activityId}`;
  await context.mailer.queue(tx, {
    to: facts.to,
    kind,
    ecosystemId: facts.ecosystemId,
    subject: subjects[kind],
    paragraphs: [t('nl', 'mail.greeting'), bodies[kind], ...(facts.location ? [t('nl', 'signups.mail.where', { location: facts.location })] : []), ...(extra.reason ? [extra.reason] : [])],
    action: extra.confirmUrlPath
      ? { label: t('nl', 'signups.mail.offered.action'), url: `${base}${extra.confirmUrlPath}` }
      : { label: t('nl', 'signups.mail.manageAction'), url: `${base}/ouders/aanmeldingen` },
    footer: t('nl', 'signups.mail.footer', { ecosystem: facts.ecosystemName }),
    ...(withDates && { attachments: [sessionCalendar({ ...facts, url: activityUrl, host: new URL(context.publicUrl).hostname }, cancelled)] }),
  });
  return true;
}
