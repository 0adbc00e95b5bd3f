import type { Actor } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { grantYears, plannedField, type BudgetLineInput } from '../finance-forms.js';
import { money, sum } from '../finance-money.js';
import { lockGrant } from './finance-references.js';
import { plannedTotal } from './grant-commands.js';

/**
 * Budget lines of a grant, with a planned amount per grant year.
 *
 * Once the grant is awarded (its amount is fixed in the decision), the budget
 * may not exceed it: a hard error. Before that the grant is an estimate that
 * moves as schools join or leave, so a budget above it is only a warning on
 * the overview (see financeOverview).
 */
async function checkAgainstAwarded(tx: Tx, ecosystemId: number, grantId: number, input: BudgetLineInput, lineId?: number): Promise<void> {
  const grant = await lockGrant(tx, ecosystemId, grantId);
  if (!grant) throw errors.notFound('grant');
  if (input.planned.length > grantYears(grant.startsOn, grant.endsOn)) throw errors.invalidInput([{ field: plannedField(input.planned.length), key: 'finance.field.period.budgetYears', params: { year: input.planned.length } }]);
  if (grant.awardedCents === null) return;
  const total = (await plannedTotal(tx, ecosystemId, grantId, lineId)) + sum(input.planned);
  if (total > grant.awardedCents) {
    throw errors.invalidInput([{ field: plannedField(1), key: 'finance.field.budget.overAwarded', params: { total: money(total), awarded: money(grant.awardedCents) } }]);
  }
}

async function writeAmounts(tx: Tx, ecosystemId: number, lineId: number, planned: number[]): Promise<void> {
  await tx.db.deleteFrom('budget_line_amounts').where('ecosystem_id', '=', ecosystemId).where('budget_line_id', '=', lineId).execute();
  const rows = planned.map((c, i) => ({ ecosystem_id: ecosystemId, budget_line_id: lineId, year: i + 1, planned_cents: c })).filter((r) => r.planned_cents > 0);
  if (rows.length > 0) await tx.db.insertInto('budget_line_amounts').values(rows).execute();
}

export async function createBudgetLine(tx: Tx, actor: Actor | 'system', ecosystemId: number, grantId: number, input: BudgetLineInput): Promise<number> {
  await checkAgainstAwarded(tx, ecosystemId, grantId, input);
  const row = await tx.db
    .insertInto('budget_lines')
    .values({ ecosystem_id: ecosystemId, grant_id: grantId, category: input.category, name: input.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAmounts(tx, ecosystemId, row.id, input.planned);
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.budget_line.created', subjectType: 'budgetLine', subjectId: row.id,
    details: { grantId, category: input.category, name: input.name, plannedCents: input.planned },
  });
  return row.id;
}

export async function updateBudgetLine(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, input: BudgetLineInput): Promise<void> {
  const line = await tx.db.selectFrom('budget_lines').select('grant_id').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!line) throw errors.notFound('budgetLine');
  await checkAgainstAwarded(tx, ecosystemId, line.grant_id, input, id);
  await tx.db.updateTable('budget_lines').set({ category: input.category, name: input.name, updated_at: new Date() }).where('id', '=', id).execute();
  await writeAmounts(tx, ecosystemId, id, input.planned);
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.budget_line.updated', subjectType: 'budgetLine', subjectId: id,
    details: { grantId: line.grant_id, category: input.category, name: input.name, plannedCents: input.planned },
  });
}

/** Deletes a budget line without expenses; one with expenses stays until they are moved or deleted. */
export async function deleteBudgetLine(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number): Promise<number> {
  const line = await tx.db.selectFrom('budget_lines').select(['grant_id', 'name']).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!line) throw errors.notFound('budgetLine');
  const used = await tx.db.selectFrom('expenses').select('id').where('ecosystem_id', '=', ecosystemId).where('budget_line_id', '=', id).limit(1).executeTakeFirst();
  if (used) throw errors.conflict('finance.conflict.budgetLineInUse');
  await tx.db.deleteFrom('budget_lines').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.budget_line.deleted', subjectType: 'budgetLine', subjectId: id, details: { grantId: line.grant_id, name: line.name } });
  return line.grant_id;
}
