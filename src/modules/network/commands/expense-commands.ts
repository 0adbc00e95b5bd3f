import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { ExpenseInput } from '../finance-forms.js';
import { valueOf, type Value } from '../finance-money.js';
import { checkOrganisation, lockGrant } from './finance-references.js';

/**
 * Expenses of the grant, booked on a budget line. The date must fall in the
 * grant's period (a hard error: an expense outside it cannot be charged to the
 * grant). Overspending a line or the grant is allowed but shown as a warning
 * on the overview: the bill has been paid either way.
 */

function valueColumns(value: Value) {
  return 'amountCents' in value
    ? { amount_cents: value.amountCents, hours_hundredths: null, hourly_rate_cents: null }
    : { amount_cents: null, hours_hundredths: value.hoursHundredths, hourly_rate_cents: value.hourlyRateCents };
}

/** Checks the budget line, the date against its grant and the organisation; returns the grant. */
async function checkReferences(tx: Tx, ecosystemId: number, input: ExpenseInput): Promise<number> {
  const problems: FieldProblem[] = [];
  const line = await tx.db.selectFrom('budget_lines').select('grant_id').where('ecosystem_id', '=', ecosystemId).where('id', '=', input.budgetLineId).executeTakeFirst();
  if (!line) problems.push({ field: 'budgetLineId', key: 'finance.field.budgetLine.unknown' });
  else {
    const grant = await lockGrant(tx, ecosystemId, line.grant_id);
    if (grant && (input.spentOn < grant.startsOn || input.spentOn > grant.endsOn)) {
      problems.push({ field: 'spentOn', key: 'finance.field.spentOn.outsideGrant', params: { from: grant.startsOn, to: grant.endsOn } });
    }
  }
  if (input.organisationId !== null) await checkOrganisation(tx, ecosystemId, input.organisationId, 'organisationId', problems);
  if (problems.length > 0 || !line) throw errors.invalidInput(problems);
  return line.grant_id;
}

function auditDetails(input: ExpenseInput, grantId: number) {
  return { grantId, budgetLineId: input.budgetLineId, spentOn: input.spentOn, description: input.description, reference: input.reference, valueCents: valueOf(input.value) };
}

export async function createExpense(tx: Tx, actor: Actor | 'system', ecosystemId: number, input: ExpenseInput): Promise<{ id: number; grantId: number }> {
  const grantId = await checkReferences(tx, ecosystemId, input);
  const row = await tx.db
    .insertInto('expenses')
    .values({
      ecosystem_id: ecosystemId, budget_line_id: input.budgetLineId, spent_on: input.spentOn, description: input.description,
      organisation_id: input.organisationId, reference: input.reference, ...valueColumns(input.value),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.expense.created', subjectType: 'expense', subjectId: row.id, details: auditDetails(input, grantId) });
  return { id: row.id, grantId };
}

export async function updateExpense(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, input: ExpenseInput): Promise<{ grantId: number }> {
  const before = await tx.db.selectFrom('expenses').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before) throw errors.notFound('expense');
  const grantId = await checkReferences(tx, ecosystemId, input);
  await tx.db
    .updateTable('expenses')
    .set({
      budget_line_id: input.budgetLineId, spent_on: input.spentOn, description: input.description, organisation_id: input.organisationId,
      reference: input.reference, ...valueColumns(input.value), updated_at: new Date(),
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.expense.updated', subjectType: 'expense', subjectId: id, details: auditDetails(input, grantId) });
  return { grantId };
}

export async function deleteExpense(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number): Promise<{ grantId: number }> {
  const row = await tx.db
    .selectFrom('expenses as x')
    .innerJoin('budget_lines as b', 'b.id', 'x.budget_line_id')
    .select(['b.grant_id', 'x.description', 'x.value_cents'])
    .where('x.ecosystem_id', '=', ecosystemId)
    .where('x.id', '=', id)
    .executeTakeFirst();
  if (!row) throw errors.notFound('expense');
  await tx.db.deleteFrom('expenses').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.expense.deleted', subjectType: 'expense', subjectId: id,
    details: { grantId: row.grant_id, description: row.description, valueCents: Number(row.value_cents) },
  });
  return { grantId: row.grant_id };
}
