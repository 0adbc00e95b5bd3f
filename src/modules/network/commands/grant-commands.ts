import { sql } from 'kysely';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { schoolTypes } from '../db/schema.js';
import { grantYears, type GrantInput } from '../finance-forms.js';
import { cents, money } from '../finance-money.js';
import { lockGrant } from './finance-references.js';

async function writeRates(tx: Tx, ecosystemId: number, grantId: number, rates: GrantInput['rates']): Promise<void> {
  await tx.db.deleteFrom('grant_rates').where('ecosystem_id', '=', ecosystemId).where('grant_id', '=', grantId).execute();
  const rows = schoolTypes.filter((type) => rates[type] !== undefined).map((type) => ({ ecosystem_id: ecosystemId, grant_id: grantId, school_type: type, rate_cents: rates[type]! }));
  if (rows.length > 0) await tx.db.insertInto('grant_rates').values(rows).execute();
}

export async function createGrant(tx: Tx, actor: Actor | 'system', ecosystemId: number, input: GrantInput): Promise<number> {
  const row = await tx.db
    .insertInto('grants')
    .values({
      ecosystem_id: ecosystemId, name: input.name, starts_on: input.startsOn, ends_on: input.endsOn, cofinancing_part: input.cofinancingPart,
      grant_part: input.grantPart, awarded_cents: input.awardedCents, notes: input.notes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeRates(tx, ecosystemId, row.id, input.rates);
  await recordAudit(tx, actor, { ecosystemId, action: 'network.grant.created', subjectType: 'grant', subjectId: row.id, details: auditDetails(input) });
  return row.id;
}

function auditDetails(input: GrantInput) {
  return {
    name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, ratio: `${input.cofinancingPart}:${input.grantPart}`,
    awardedCents: input.awardedCents, rates: input.rates,
  };
}

/**
 * Changes a grant. A change that would leave existing bookings without a
 * place is refused, with the reason on the field: expenses outside the new
 * period, planned amounts in years the period no longer has, or an awarded
 * amount below the budget already planned.
 */
export async function updateGrant(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, input: GrantInput): Promise<void> {
  const grant = await lockGrant(tx, ecosystemId, id);
  if (!grant) throw errors.notFound('grant');
  const problems: FieldProblem[] = [];
  const outside = await tx.db
    .selectFrom('expenses as x')
    .innerJoin('budget_lines as b', 'b.id', 'x.budget_line_id')
    .select([sql<string>`min(x.spent_on)::text`.as('first'), sql<string>`max(x.spent_on)::text`.as('last'), sql<number>`count(*)::int`.as('n')])
    .where('x.ecosystem_id', '=', ecosystemId)
    .where('b.grant_id', '=', id)
    .where((eb) => eb.or([eb('x.spent_on', '<', input.startsOn), eb('x.spent_on', '>', input.endsOn)]))
    .executeTakeFirstOrThrow();
  if (Number(outside.n) > 0) problems.push({ field: 'endsOn', key: 'finance.field.period.expensesOutside', params: { first: outside.first, last: outside.last } });
  const years = grantYears(input.startsOn, input.endsOn);
  const beyond = await tx.db
    .selectFrom('budget_line_amounts as a')
    .innerJoin('budget_lines as b', 'b.id', 'a.budget_line_id')
    .select(sql<number>`min(a.year)`.as('year'))
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('b.grant_id', '=', id)
    .where('a.year', '>', years)
    .where('a.planned_cents', '>', 0)
    .executeTakeFirst();
  if (beyond?.year) problems.push({ field: 'endsOn', key: 'finance.field.period.budgetYears', params: { year: Number(beyond.year) } });
  if (input.awardedCents !== null) {
    const budget = await plannedTotal(tx, ecosystemId, id);
    if (budget > input.awardedCents) problems.push({ field: 'awarded', key: 'finance.field.awarded.belowBudget', params: { budget: money(budget) } });
  }
  if (problems.length > 0) throw errors.invalidInput(problems);
  await tx.db
    .updateTable('grants')
    .set({
      name: input.name, starts_on: input.startsOn, ends_on: input.endsOn, cofinancing_part: input.cofinancingPart, grant_part: input.grantPart,
      awarded_cents: input.awardedCents, notes: input.notes, updated_at: new Date(),
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .execute();
  // Years the shorter period no longer has held only zeros (checked above): drop them.
  await tx.db
    .deleteFrom('budget_line_amounts')
    .where('ecosystem_id', '=', ecosystemId)
    .where('year', '>', years)
    .where('budget_line_id', 'in', (eb) => eb.selectFrom('budget_lines').select('id').where('grant_id', '=', id))
    .execute();
  await writeRates(tx, ecosystemId, id, input.rates);
  await recordAudit(tx, actor, { ecosystemId, action: 'network.grant.updated', subjectType: 'grant', subjectId: id, details: auditDetails(input) });
}

/** The budget planned on a grant so far, in cents. */
export async function plannedTotal(tx: Tx, ecosystemId: number, grantId: number, exceptLine?: number): Promise<number> {
  const row = await tx.db
    .selectFrom('budget_line_amounts as a')
    .innerJoin('budget_lines as b', 'b.id', 'a.budget_line_id')
    .select(sql<string>`coalesce(sum(a.planned_cents), 0)::bigint`.as('s'))
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('b.grant_id', '=', grantId)
    .$if(exceptLine !== undefined, (q) => q.where('b.id', '!=', exceptLine!))
    .executeTakeFirstOrThrow();
  return cents(row.s);
}

/** Deletes a grant entered by mistake; one with a budget or contributions stays (those would be orphaned). */
export async function deleteGrant(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number): Promise<void> {
  const grant = await lockGrant(tx, ecosystemId, id);
  if (!grant) throw errors.notFound('grant');
  const line = await tx.db.selectFrom('budget_lines').select('id').where('ecosystem_id', '=', ecosystemId).where('grant_id', '=', id).limit(1).executeTakeFirst();
  const contribution = await tx.db.selectFrom('contributions').select('id').where('ecosystem_id', '=', ecosystemId).where('grant_id', '=', id).limit(1).executeTakeFirst();
  if (line || contribution) throw errors.conflict('finance.conflict.grantInUse');
  await tx.db.deleteFrom('grants').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.grant.deleted', subjectType: 'grant', subjectId: id, details: { startsOn: grant.startsOn, endsOn: grant.endsOn } });
}
