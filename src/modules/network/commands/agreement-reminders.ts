import { sql } from 'kysely';
import type { HousekeepingServices } from '../../../core/modules.js';
import type { Tx } from '../../../db/database.js';
import { formatDay, isoDay } from '../../../web/format.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';

const day = 86_400_000;

/**
 * Mails the coordinators of an ecosystem when a signed agreement is about to
 * end: `reminder_days` days before its end date (60 unless set otherwise), once.
 * Run by the hourly housekeeping; the mail goes through the outbox in this
 * transaction, and `reminder_sent_at` is set in the same one, so a reminder is
 * never sent twice nor lost. Changing the end date clears `reminder_sent_at`
 * (see updateAgreement), so an extended agreement is reminded of again.
 * An agreement whose end date has already passed gets no reminder: too late to act on.
 */
export async function sendAgreementReminders(tx: Tx, now: Date, services: HousekeepingServices): Promise<Record<string, number>> {
  const today = isoDay(now);
  const due = await tx.db
    .selectFrom('agreements as a')
    .innerJoin('ecosystems as e', 'e.id', 'a.ecosystem_id')
    .select(['a.id', 'a.ecosystem_id as ecosystemId', 'a.title', 'a.kind', 'a.reminder_days as reminderDays', sql<string>`a.ends_on::text`.as('endsOn'), 'e.slug', 'e.name as ecosystemName'])
    .where('a.status', '=', 'signed')
    .where('a.reminder_sent_at', 'is', null)
    .where('a.ends_on', 'is not', null)
    .where(sql<boolean>`a.ends_on >= ${today}::date`)
    .where(sql<boolean>`a.ends_on - a.reminder_days <= ${today}::date`)
    .orderBy('a.id')
    .limit(500)
    // Two servers running housekeeping at once each take their own agreements.
    .forUpdate('a')
    .skipLocked()
    .execute();
  let reminded = 0;
  for (const agreement of due) {
    const coordinators = await tx.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.name'])
      .distinct()
      .where('m.ecosystem_id', '=', agreement.ecosystemId)
      .where('m.role', '=', 'coordinator')
      .where('u.status', '=', 'active')
      .orderBy('u.email')
      .execute();
    // Nobody to tell yet: try again next hour, so a coordinator added later still hears of it.
    if (coordinators.length === 0) continue;
    const endsOn = new Date(`${agreement.endsOn}T12:00:00Z`);
    const daysLeft = Math.round((Date.parse(`${agreement.endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / day);
    const params = {
      title: agreement.title,
      kind: t('nl', `agreement.kind.${agreement.kind}` as MessageKey).toLowerCase(),
      ecosystem: agreement.ecosystemName,
      date: formatDay(endsOn, 'nl'),
      days: daysLeft,
      reminderDays: agreement.reminderDays,
    };
    const partners = await tx.db
      .selectFrom('agreement_signatories as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select('o.name')
      .distinct()
      .where('s.agreement_id', '=', agreement.id)
      .orderBy('o.name')
      .execute();
    for (const coordinator of coordinators) {
      await services.mailer.queue(tx, {
        to: coordinator.email,
        subject: t('nl', 'agreement.reminder.subject', params),
        paragraphs: [
          t('nl', 'agreement.reminder.greeting', { name: coordinator.name || coordinator.email }),
          t('nl', daysLeft === 0 ? 'agreement.reminder.today' : 'agreement.reminder.body', params),
          ...(partners.length > 0 ? [t('nl', 'agreement.reminder.partners', { partners: partners.map((p) => p.name).join(', ') })] : []),
          t('nl', 'agreement.reminder.advice'),
        ],
        action: { label: t('nl', 'agreement.reminder.action'), url: `${services.config.publicUrl}/e/${agreement.slug}/beheer/overeenkomsten/${agreement.id}` },
        footer: t('nl', 'agreement.reminder.footer', params),
        kind: 'agreement_reminder',
        ecosystemId: agreement.ecosystemId,
      });
    }
    await tx.db.updateTable('agreements').set({ reminder_sent_at: now }).where('id', '=', agreement.id).execute();
    await recordAudit(tx, 'system', {
      ecosystemId: agreement.ecosystemId, action: 'network.agreement.reminderSent', subjectType: 'agreement', subjectId: agreement.id,
      details: { endsOn: agreement.endsOn, recipients: coordinators.length },
    });
    reminded++;
  }
  return { agreementReminders: reminded };
}
