import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AgreementKind, AgreementStatus } from '../db/schema.js';

/** A date column as yyyy-mm-dd text: both drivers would otherwise make a Date at some midnight. */
export const dayText = (column: string) => sql<string>`${sql.ref(column)}::text`;
const nullableDayText = (column: string) => sql<string | null>`${sql.ref(column)}::text`;

export interface AgreementRow {
  id: number;
  title: string;
  kind: AgreementKind;
  status: AgreementStatus;
  startsOn: string;
  endsOn: string | null;
  reminderDays: number;
  reminderSentAt: Date | null;
  documentUrl: string | null;
  notes: string;
  updatedAt: Date;
}

function agreementColumns(db: Kysely<DB>) {
  return db
    .selectFrom('agreements as a')
    .select([
      'a.id', 'a.title', 'a.kind', 'a.status', dayText('a.starts_on').as('startsOn'), nullableDayText('a.ends_on').as('endsOn'),
      'a.reminder_days as reminderDays', 'a.reminder_sent_at as reminderSentAt', 'a.document_url as documentUrl', 'a.notes', 'a.updated_at as updatedAt',
    ]);
}

/**
 * Organisations party to an agreement: its signatories' and its contributors'.
 * A partner editor sees an agreement when one of theirs is among them.
 */
function partiesOf(db: Kysely<DB>) {
  return db
    .selectFrom('agreement_signatories')
    .select(['agreement_id', 'organisation_id'])
    .union(db.selectFrom('contributions').select(['agreement_id', 'organisation_id']).where('agreement_id', 'is not', null).$narrowType<{ agreement_id: number }>());
}

export interface AgreementListItem extends AgreementRow {
  partners: string[];
  hasDocument: boolean;
  /** Commitments under this agreement, in cents. */
  committedCents: number;
}

/** The ecosystem's agreements, newest first; `readable` limits them to agreements those organisations are party to. */
export async function listAgreements(db: Kysely<DB>, ecosystemId: number, readable: 'all' | number[]): Promise<AgreementListItem[]> {
  if (readable !== 'all' && readable.length === 0) return [];
  const rows = await agreementColumns(db)
    .where('a.ecosystem_id', '=', ecosystemId)
    .$if(readable !== 'all', (q) =>
      q.where('a.id', 'in', db.selectFrom(partiesOf(db).as('p')).select('p.agreement_id').where('p.organisation_id', 'in', readable as number[])),
    )
    .select((eb) => [
      eb
        .selectFrom('agreement_documents as d')
        .select(sql<boolean>`true`.as('x'))
        .whereRef('d.agreement_id', '=', 'a.id')
        .as('hasDocument'),
      eb
        .selectFrom('contributions as c')
        .select(sql<string>`coalesce(sum(c.value_cents), 0)::bigint`.as('s'))
        .whereRef('c.agreement_id', '=', 'a.id')
        .where('c.stage', '=', 'commitment')
        .as('committed'),
    ])
    .orderBy('a.starts_on', 'desc')
    .orderBy('a.id', 'desc')
    .limit(1000)
    .execute();
  const ids = rows.map((r) => r.id);
  const names = ids.length === 0 ? [] : await db
    .selectFrom(partiesOf(db).as('p'))
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.agreement_id as agreementId', 'o.name'])
    .where('p.agreement_id', 'in', ids)
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    hasDocument: r.hasDocument === true,
    committedCents: Number(r.committed ?? 0),
    partners: names.filter((n) => n.agreementId === r.id).map((n) => n.name),
  }));
}

export async function findAgreement(db: Kysely<DB>, ecosystemId: number, id: number): Promise<AgreementRow | undefined> {
  return agreementColumns(db).where('a.ecosystem_id', '=', ecosystemId).where('a.id', '=', id).executeTakeFirst();
}

/** The ids of the organisations party to the agreement (for the policy). */
export async function agreementPartyIds(db: Kysely<DB>, ecosystemId: number, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom(partiesOf(db).as('p'))
    .select('p.organisation_id')
    .where('p.agreement_id', '=', id)
    .where(({ exists, selectFrom }) => exists(selectFrom('agreements').select('id').where('id', '=', id).where('ecosystem_id', '=', ecosystemId)))
    .execute();
  return rows.map((r) => r.organisation_id);
}

export interface SignatoryRow {
  id: number;
  organisationId: number;
  organisationName: string;
  personName: string;
  personFunction: string;
  signedOn: string | null;
}

export async function signatoriesOf(db: Kysely<DB>, ecosystemId: number, agreementId: number): Promise<SignatoryRow[]> {
  return db
    .selectFrom('agreement_signatories as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.organisation_id as organisationId', 'o.name as organisationName', 's.person_name as personName', 's.person_function as personFunction', nullableDayText('s.signed_on').as('signedOn')])
    .where('s.ecosystem_id', '=', ecosystemId)
    .where('s.agreement_id', '=', agreementId)
    .orderBy('o.name')
    .orderBy('s.id')
    .execute();
}

export interface DocumentMeta {
  fileName: string;
  sizeBytes: number;
  uploadedAt: Date;
}

export async function agreementDocumentMeta(db: Kysely<DB>, ecosystemId: number, agreementId: number): Promise<DocumentMeta | undefined> {
  return db
    .selectFrom('agreement_documents')
    .select(['file_name as fileName', 'size_bytes as sizeBytes', 'uploaded_at as uploadedAt'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('agreement_id', '=', agreementId)
    .executeTakeFirst();
}

export async function agreementDocument(db: Kysely<DB>, ecosystemId: number, agreementId: number): Promise<{ fileName: string; content: Buffer } | undefined> {
  const row = await db
    .selectFrom('agreement_documents')
    .select(['file_name', 'content'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('agreement_id', '=', agreementId)
    .executeTakeFirst();
  // pg gives a Buffer, PGlite a Uint8Array.
  return row && { fileName: row.file_name, content: Buffer.from(row.content) };
}

export interface Choice {
  id: number;
  name: string;
}

/** Organisations to choose from: the active ones, plus any named in `keep` (the one already chosen). */
export async function organisationChoices(db: Kysely<DB>, ecosystemId: number, keep: number[] = []): Promise<Choice[]> {
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('ecosystem_id', '=', ecosystemId)
    .where((eb) => (keep.length > 0 ? eb.or([eb('status', '=', 'active'), eb('id', 'in', keep)]) : eb('status', '=', 'active')))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Agreements to attach a contribution to. */
export async function agreementChoices(db: Kysely<DB>, ecosystemId: number): Promise<Choice[]> {
  return db
    .selectFrom('agreements')
    .select(['id', 'title as name'])
    .where('ecosystem_id', '=', ecosystemId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}
