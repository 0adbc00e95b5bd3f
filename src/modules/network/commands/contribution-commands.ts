import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { ContributionInput } from '../finance-forms.js';
import { valueOf, type Value } from '../finance-money.js';
import { checkAgreement, checkOrganisation, lockGrant } from './finance-references.js';

/**
 * A partner's contribution: a commitment (toezegging) or a realised
 * contribution, in cash or in kind. The coordinator records it; the partner
 * confirms it. Changing what was confirmed (who, what, how much) takes the
 * confirmation away, so a partner never stands behind figures they did not see.
 */

function valueColumns(value: Value) {
  return 'amountCents' in value
    ? { amount_cents: value.amountCents, hours_hundredths: null, hourly_rate_cents: null }
    : { amount_cents: null, hours_hundredths: value.hoursHundredths, hourly_rate_cents: value.hourlyRateCents };
}

async function checkReferences(tx: Tx, ecosystemId: number, input: ContributionInput): Promise<void> {
  const problems: FieldProblem[] = [];
  await checkOrganisation(tx, ecosystemId, input.organisationId, 'organisationId', problems);
  if (input.agreementId !== null) await checkAgreement(tx, ecosystemId, input.agreementId, problems);
  if (input.grantId !== null && !(await lockGrant(tx, ecosystemId, input.grantId))) problems.push({ field: 'grantId', key: 'finance.field.grant.unknown' });
  if (problems.length > 0) throw errors.invalidInput(problems);
}

function auditDetails(input: ContributionInput) {
  return {
    organisationId: input.organisationId, agreementId: input.agreementId, grantId: input.grantId, stage: input.stage, kind: input.kind,
    valueCents: valueOf(input.value), ...('hoursHundredths' in input.value && { hours: input.value.hoursHundredths / 100, hourlyRateCents: input.value.hourlyRateCents }),
  };
}

export async function createContribution(tx: Tx, actor: Actor | 'system', ecosystemId: number, input: ContributionInput): Promise<number> {
  await checkReferences(tx, ecosystemId, input);
  const row = await tx.db
    .insertInto('contributions')
    .values({
      ecosystem_id: ecosystemId, organisation_id: input.organisationId, agreement_id: input.agreementId, grant_id: input.grantId, stage: input.stage,
      kind: input.kind, description: input.description, dated_on: input.datedOn, ...valueColumns(input.value),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.contribution.created', subjectType: 'contribution', subjectId: row.id, details: auditDetails(input) });
  return row.id;
}

export async function updateContribution(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, input: ContributionInput): Promise<void> {
  const before = await tx.db
    .selectFrom('contributions')
    .select(['organisation_id', 'stage', 'kind', 'amount_cents', 'hours_hundredths', 'hourly_rate_cents', 'confirmed_at'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw errors.notFound('contribution');
  await checkReferences(tx, ecosystemId, input);
  const columns = valueColumns(input.value);
  const substanceChanged =
    before.organisation_id !== input.organisationId || before.stage !== input.stage || before.kind !== input.kind ||
    before.amount_cents !== columns.amount_cents || before.hours_hundredths !== columns.hours_hundredths || before.hourly_rate_cents !== columns.hourly_rate_cents;
  const unconfirm = substanceChanged && before.confirmed_at !== null;
  await tx.db
    .updateTable('contributions')
    .set({
      organisation_id: input.organisationId, agreement_id: input.agreementId, grant_id: input.grantId, stage: input.stage, kind: input.kind,
      description: input.description, dated_on: input.datedOn, ...columns, updated_at: new Date(),
      ...(unconfirm && { confirmed_at: null, confirmed_by: null, confirmed_by_name: '' }),
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .execute();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.contribution.updated', subjectType: 'contribution', subjectId: id, details: { ...auditDetails(input), ...(unconfirm && { confirmationWithdrawn: true }) },
  });
}

export async function deleteContribution(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number): Promise<{ agreementId: number | null }> {
  const row = await tx.db
    .deleteFrom('contributions')
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returning(['organisation_id', 'agreement_id', 'stage', 'value_cents'])
    .executeTakeFirst();
  if (!row) throw errors.notFound('contribution');
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.contribution.deleted', subjectType: 'contribution', subjectId: id,
    details: { organisationId: row.organisation_id, agreementId: row.agreement_id, stage: row.stage, valueCents: Number(row.value_cents) },
  });
  return { agreementId: row.agreement_id };
}

/**
 * The partner confirms its contribution: committed → confirmed, by whom and
 * when. Confirming twice changes nothing (a double click), and says so.
 */
export async function confirmContribution(tx: Tx, actor: Actor, ecosystemId: number, id: number, now = new Date()): Promise<{ confirmed: boolean }> {
  if (actor.kind !== 'user') throw errors.forbidden();
  const row = await tx.db.selectFrom('contributions').select(['confirmed_at', 'value_cents']).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw errors.notFound('contribution');
  if (row.confirmed_at !== null) return { confirmed: false };
  const name = actor.name ? `${actor.name} (${actor.email})` : actor.email;
  await tx.db
    .updateTable('contributions')
    .set({ confirmed_at: now, confirmed_by: actor.userId, confirmed_by_name: name.slice(0, 300) })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.contribution.confirmed', subjectType: 'contribution', subjectId: id, details: { valueCents: Number(row.value_cents) } });
  return { confirmed: true };
}
