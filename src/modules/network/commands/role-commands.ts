import { sql } from 'kysely';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { RoleInput } from '../network-forms.js';
import { overlaps, roleHolders } from '../role-rules.js';

/**
 * The checks a command makes beyond the form: the holder belongs to this
 * ecosystem, a core team's municipality is one of its municipalities, nobody
 * holds the same seat twice at once, and there is one penvoerder at a time
 * (the grant has one applicant). `exceptId`: the role being changed.
 */
async function checkRole(tx: Tx, ecosystemId: number, input: RoleInput, exceptId?: number): Promise<void> {
  const problems: FieldProblem[] = [];
  const holders = roleHolders[input.role];
  if (input.personId !== null) {
    const person = await tx.db.selectFrom('network_people').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', input.personId).executeTakeFirst();
    if (!person) problems.push({ field: 'personId', key: 'network.field.unknownChoice' });
    else if (!holders.person) problems.push({ field: 'personId', key: 'network.field.holder.organisationOnly' });
  }
  if (input.organisationId !== null) {
    const org = await tx.db.selectFrom('organisations').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', input.organisationId).executeTakeFirst();
    if (!org) problems.push({ field: 'organisationId', key: 'network.field.unknownChoice' });
    else if (!holders.organisation) problems.push({ field: 'organisationId', key: 'network.field.holder.personOnly' });
  }
  if (input.personId !== null && input.organisationId !== null) problems.push({ field: 'personId', key: 'network.field.holder.both' });
  if (input.personId === null && input.organisationId === null) problems.push({ field: 'personId', key: 'network.field.holder.none' });
  if (input.role === 'core_team') {
    const ecosystem = await tx.db.selectFrom('ecosystems').select('municipalities').where('id', '=', ecosystemId).executeTakeFirstOrThrow();
    if (input.municipality === null || (ecosystem.municipalities.length > 0 && !ecosystem.municipalities.includes(input.municipality))) {
      problems.push({ field: 'municipality', key: 'network.field.municipality.required' });
    }
  }
  if (input.role === 'community_of_practice' && !input.community) problems.push({ field: 'community', key: 'network.field.community.required' });
  if (input.endsOn !== null && input.endsOn < input.startsOn) problems.push({ field: 'endsOn', key: 'network.field.endsOn.beforeStart', params: { start: input.startsOn } });
  if (problems.length > 0) throw errors.invalidInput(problems);

  // Same role, other rows that could clash: all penvoerders, or this holder's seats.
  let others = tx.db
    .selectFrom('network_roles')
    .leftJoin('organisations', 'organisations.id', 'network_roles.organisation_id')
    .select([
      'network_roles.id', 'network_roles.person_id', 'network_roles.organisation_id', 'network_roles.municipality', 'network_roles.community', 'organisations.name',
      sql<string>`to_char(network_roles.starts_on, 'YYYY-MM-DD')`.as('startsOn'),
      sql<string | null>`to_char(network_roles.ends_on, 'YYYY-MM-DD')`.as('endsOn'),
    ])
    .where('network_roles.ecosystem_id', '=', ecosystemId)
    .where('network_roles.role', '=', input.role);
  if (exceptId !== undefined) others = others.where('network_roles.id', '<>', exceptId);
  for (const other of await others.execute()) {
    if (!overlaps(input, other)) continue;
    if (input.role === 'lead_applicant') {
      throw errors.invalidInput([{ field: 'startsOn', key: 'network.field.leadApplicant.taken', params: { name: other.name ?? '' } }]);
    }
    const sameHolder = (input.personId !== null && other.person_id === input.personId) || (input.organisationId !== null && other.organisation_id === input.organisationId);
    if (sameHolder && other.municipality === input.municipality && other.community === input.community) {
      throw errors.invalidInput([{ field: 'startsOn', key: 'network.field.role.duplicate' }]);
    }
  }
}

function values(input: RoleInput) {
  return {
    person_id: input.personId,
    organisation_id: input.organisationId,
    municipality: input.role === 'core_team' ? input.municipality : null,
    community: input.role === 'community_of_practice' ? input.community : null,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    note: input.note,
  };
}

export async function createRole(tx: Tx, actor: Actor, ecosystemId: number, input: RoleInput): Promise<{ id: number }> {
  await checkRole(tx, ecosystemId, input);
  const row = await tx.db
    .insertInto('network_roles')
    .values({ ecosystem_id: ecosystemId, role: input.role, ...values(input) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.role.created', subjectType: 'networkRole', subjectId: row.id,
    details: { role: input.role, personId: input.personId, organisationId: input.organisationId, startsOn: input.startsOn, endsOn: input.endsOn },
  });
  return row;
}

/** Changes who holds a role, where and when; the kind of role stays (end it and add another to change that). */
export async function updateRole(tx: Tx, actor: Actor, ecosystemId: number, id: number, input: RoleInput): Promise<void> {
  const existing = await tx.db.selectFrom('network_roles').select('role').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!existing) throw errors.notFound('networkRole');
  const fixed = { ...input, role: existing.role };
  await checkRole(tx, ecosystemId, fixed, id);
  await tx.db.updateTable('network_roles').set({ ...values(fixed), updated_at: new Date() }).where('id', '=', id).execute();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.role.updated', subjectType: 'networkRole', subjectId: id,
    details: { role: fixed.role, startsOn: fixed.startsOn, endsOn: fixed.endsOn },
  });
}

/** Ends a role on a day (the last day it is held). A role that has already ended is not ended again. */
export async function endRole(tx: Tx, actor: Actor, ecosystemId: number, id: number, endsOn: string, today: string): Promise<void> {
  const role = await tx.db
    .selectFrom('network_roles')
    .select([sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('startsOn'), sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('endsOn')])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!role) throw errors.notFound('networkRole');
  if (role.endsOn !== null && role.endsOn < today) throw errors.conflict('network.conflict.roleEnded', { day: role.endsOn });
  if (endsOn < role.startsOn) throw errors.invalidInput([{ field: 'lastDay', key: 'network.field.endsOn.beforeStart', params: { start: role.startsOn } }]);
  await tx.db.updateTable('network_roles').set({ ends_on: endsOn, updated_at: new Date() }).where('id', '=', id).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.role.ended', subjectType: 'networkRole', subjectId: id, details: { endsOn } });
}
