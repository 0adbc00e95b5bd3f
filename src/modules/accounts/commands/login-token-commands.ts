import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { AppError, errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { t } from '../../../web/i18n/index.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashPassword, hashToken, randomToken } from '../secrets.js';
import type { MailSettings } from './invitation-commands.js';
import { passwordProblem } from './user-creator.js';

export type LoginPurpose = 'sign_in' | 'password_reset';

/** Links are short-lived: a sign-in link a quarter of an hour, a reset link an hour. */
export const loginTokenLifetimeMs: Record<LoginPurpose, number> = { sign_in: 15 * 60_000, password_reset: 60 * 60_000 };

/**
 * Mails a sign-in or password-reset link if the address belongs to an active
 * account, and does nothing otherwise. The caller shows the same message
 * either way, so nobody learns which addresses have an account. Older unused
 * links of the same kind stop working: only the newest mail counts.
 */
export async function sendLoginLink(tx: Tx, email: string, purpose: LoginPurpose, mail: MailSettings): Promise<void> {
  const user = await tx.db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('email', '=', email.trim().toLowerCase())
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!user) return;
  const token = await issueLoginToken(tx, user.id, purpose);
  await recordAudit(tx, 'system', { ecosystemId: null, action: purpose === 'sign_in' ? 'accounts.sign_in_link.sent' : 'accounts.password_reset.sent', subjectType: 'user', subjectId: user.id });
  const { locale } = mail;
  const signIn = purpose === 'sign_in';
  await mail.mailer.queue(tx, {
    to: user.email,
    kind: signIn ? 'sign_in_link' : 'password_reset',
    subject: t(locale, signIn ? 'mail.signInLink.subject' : 'mail.passwordReset.subject'),
    paragraphs: [
      user.name ? t(locale, 'mail.greetingName', { name: user.name }) : t(locale, 'mail.greeting'),
      t(locale, signIn ? 'mail.signInLink.body' : 'mail.passwordReset.body'),
    ],
    action: {
      label: t(locale, signIn ? 'mail.signInLink.action' : 'mail.passwordReset.action'),
      url: `${mail.publicUrl}/${signIn ? 'inloggen/link' : 'wachtwoord-herstellen'}/${token}`,
    },
    footer: t(locale, 'mail.notYou'),
  });
}

/**
 * Makes a fresh one-time token for a link; older unused tokens of the same
 * kind stop working, so only the newest link counts.
 */
export async function issueLoginToken(tx: Tx, userId: number, purpose: LoginPurpose): Promise<string> {
  const now = new Date();
  await tx.db.updateTable('login_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  const token = randomToken();
  await tx.db
    .insertInto('login_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, purpose, expires_at: new Date(now.getTime() + loginTokenLifetimeMs[purpose]) })
    .execute();
  return token;
}

/** The account a link belongs to, if the link is still good; does not use it up. */
export async function peekLoginToken(db: Kysely<DB>, token: string, purpose: LoginPurpose, now: Date = new Date()): Promise<{ userId: number; email: string } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const row = await db
    .selectFrom('login_tokens')
    .innerJoin('users', 'users.id', 'login_tokens.user_id')
    .select(['users.id', 'users.email'])
    .where('login_tokens.token_hash', '=', hashToken(token))
    .where('login_tokens.purpose', '=', purpose)
    .where('login_tokens.used_at', 'is', null)
    .where('login_tokens.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  return row ? { userId: row.id, email: row.email } : undefined;
}

/** Uses a link up (once only, even when two requests race) and returns whose it was. */
export async function useLoginToken(tx: Tx, token: string, purpose: LoginPurpose): Promise<number> {
  const found = await peekLoginToken(tx.db, token, purpose);
  const used = found
    ? await tx.db
        .updateTable('login_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .returning('user_id')
        .executeTakeFirst()
    : undefined;
  if (!used) throw new AppError('link_expired', 410, 'accounts.link.expired');
  return used.user_id;
}

/**
 * Sets a new password through a reset link. Every session of the account
 * ends, since whoever knew the old password may be signed in somewhere.
 */
export async function resetPassword(tx: Tx, token: string, password: string, repeat: string): Promise<number> {
  const weak = passwordProblem(password);
  if (weak) throw errors.invalidInput([{ field: 'password', key: weak }]);
  if (password !== repeat) throw errors.invalidInput([{ field: 'repeat', key: 'accounts.password.mismatch' }]);
  const userId = await useLoginToken(tx, token, 'password_reset');
  await tx.db.updateTable('users').set({ password_hash: await hashPassword(password), updated_at: new Date() }).where('id', '=', userId).execute();
  await tx.db.deleteFrom('user_sessions').where('user_id', '=', userId).execute();
  await tx.db.updateTable('login_tokens').set({ used_at: new Date() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await recordAudit(tx, 'system', { ecosystemId: null, action: 'accounts.password.reset', subjectType: 'user', subjectId: userId });
  return userId;
}
