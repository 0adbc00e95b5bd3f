import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { NetworkRole, PartnerStatus } from '../db/schema.js';

// Dates are selected as text: both drivers then give the same yyyy-mm-dd, whatever the server's time zone.
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export interface PartnerRow {
  organisationId: number;
  name: string;
  sector: string;
  organisationStatus: 'active' | 'archived';
  status: PartnerStatus;
  statusSince: string;
  note: string;
  contacts: number;
}

/** Partners in the network with their organisation, by name; `organisationIds` limits to those (a partner's own). */
export async function listPartners(db: Kysely<DB>, ecosystemId: number, organisationIds: 'all' | number[], status?: PartnerStatus): Promise<PartnerRow[]> {
  if (organisationIds !== 'all' && organisationIds.length === 0) return [];
  let query = db
    .selectFrom('network_partners as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'o.id as organisationId', 'o.name', 'o.sector', 'o.status as organisationStatus', 'p.status', 'p.note', day('p.status_since').as('statusSince'),
      (eb) => eb.selectFrom('network_people as n').select(sql<number>`count(*)::int`.as('n')).whereRef('n.organisation_id', '=', 'o.id').as('contacts'),
    ])
    .where('p.ecosystem_id', '=', ecosystemId)
    .orderBy('o.name');
  if (organisationIds !== 'all') query = query.where('p.organisation_id', 'in', organisationIds);
  if (status) query = query.where('p.status', '=', status);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, contacts: Number(r.contacts ?? 0) }));
}

export interface PartnerEntry {
  organisation: { id: number; name: string; sector: string; status: 'active' | 'archived'; website: string | null; email: string | null; phone: string | null };
  /** Undefined when the organisation is in the catalogue but not (yet) in the network. */
  partner?: { status: PartnerStatus; statusSince: string; note: string };
}

/** One organisation of this ecosystem and its partner entry, if any; undefined when the organisation is not this ecosystem's. */
export async function findPartnerEntry(db: Kysely<DB>, ecosystemId: number, organisationId: number): Promise<PartnerEntry | undefined> {
  const row = await db
    .selectFrom('organisations as o')
    .leftJoin('network_partners as p', 'p.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.sector', 'o.status', 'o.website', 'o.email', 'o.phone', 'p.status as partnerStatus', 'p.note', dayOrNull('p.status_since').as('statusSince')])
    .where('o.ecosystem_id', '=', ecosystemId)
    .where('o.id', '=', organisationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { partnerStatus, note, statusSince, ...organisation } = row;
  return { organisation, ...(partnerStatus && { partner: { status: partnerStatus, statusSince: statusSince ?? '', note: note ?? '' } }) };
}

