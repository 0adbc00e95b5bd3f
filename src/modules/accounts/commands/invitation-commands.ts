import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor, Role } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { Mailer } from '../../mail/mailer.js';
import { hashToken, randomToken } from '../secrets.js';
import { grantRole } from './membership-commands.js';
import { createUser, passwordProblem } from './user-creator.js';

/** An invitation link works for a week; after that the coordinator sends a new one. */
export const invitationLifetimeMs = 7 * 86_400_000;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalises an e-mail address, or says what is wrong with it. */
export function checkEmail(value: string, field = 'email'): string {
  const email = value.trim().toLowerCase();
  if (email === '') throw errors.invalidInput([{ field, key: 'field.required' }]);
  if (email.length > 254 || !emailPattern.test(email)) throw errors.invalidInput([{ field, key: 'accounts.emailInvalid' }]);
  return email;
}

export interface InvitationInput {
  ecosystemId: number;
  ecosystemName: string;
  email: string;
  role: Role;
  organisationIds: number[];
  locationIds: number[];
}

export interface MailSettings {
  mailer: Mailer;
  publicUrl: string;
  locale: Locale;
}

/**
 * Invites a person to a role in an ecosystem and mails them a link. The
 * organisations and school locations must belong to this ecosystem; an open
 * invitation for the same address and role is replaced, so the newest link is
 * the only one that works.
 */
export async function inviteMember(tx: Tx, actor: Actor, input: InvitationInput, mail: MailSettings): Promise<number> {
  const email = checkEmail(input.email);
  const problems: FieldProblem[] = [];
  const organisationIds = [...new Set(input.role === 'partner_editor' ? input.organisationIds : [])];
  const locationIds = [...new Set(input.role === 'school_contact' ? input.locationIds : [])];
  if (input.role === 'partner_editor' && organisationIds.length === 0) problems.push({ field: 'organisationIds', key: 'accounts.invite.organisationsRequired' });
  if (input.role === 'school_contact' && locationIds.length === 0) problems.push({ field: 'locationIds', key: 'accounts.invite.locationsRequired' });
  if (organisationIds.length > 0) {
    const found = await tx.db.selectFrom('organisations').select('id').where('ecosystem_id', '=', input.ecosystemId).where('id', 'in', organisationIds).execute();
    if (found.length !== organisationIds.length) problems.push({ field: 'organisationIds', key: 'accounts.invite.unknownChoice' });
  }
  if (locationIds.length > 0) {
    const found = await tx.db
      .selectFrom('locations')
      .select('id')
      .where('ecosystem_id', '=', input.ecosystemId)
      .where('is_school', '=', true)
      .where('id', 'in', locationIds)
      .execute();
    if (found.length !== locationIds.length) problems.push({ field: 'locationIds', key: 'accounts.invite.unknownChoice' });
  }
  if (problems.length > 0) throw errors.invalidInput(problems);

  const now = new Date();
  await tx.db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('ecosystem_id', '=', input.ecosystemId)
    .where('email', '=', email)
    .where('role', '=', input.role)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const token = randomToken();
  const invitation = await tx.db
    .insertInto('invitations')
    .values({
      ecosystem_id: input.ecosystemId,
      email,
      role: input.role,
      organisation_ids: organisationIds,
      location_ids: locationIds,
      token_hash: hashToken(token),
      invited_by: actor.kind === 'user' ? actor.userId : null,
      expires_at: new Date(now.getTime() + invitationLifetimeMs),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    ecosystemId: input.ecosystemId,
    action: 'accounts.invitation.sent',
    subjectType: 'invitation',
    subjectId: invitation.id,
    details: { email, role: input.role, organisationIds, locationIds },
  });
  const inviter = actor.kind === 'user' ? actor.name || actor.email : t(mail.locale, 'app.name');
  const role = t(mail.locale, `accounts.role.${input.role}` as MessageKey);
  await mail.mailer.queue(tx, {
    to: email,
    kind: 'invitation',
    ecosystemId: input.ecosystemId,
    subject: t(mail.locale, 'mail.invitation.subject', { ecosystem: input.ecosystemName }),
    paragraphs: [
      t(mail.locale, 'mail.greeting'),
      t(mail.locale, 'mail.invitation.body', { inviter, ecosystem: input.ecosystemName, role }),
      t(mail.locale, 'mail.invitation.expiry'),
    ],
    action: { label: t(mail.locale, 'mail.invitation.action'), url: `${mail.publicUrl}/uitnodiging/${token}` },
    footer: t(mail.locale, 'mail.invitation.footer'),
  });
  return invitation.id;
}

