import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { PersonInput } from '../network-forms.js';

/** The organisation must be this ecosystem's, and an account must hold a role here: a stranger's account is never linked. */
async function checkPerson(tx: Tx, ecosystemId: number, input: PersonInput): Promise<void> {
  const problems: FieldProblem[] = [];
  if (input.organisationId !== null) {
    const org = await tx.db.selectFrom('organisations').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', input.organisationId).executeTakeFirst();
    if (!org) problems.push({ field: 'organisationId', key: 'network.field.unknownChoice' });
  }
  if (input.userId !== null) {
    const member = await tx.db.selectFrom('memberships').select('id').where('ecosystem_id', '=', ecosystemId).where('user_id', '=', input.userId).executeTakeFirst();
    if (!member) problems.push({ field: 'userId', key: 'network.field.unknownChoice' });
  }
  if (problems.length > 0) throw errors.invalidInput(problems);
}

// The audit log names the person by id only: names and contact details stay out of the log.
export async function createPerson(tx: Tx, actor: Actor, ecosystemId: number, input: PersonInput): Promise<{ id: number }> {
  await checkPerson(tx, ecosystemId, input);
  const row = await tx.db
    .insertInto('network_people')
    .values({
      ecosystem_id: ecosystemId, organisation_id: input.organisationId, name: input.name, job_title: input.jobTitle,
      email: input.email, phone: input.phone, user_id: input.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.person.created', subjectType: 'networkPerson', subjectId: row.id, details: { organisationId: input.organisationId } });
  return row;
}

export async function updatePerson(tx: Tx, actor: Actor, ecosystemId: number, id: number, input: PersonInput): Promise<void> {
  await checkPerson(tx, ecosystemId, input);
  const result = await tx.db
    .updateTable('network_people')
    .set({ organisation_id: input.organisationId, name: input.name, job_title: input.jobTitle, email: input.email, phone: input.phone, user_id: input.userId, updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw errors.notFound('person');
  await recordAudit(tx, actor, { ecosystemId, action: 'network.person.updated', subjectType: 'networkPerson', subjectId: id });
}

/**
 * Removes a contact person and the roles they held. People are professionals
 * whose details are kept only while they are useful (data minimisation), so
 * removal deletes rather than archives; the audit log keeps that it happened.
 */
export async function deletePerson(tx: Tx, actor: Actor, ecosystemId: number, id: number): Promise<void> {
  const roles = await tx.db.deleteFrom('network_roles').where('ecosystem_id', '=', ecosystemId).where('person_id', '=', id).executeTakeFirst();
  const result = await tx.db.deleteFrom('network_people').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw errors.notFound('person');
  await recordAudit(tx, actor, { ecosystemId, action: 'network.person.deleted', subjectType: 'networkPerson', subjectId: id, details: { roles: Number(roles.numDeletedRows) } });
}
