import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { AgreementInput, SignatoryInput } from '../finance-forms.js';
import { checkOrganisation } from './finance-references.js';

/** Agreements, their signatories and their document. Every change writes an audit event in the same transaction. */

export async function createAgreement(tx: Tx, actor: Actor | 'system', ecosystemId: number, input: AgreementInput): Promise<number> {
  const row = await tx.db
    .insertInto('agreements')
    .values({
      ecosystem_id: ecosystemId, title: input.title, kind: input.kind, status: input.status, starts_on: input.startsOn, ends_on: input.endsOn,
      reminder_days: input.reminderDays, document_url: input.documentUrl, notes: input.notes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.agreement.created', subjectType: 'agreement', subjectId: row.id, details: { title: input.title, kind: input.kind, status: input.status } });
  return row.id;
}

export async function updateAgreement(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number, input: AgreementInput): Promise<void> {
  const before = await tx.db
    .selectFrom('agreements')
    .select(['ends_on', 'reminder_days', 'status'])
    .select((eb) => eb.cast<string | null>('ends_on', 'text').as('endsOn'))
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw errors.notFound('agreement');
  // A new end date (an extension) or a new reminder term earns a reminder of its own.
  const remindAgain = before.endsOn !== input.endsOn || before.reminder_days !== input.reminderDays;
  await tx.db
    .updateTable('agreements')
    .set({
      title: input.title, kind: input.kind, status: input.status, starts_on: input.startsOn, ends_on: input.endsOn, reminder_days: input.reminderDays,
      document_url: input.documentUrl, notes: input.notes, updated_at: new Date(),
      ...(remindAgain && { reminder_sent_at: null }),
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .execute();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.agreement.updated', subjectType: 'agreement', subjectId: id,
    details: { title: input.title, status: input.status, startsOn: input.startsOn, endsOn: input.endsOn, ...(before.status !== input.status && { statusBefore: before.status }) },
  });
}

/** Deletes a mistaken agreement with its signatories and document; one with contributions stays (they would lose their basis). */
export async function deleteAgreement(tx: Tx, actor: Actor | 'system', ecosystemId: number, id: number): Promise<void> {
  const row = await tx.db.selectFrom('agreements').select('title').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw errors.notFound('agreement');
  const used = await tx.db.selectFrom('contributions').select('id').where('ecosystem_id', '=', ecosystemId).where('agreement_id', '=', id).limit(1).executeTakeFirst();
  if (used) throw errors.conflict('finance.conflict.agreementHasContributions');
  await tx.db.deleteFrom('agreements').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'network.agreement.deleted', subjectType: 'agreement', subjectId: id, details: { title: row.title } });
}

export async function addSignatory(tx: Tx, actor: Actor | 'system', ecosystemId: number, agreementId: number, input: SignatoryInput): Promise<number> {
  const agreement = await tx.db.selectFrom('agreements').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', agreementId).executeTakeFirst();
  if (!agreement) throw errors.notFound('agreement');
  const problems: FieldProblem[] = [];
  await checkOrganisation(tx, ecosystemId, input.organisationId, 'signatoryOrganisation', problems);
  if (problems.length > 0) throw errors.invalidInput(problems);
  const row = await tx.db
    .insertInto('agreement_signatories')
    .values({ ecosystem_id: ecosystemId, agreement_id: agreementId, organisation_id: input.organisationId, person_name: input.personName, person_function: input.personFunction, signed_on: input.signedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.agreement.signatoryAdded', subjectType: 'agreement', subjectId: agreementId,
    details: { organisationId: input.organisationId, name: input.personName, function: input.personFunction, signedOn: input.signedOn },
  });
  return row.id;
}

export async function removeSignatory(tx: Tx, actor: Actor | 'system', ecosystemId: number, agreementId: number, signatoryId: number): Promise<void> {
  const row = await tx.db
    .deleteFrom('agreement_signatories')
    .where('ecosystem_id', '=', ecosystemId)
    .where('agreement_id', '=', agreementId)
    .where('id', '=', signatoryId)
    .returning(['organisation_id', 'person_name'])
    .executeTakeFirst();
  if (!row) throw errors.notFound('agreement');
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.agreement.signatoryRemoved', subjectType: 'agreement', subjectId: agreementId,
    details: { organisationId: row.organisation_id, name: row.person_name },
  });
}

/** Stores (or replaces) the signed document: already checked to be a PDF within the size limit by `checkPdf`. */
export async function storeAgreementDocument(tx: Tx, actor: Actor | 'system', ecosystemId: number, agreementId: number, file: { fileName: string; data: Buffer }): Promise<void> {
  const agreement = await tx.db.selectFrom('agreements').select('id').where('ecosystem_id', '=', ecosystemId).where('id', '=', agreementId).forUpdate().executeTakeFirst();
  if (!agreement) throw errors.notFound('agreement');
  const values = {
    file_name: file.fileName, content_type: 'application/pdf' as const, size_bytes: file.data.length, content: file.data, uploaded_at: new Date(),
    uploaded_by: actor !== 'system' && actor.kind === 'user' ? actor.userId : null,
  };
  await tx.db
    .insertInto('agreement_documents')
    .values({ agreement_id: agreementId, ecosystem_id: ecosystemId, ...values })
    .onConflict((oc) => oc.column('agreement_id').doUpdateSet(values))
    .execute();
  await recordAudit(tx, actor, {
    ecosystemId, action: 'network.agreement.documentUploaded', subjectType: 'agreement', subjectId: agreementId, details: { fileName: file.fileName, bytes: file.data.length },
  });
}

export async function removeAgreementDocument(tx: Tx, actor: Actor | 'system', ecosystemId: number, agreementId: number): Promise<void> {
  const row = await tx.db
    .deleteFrom('agreement_documents')
    .where('ecosystem_id', '=', ecosystemId)
    .where('agreement_id', '=', agreementId)
    .returning('file_name')
    .executeTakeFirst();
  if (!row) throw errors.notFound('agreement');
  await recordAudit(tx, actor, { ecosystemId, action: 'network.agreement.documentRemoved', subjectType: 'agreement', subjectId: agreementId, details: { fileName: row.file_name } });
}
