import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { consentPurposes, type ConsentPurpose } from '../db/schema.js';
import { issuePendingBadges } from './badge-awarder.js';
import { currentConsents } from '../queries/consents.js';

/** The consent part of a form: the ticked purposes, who gives them, and an address for the e-mail purpose. */
export interface ConsentForm {
  purposes: string[];
  /** parent or guardian. */
  givenBy: string;
  /** Optional: the name of the parent or guardian, never the child's. */
  givenByName: string;
  email: string;
}

export interface CheckedConsent {
  purposes: Set<ConsentPurpose>;
  givenBy: 'parent' | 'guardian';
  givenByName: string;
  /** Kept only with the e-mail consent. */
  email: string | null;
}

/** The mail kind of the message with a pass's code, so it can be found again when the address must go. */
export const passCodeMailKind = 'pass_code';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const unfitInName = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Checks the consent part of a form; every problem at once. */
export function checkConsentForm(form: ConsentForm): { consent: CheckedConsent; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const purposes = new Set<ConsentPurpose>();
  for (const p of form.purposes) {
    if ((consentPurposes as readonly string[]).includes(p)) purposes.add(p as ConsentPurpose);
    else if (!problems.some((x) => x.field === 'purposes')) problems.push({ field: 'purposes', key: 'passes.consent.unknownPurpose' });
  }
  const givenBy = form.givenBy === 'parent' || form.givenBy === 'guardian' ? form.givenBy : undefined;
  if (!givenBy) problems.push({ field: 'givenBy', key: 'passes.consent.givenBy' });
  const givenByName = form.givenByName.trim();
  if ([...givenByName].length > 100) problems.push({ field: 'givenByName', key: 'field.tooLong', params: { max: 100 } });
  else if (unfitInName.test(givenByName)) problems.push({ field: 'givenByName', key: 'passes.consent.nameCharacters' });
  const email = form.email.trim().toLowerCase();
  let kept: string | null = null;
  if (purposes.has('email')) {
    if (email === '') problems.push({ field: 'email', key: 'passes.consent.emailRequired' });
    else if (email.length > 254 || !emailPattern.test(email)) problems.push({ field: 'email', key: 'accounts.emailInvalid' });
    else kept = email;
  } else if (email !== '') {
    // An address without the consent to use it is not kept; say so rather than drop it silently.
    problems.push({ field: 'email', key: 'passes.consent.emailWithoutConsent' });
  }
  return { consent: { purposes, givenBy: givenBy ?? 'parent', givenByName, email: kept }, problems };
}

/**
 * Records a parent's (or guardian's) consent for a pass: one new row in the
 * history per purpose that changes, with who and when, so nothing is ever
 * overwritten. Withdrawing has effects at once:
 * - monitoring: the snapshots (neighbourhood, age) already copied onto this
 *   pass's check-ins are cleared, and check-in copies no new ones;
 * - e-mail: the address is removed, with the mail that carried the code;
 * - path page: the private link stops working;
 * - badges: badges already issued stay with the child (they are the child's,
 *   and may already be kept elsewhere), but no new ones are issued.
 */
export async function recordConsents(tx: Tx, actor: Actor | 'system', ecosystemId: number, passId: number, consent: CheckedConsent): Promise<{ granted: ConsentPurpose[]; withdrawn: ConsentPurpose[] }> {
  const pass = await tx.db
    .selectFrom('passes')
    .select(['id', 'contact_email'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', passId)
    .forUpdate()
    .executeTakeFirst();
  if (!pass) throw errors.notFound('pass');
  const now = await currentConsents(tx.db, passId);
  const granted = consentPurposes.filter((p) => consent.purposes.has(p) && !now[p]);
  const withdrawn = consentPurposes.filter((p) => !consent.purposes.has(p) && now[p]);
  const changes = [...granted.map((p) => [p, true] as const), ...withdrawn.map((p) => [p, false] as const)];
  if (changes.length > 0) {
    await tx.db
      .insertInto('pass_consents')
      .values(
        changes.map(([purpose, isGranted]) => ({
          ecosystem_id: ecosystemId,
          pass_id: passId,
          purpose,
          granted: isGranted,
          given_by: consent.givenBy,
          given_by_name: consent.givenByName,
          recorded_by: actor !== 'system' && actor.kind === 'user' ? actor.userId : null,
        })),
      )
      .execute();
  }
  if (withdrawn.includes('monitoring')) {
    await tx.db.updateTable('participations').set({ neighbourhood_id: null, age: null }).where('pass_id', '=', passId).execute();
  }
  if (withdrawn.includes('path_page')) {
    await tx.db.updateTable('passes').set({ link_token_hash: null }).where('id', '=', passId).execute();
  }
  const emailChanged = pass.contact_email !== consent.email;
  if (emailChanged) {
    await tx.db.updateTable('passes').set({ contact_email: consent.email }).where('id', '=', passId).execute();
    if (pass.contact_email) await forgetCodeMail(tx, ecosystemId, [pass.contact_email]);
  }
  if (changes.length > 0 || emailChanged) {
    await recordAudit(tx, actor, {
      ecosystemId,
      action: 'passes.consent.changed',
      subjectType: 'pass',
      subjectId: passId,
      // Which purposes and by whom (parent or guardian); not the name, not the address.
      details: { granted, withdrawn, givenBy: consent.givenBy, ...(emailChanged && { emailChanged: true }) },
    });
  }
  // Badges earned before the consent are issued now: the steps were the child's all along.
  if (granted.includes('badges')) await issuePendingBadges(tx, actor, passId);
  return { granted, withdrawn };
}

/**
 * Removes the mail with a pass's code sent to these addresses in this
 * ecosystem: once the address may no longer be kept, neither may the outbox's
 * copy of it. (A parent with two passes on one address loses the other mail
 * too; it only ever repeated what the parent was shown on screen.)
 */
export async function forgetCodeMail(tx: Tx, ecosystemId: number, addresses: string[]): Promise<number> {
  if (addresses.length === 0) return 0;
  const gone = await tx.db
    .deleteFrom('mail_messages')
    .where('ecosystem_id', '=', ecosystemId)
    .where('kind', '=', passCodeMailKind)
    .where('to_address', 'in', addresses)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
