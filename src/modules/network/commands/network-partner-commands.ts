import type { Actor } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { PartnerInput } from '../network-forms.js';

/**
 * Adds an organisation of the catalogue to the network. An organisation is a
 * partner once, with one status at a time; a second entry is refused on the field.
 */
export async function addPartner(tx: Tx, actor: Actor, ecosystemId: number, input: PartnerInput): Promise<{ id: number }> {
  const organisation = await tx.db
    .selectFrom('organisations')
    .select(['id', 'status'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', input.organisationId)
    .executeTakeFirst();
  if (!organisation || organisation.status !== 'active') throw errors.invalidInput([{ field: 'organisationId', key: 'network.field.unknownChoice' }]);
  const taken = await tx.db
    .selectFrom('network_partners')
    .select('id')
    .where('ecosystem_id', '=', ecosystemId)
    .where('organisation_id', '=', input.organisationId)
    .executeTakeFirst();
  if (taken) throw errors.invalidInput([{ field: 'organisationId', key: 'network.field.organisation.taken' }]);
  const row = await tx.db
    .insertInto('network_partners')
    .values({ ecosystem_id: ecosystemId, organisation_id: input.organisationId, status: input.status, status_since: input.statusSince, note: input.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.partner.added', subjectType: 'organisation', subjectId: input.organisationId,
    details: { status: input.status, since: input.statusSince },
  });
  return row;
}

/** Changes a partner's status (candidate, active, former: ending a partnership is setting "former" from a day) and note. */
export async function updatePartner(tx: Tx, actor: Actor, ecosystemId: number, organisationId: number, patch: Omit<PartnerInput, 'organisationId'>): Promise<void> {
  const before = await tx.db
    .selectFrom('network_partners')
    .select(['id', 'status'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!before) throw errors.notFound('organisation');
  await tx.db
    .updateTable('network_partners')
    .set({ status: patch.status, status_since: patch.statusSince, note: patch.note, updated_at: new Date() })
    .where('id', '=', before.id)
    .execute();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.partner.updated', subjectType: 'organisation', subjectId: organisationId,
    details: { from: before.status, status: patch.status, since: patch.statusSince },
  });
}