/** Active organisations of the catalogue that are not partners yet: the choices when adding a partner. */
export async function organisationsOutsideNetwork(db: Kysely<DB>, ecosystemId: number): Promise<Array<{ id: number; name: string; sector: string }>> {
  return db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name', 'o.sector'])
    .where('o.ecosystem_id', '=', ecosystemId)
    .where('o.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('network_partners as p').select('p.id').whereRef('p.organisation_id', '=', 'o.id'))))
    .orderBy('o.name')
    .execute();
}

/** The sectors of the active partners (whose organisation is not archived), one entry per partner: the input of the domain check. */
export async function activePartnerSectors(db: Kysely<DB>, ecosystemId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('network_partners as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select('o.sector')
    .where('p.ecosystem_id', '=', ecosystemId)
    .where('p.status', '=', 'active')
    .where('o.status', '=', 'active')
    .execute();
  return rows.map((r) => r.sector);
}

/** Partners per status, for the overview's summary. */
export async function partnerCounts(db: Kysely<DB>, ecosystemId: number): Promise<Record<PartnerStatus, number>> {
  const rows = await db
    .selectFrom('network_partners')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('ecosystem_id', '=', ecosystemId)
    .groupBy('status')
    .execute();
  const counts: Record<PartnerStatus, number> = { candidate: 0, active: 0, former: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Every organisation of the ecosystem (active ones), for choosing an organisation of a person or a role. */
export async function organisationChoices(db: Kysely<DB>, ecosystemId: number): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('organisations').select(['id', 'name']).where('ecosystem_id', '=', ecosystemId).where('status', '=', 'active').orderBy('name').execute();
}

// ---- people ----

export interface PersonRow {
  id: number;
  name: string;
  jobTitle: string;
  email: string | null;
  phone: string | null;
  organisationId: number | null;
  organisationName: string | null;
  userId: number | null;
  userEmail: string | null;
}

const personColumns = [
  'n.id', 'n.name', 'n.job_title as jobTitle', 'n.email', 'n.phone', 'n.organisation_id as organisationId', 'o.name as organisationName',
  'n.user_id as userId', 'u.email as userEmail',
] as const;

/** Contact people by name; with `organisationIds`, only those of these organisations. */
export async function listPeople(db: Kysely<DB>, ecosystemId: number, organisationIds: 'all' | number[] = 'all'): Promise<PersonRow[]> {
  if (organisationIds !== 'all' && organisationIds.length === 0) return [];
  let query = db
    .selectFrom('network_people as n')
    .leftJoin('organisations as o', 'o.id', 'n.organisation_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .select(personColumns)
    .where('n.ecosystem_id', '=', ecosystemId)
    .orderBy('n.name')
    .orderBy('n.id');
  if (organisationIds !== 'all') query = query.where('n.organisation_id', 'in', organisationIds);
  return query.execute();
}

export async function findPerson(db: Kysely<DB>, ecosystemId: number, id: number): Promise<PersonRow | undefined> {
  return db
    .selectFrom('network_people as n')
    .leftJoin('organisations as o', 'o.id', 'n.organisation_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .select(personColumns)
    .where('n.ecosystem_id', '=', ecosystemId)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** People with an account in this ecosystem (any role), who may be linked to a contact person. */
export async function accountChoices(db: Kysely<DB>, ecosystemId: number): Promise<Array<{ id: number; name: string; email: string }>> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.email'])
    .where((eb) => eb.exists(eb.selectFrom('memberships as m').select('m.id').whereRef('m.user_id', '=', 'u.id').where('m.ecosystem_id', '=', ecosystemId)))
    .where('u.status', '=', 'active')
    .orderBy('u.name')
    .orderBy('u.email')
    .execute();
}

// ---- roles ----

export interface RoleRow {
  id: number;
  role: NetworkRole;
  personId: number | null;
  personName: string | null;
  /** The person's own organisation, or the organisation holding the role. */
  organisationId: number | null;
  organisationName: string | null;
  /** Whether an organisation holds the role itself (rather than a person). */
  heldByOrganisation: boolean;
  municipality: string | null;
  community: string | null;
  startsOn: string;
  endsOn: string | null;
  note: string;
}

/**
 * Roles, in governance order (the order of the role list), then by start.
 * `current`: only those held on that day. `organisationIds`: only roles of
 * these organisations or of their people.
 */
export async function listRoles(
  db: Kysely<DB>,
  ecosystemId: number,
  options: { current?: string; organisationIds?: 'all' | number[]; personId?: number } = {},
): Promise<RoleRow[]> {
  const { organisationIds = 'all' } = options;
  if (organisationIds !== 'all' && organisationIds.length === 0) return [];
  let query = db
    .selectFrom('network_roles as r')
    .leftJoin('network_people as n', 'n.id', 'r.person_id')
    .leftJoin('organisations as o', (join) => join.on(sql<boolean>`o.id = coalesce(r.organisation_id, n.organisation_id)`))
    .select([
      'r.id', 'r.role', 'r.person_id as personId', 'n.name as personName', 'o.id as organisationId', 'o.name as organisationName', 'r.municipality', 'r.community', 'r.note',
      sql<boolean>`r.organisation_id is not null`.as('heldByOrganisation'),
      day('r.starts_on').as('startsOn'), dayOrNull('r.ends_on').as('endsOn'),
    ])
    .where('r.ecosystem_id', '=', ecosystemId)
    .orderBy(sql`array_position(array['lead_applicant', 'steering_group', 'programme_leader', 'coordinator', 'core_team', 'programme_team', 'community_of_practice'], r.role)`)
    .orderBy('r.municipality')
    .orderBy('r.community')
    .orderBy('r.starts_on')
    .orderBy('r.id');
  if (options.current) {
    const today = options.current;
    query = query.where('r.starts_on', '<=', today).where((eb) => eb.or([eb('r.ends_on', 'is', null), eb('r.ends_on', '>=', today)]));
  }
  if (organisationIds !== 'all') query = query.where(sql<boolean>`coalesce(r.organisation_id, n.organisation_id) in (${sql.join(organisationIds)})`);
  if (options.personId !== undefined) query = query.where('r.person_id', '=', options.personId);
  return query.execute();
}

export async function findRole(db: Kysely<DB>, ecosystemId: number, id: number): Promise<RoleRow | undefined> {
  const rows = await db
    .selectFrom('network_roles as r')
    .leftJoin('network_people as n', 'n.id', 'r.person_id')
    .leftJoin('organisations as o', (join) => join.on(sql<boolean>`o.id = coalesce(r.organisation_id, n.organisation_id)`))
    .select([
      'r.id', 'r.role', 'r.person_id as personId', 'n.name as personName', 'o.id as organisationId', 'o.name as organisationName', 'r.municipality', 'r.community', 'r.note',
      sql<boolean>`r.organisation_id is not null`.as('heldByOrganisation'),
      day('r.starts_on').as('startsOn'), dayOrNull('r.ends_on').as('endsOn'),
    ])
    .where('r.ecosystem_id', '=', ecosystemId)
    .where('r.id', '=', id)
    .execute();
  return rows[0];
}

/** The names of the communities of practice used so far, for the role form's suggestions. */
export async function communityNames(db: Kysely<DB>, ecosystemId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('network_roles')
    .select('community')
    .distinct()
    .where('ecosystem_id', '=', ecosystemId)
    .where('community', 'is not', null)
    .orderBy('community')
    .execute();
  return rows.map((r) => r.community!);
}
