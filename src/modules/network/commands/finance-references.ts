import type { FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { dayText } from '../queries/agreement-queries.js';

/**
 * Checks, inside the command's transaction, that ids chosen in a form exist in
 * this ecosystem. A wrong id is a problem on the field (a stale form, a
 * tampered one), never a database error.
 */
export async function checkOrganisation(tx: Tx, ecosystemId: number, id: number, field: string, problems: FieldProblem[]): Promise<void> {
  const row = await tx.db.selectFrom('organisations').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!row) problems.push({ field, key: 'finance.field.organisation.unknown' });
}

export async function checkAgreement(tx: Tx, ecosystemId: number, id: number, problems: FieldProblem[]): Promise<void> {
  const row = await tx.db.selectFrom('agreements').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!row) problems.push({ field: 'agreementId', key: 'finance.field.agreement.unknown' });
}

export interface GrantPeriod {
  id: number;
  startsOn: string;
  endsOn: string;
  awardedCents: number | null;
}

/** The grant, locked for the rest of the transaction: budget totals are checked against it and must not change meanwhile. */
export async function lockGrant(tx: Tx, ecosystemId: number, id: number): Promise<GrantPeriod | undefined> {
  return tx.db
    .selectFrom('grants')
    .select(['id', dayText('starts_on').as('startsOn'), dayText('ends_on').as('endsOn'), 'awarded_cents as awardedCents'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