export async function revokeInvitation(tx: Tx, actor: Actor, ecosystemId: number, id: number): Promise<void> {
  const revoked = await tx.db
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning(['email', 'role'])
    .executeTakeFirst();
  if (!revoked) throw errors.notFound('invitation');
  await recordAudit(tx, actor, { ecosystemId, action: 'accounts.invitation.revoked', subjectType: 'invitation', subjectId: id, details: { email: revoked.email, role: revoked.role } });
}

/** An invitation that can still be accepted, found by the token from the mail. */
export async function findOpenInvitation(db: Kysely<DB>, token: string, now: Date = new Date()) {
  if (token.length < 20 || token.length > 100) return undefined;
  return db
    .selectFrom('invitations')
    .innerJoin('ecosystems', 'ecosystems.id', 'invitations.ecosystem_id')
    .leftJoin('users', 'users.email', 'invitations.email')
    .select([
      'invitations.id',
      'invitations.ecosystem_id',
      'invitations.email',
      'invitations.role',
      'invitations.organisation_ids',
      'invitations.location_ids',
      'ecosystems.name as ecosystem_name',
      'ecosystems.slug as ecosystem_slug',
      'users.id as user_id',
      'users.status as user_status',
    ])
    .where('invitations.token_hash', '=', hashToken(token))
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .executeTakeFirst();
}

export type OpenInvitation = NonNullable<Awaited<ReturnType<typeof findOpenInvitation>>>;

/**
 * Accepts an invitation: following the link proves the address, so a new
 * person sets a name and password here, and someone who already has an
 * account just gains the role. Returns the person's id, to sign them in.
 */
export async function acceptInvitation(tx: Tx, token: string, newAccount: { name: string; password: string; repeat: string } | undefined): Promise<{ userId: number; invitation: OpenInvitation }> {
  const invitation = await findOpenInvitation(tx.db, token);
  if (!invitation) throw errors.notFound('invitation');
  if (invitation.user_status === 'disabled') throw errors.forbidden();
  let userId = invitation.user_id;
  if (userId === null) {
    const name = newAccount?.name.trim() ?? '';
    const password = newAccount?.password ?? '';
    const problems: FieldProblem[] = [];
    if (name === '') problems.push({ field: 'name', key: 'field.required' });
    if (name.length > 200) problems.push({ field: 'name', key: 'field.tooLong', params: { max: 200 } });
    const weak = passwordProblem(password);
    if (weak) problems.push({ field: 'password', key: weak });
    else if (password !== newAccount?.repeat) problems.push({ field: 'repeat', key: 'accounts.password.mismatch' });
    if (problems.length > 0) throw errors.invalidInput(problems);
    userId = await createUser(tx, { email: invitation.email, name, password });
  }
  // Locked, so a link used twice at the same moment is accepted once.
  const claimed = await tx.db
    .updateTable('invitations')
    .set({ accepted_at: new Date() })
    .where('id', '=', invitation.id)
    .where('accepted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) throw errors.notFound('invitation');
  await grantRole(tx, 'system', {
    ecosystemId: invitation.ecosystem_id,
    userId,
    role: invitation.role,
    organisationIds: invitation.organisation_ids,
    locationIds: invitation.location_ids,
  });
  await recordAudit(tx, 'system', {
    ecosystemId: invitation.ecosystem_id,
    action: 'accounts.invitation.accepted',
    subjectType: 'invitation',
    subjectId: invitation.id,
    details: { email: invitation.email, role: invitation.role, userId },
  });
  return { userId, invitation };
}
