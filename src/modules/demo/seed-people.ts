import type { Role } from '../../core/context.js';
import type { Tx } from '../../db/database.js';
import { grantRole } from '../accounts/commands/membership-commands.js';
import { createUser } from '../accounts/commands/user-creator.js';

/**
 * Invented people for the demo ecosystem, one per role, so the people page and
 * the roles show something. They have no password: sign in as one of them with
 * `node dist/cli.js link <e-mail>` (see README).
 */
export async function seedDemoPeople(tx: Tx, ecosystemId: number): Promise<void> {
  const organisations = await tx.db
    .selectFrom('organisations')
    .select(['id', 'sector'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('sector', 'not in', ['school_primary', 'school_secondary', 'school_special'])
    .orderBy('id')
    .execute();
  const schools = await tx.db.selectFrom('locations').select('id').where('ecosystem_id', '=', ecosystemId).where('is_school', '=', true).orderBy('id').limit(2).execute();
  const people: Array<{ email: string; name: string; role: Role; organisationIds?: number[]; locationIds?: number[] }> = [
    { email: 'coordinator@twente-demo.example', name: 'Demo-coördinator', role: 'coordinator' },
    { email: 'bibliotheek@twente-demo.example', name: 'Demo-redacteur bibliotheek', role: 'partner_editor', organisationIds: organisations.filter((o) => o.sector === 'library').slice(0, 1).map((o) => o.id) },
    { email: 'museum@twente-demo.example', name: 'Demo-redacteur museum', role: 'partner_editor', organisationIds: organisations.filter((o) => o.sector === 'museum').slice(0, 2).map((o) => o.id) },
    { email: 'school@twente-demo.example', name: 'Demo-contactpersoon school', role: 'school_contact', locationIds: schools.map((s) => s.id) },
    { email: 'stuurgroep@twente-demo.example', name: 'Demo-stuurgroeplid', role: 'viewer' },
  ];
  for (const person of people) {
    if ((person.organisationIds?.length === 0) || (person.locationIds?.length === 0)) continue;
    const userId = await createUser(tx, { email: person.email, name: person.name });
    await grantRole(tx, 'system', { ecosystemId, userId, role: person.role, organisationIds: person.organisationIds ?? [], locationIds: person.locationIds ?? [] });
  }
}
