import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashPassword, passwordRules } from '../secrets.js';

export interface NewUser {
  email: string;
  name: string;
  password?: string | undefined;
  platformAdmin?: boolean;
}

/** Checks a new password against the rules; returns the problem's message key, if any. */
export function passwordProblem(password: string): 'accounts.password.tooShort' | 'accounts.password.tooLong' | undefined {
  if ([...password].length < passwordRules.minLength) return 'accounts.password.tooShort';
  if (password.length > passwordRules.maxLength) return 'accounts.password.tooLong';
  return undefined;
}

/** Creates a person (platform-wide). Used by invitations, the CLI and the demo. */
export async function createUser(tx: Tx, input: NewUser): Promise<number> {
  const email = input.email.trim().toLowerCase();
  const taken = await tx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw errors.conflict('accounts.emailTaken');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw errors.invalidInput([{ field: 'password', key: problem }]);
  }
  const user = await tx.db
    .insertInto('users')
    .values({
      email,
      name: input.name.trim(),
      password_hash: input.password === undefined ? null : await hashPassword(input.password),
      platform_admin: input.platformAdmin ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, 'system', { ecosystemId: null, action: 'accounts.user.created', subjectType: 'user', subjectId: user.id, details: { email, platformAdmin: input.platformAdmin ?? false } });
  return user.id;
}

/**
 * Makes someone a platform administrator, creating the account if needed
 * (without a password: they sign in by link and may set one later). For the
 * command line, where the first administrator of a new installation starts.
 */
export async function makePlatformAdmin(tx: Tx, email: string): Promise<number> {
  const normalised = email.trim().toLowerCase();
  const existing = await tx.db.selectFrom('users').select('id').where('email', '=', normalised).executeTakeFirst();
  const userId = existing?.id ?? (await createUser(tx, { email: normalised, name: '' }));
  await tx.db.updateTable('users').set({ platform_admin: true, status: 'active', updated_at: new Date() }).where('id', '=', userId).execute();
  await recordAudit(tx, 'system', { ecosystemId: null, action: 'accounts.platform_admin.granted', subjectType: 'user', subjectId: userId, details: { email: normalised } });
  return userId;
}
