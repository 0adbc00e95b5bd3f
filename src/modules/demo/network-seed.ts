import type { Tx } from '../../db/database.js';
import type { NetworkRole, PartnerStatus, SchoolParticipation, SchoolType } from '../network/db/schema.js';
import { demoEcosystem } from './region.js';

/**
 * Invented network data for the demo ecosystem: every demo school location
 * gets a school row (invented BRINs starting with 90–97, see
 * docs/school-import.md), some of them participating; a selection of the
 * organisations become partners in every domain; invented contact people,
 * all named "(demo)" with .example addresses, fill the governance structure.
 * Deterministic: the same organisations give the same network.
 */
export async function seedDemoNetwork(tx: Tx, ecosystemId: number): Promise<void> {
  const db = tx.db;
  const organisations = await db.selectFrom('organisations').select(['id', 'name', 'sector', 'email']).where('ecosystem_id', '=', ecosystemId).orderBy('id').execute();
  const bySector = (sector: string) => organisations.filter((o) => o.sector === sector);
  const byName = (name: string) => organisations.find((o) => o.name === name);

  // ---- schools: one row per school location ----
  const locations = await db
    .selectFrom('locations as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select(['l.id', 'l.organisation_id', 'l.neighbourhood_id', 'o.sector'])
    .where('l.ecosystem_id', '=', ecosystemId)
    .where('l.is_school', '=', true)
    .orderBy('l.organisation_id')
    .orderBy('l.id')
    .execute();
  const schoolOrganisations = [...new Set(locations.map((l) => l.organisation_id))];
  const letters = 'ABCDEFGHJKLMNPRSTVWXYZ';
  const brinOf = (i: number) => `9${i % 8}${letters[Math.floor(i / 8) % letters.length]}${letters[(i * 7) % letters.length]}`;
  const secondaryTypes: SchoolType[][] = [['vmbo-tl', 'havo', 'vwo'], ['vmbo-bb', 'vmbo-kb', 'vmbo-gl', 'vmbo-tl'], ['havo', 'vwo'], ['vmbo-bb', 'vmbo-kb'], ['vmbo-gl', 'vmbo-tl', 'havo']];
  const specialTypes: SchoolType[][] = [['so'], ['vso'], ['so', 'vso']];
  // Roughly three in five take part, some are interested, one stopped: enough for the grant page to have something to count.
  const participations: SchoolParticipation[] = ['participating', 'participating', 'interested', 'participating', 'not_participating', 'participating', 'participating', 'interested', 'participating', 'stopped'];
  const numberInOrganisation = new Map<number, number>();
  const schools = locations.map((l, i) => {
    const orgIndex = schoolOrganisations.indexOf(l.organisation_id);
    const n = numberInOrganisation.get(l.organisation_id) ?? 0;
    numberInOrganisation.set(l.organisation_id, n + 1);
    const types = l.sector === 'school_primary' ? (['po'] as SchoolType[]) : l.sector === 'school_special' ? specialTypes[orgIndex % specialTypes.length]! : secondaryTypes[orgIndex % secondaryTypes.length]!;
    const participation = participations[i % participations.length]!;
    const pupils = l.sector === 'school_primary' ? 120 + ((i * 37) % 330) : l.sector === 'school_special' ? 60 + ((i * 13) % 140) : 450 + ((i * 97) % 1150);
    return {
      ecosystem_id: ecosystemId,
      location_id: l.id,
      brin: brinOf(orgIndex),
      location_number: String(n).padStart(2, '0'),
      school_types: types,
      pupil_count: i % 11 === 5 ? null : pupils,
      neighbourhood_id: l.neighbourhood_id,
      participation,
      participating_since: participation === 'participating' ? `2025-${String(1 + (i % 9)).padStart(2, '0')}-01` : null,
    };
  });
  if (schools.length > 0) await db.insertInto('schools').values(schools).execute();

  // ---- partners in every domain ----
  const partners: Array<{ id: number; status: PartnerStatus; since: string; note?: string }> = [];
  const add = (org: { id: number } | undefined, status: PartnerStatus, since: string, note = '') => {
    if (org && !partners.some((p) => p.id === org.id)) partners.push({ id: org.id, status, since, note });
  };
  const library = byName('Bibliotheek Twentestad');
  const makerSpace = byName('Makerplaats De Werkbank');
  const scienceCentre = byName('Proeftuin Almelo');
  add(library, 'active', '2025-01-01', 'Penvoerder van de Techkwadraat-aanvraag (demo).');
  add(makerSpace, 'active', '2025-01-01');
  add(byName('Stichting Natuurtuin Hengelo'), 'active', '2025-02-01');
  add(scienceCentre, 'active', '2025-01-01');
  const [primary1, primary2, primary3] = bySector('school_primary');
  const [secondary1, secondary2] = bySector('school_secondary');
  for (const school of [primary1, primary2, primary3, secondary1, secondary2]) add(school, 'active', '2025-02-01');
  add(bySector('school_special')[0], 'candidate', '2026-09-01', 'In gesprek over deelname (demo).');
  add(bySector('vocational')[0], 'active', '2025-03-01');
  for (const museum of bySector('museum').slice(0, 2)) add(museum, 'active', '2025-02-01');
  add(bySector('culture')[0], 'active', '2025-04-01');
  const [company1, company2, company3] = bySector('company');
  add(company1, 'active', '2025-02-01');
  add(company2, 'former', '2026-01-01', 'Gestopt na het eerste jaar (demo).');
  add(company3, 'candidate', '2026-10-01');
  const youthWork = bySector('youth_work')[0];
  add(youthWork, 'active', '2025-03-01');
  add(bySector('out_of_school_care')[0], 'active', '2025-05-01');
  add(bySector('club')[0], 'candidate', '2026-06-01');
  const municipality = bySector('municipality')[0];
  add(municipality, 'active', '2025-01-01');
  if (partners.length > 0) {
    await db
      .insertInto('network_partners')
      .values(partners.map((p) => ({ ecosystem_id: ecosystemId, organisation_id: p.id, status: p.status, status_since: p.since, note: p.note ?? '' })))
      .execute();
  }

  // ---- people ----
  const coordinatorAccount = await db.selectFrom('users').select('id').where('email', '=', 'coordinator@twente-demo.example').executeTakeFirst();
  const domainOf = (org: { email: string | null } | undefined) => org?.email?.split('@')[1] ?? 'twente-demo.example';
  const people: Array<{ key: string; name: string; jobTitle: string; org: (typeof organisations)[number] | undefined; userId?: number | undefined }> = [
    { key: 'marieke', name: 'Marieke Brinkhuis (demo)', jobTitle: 'Programmaleider', org: library },
    { key: 'joost', name: 'Joost ter Horst (demo)', jobTitle: 'Coördinator leerecosysteem', org: library, userId: coordinatorAccount?.id },
    { key: 'anouk', name: 'Anouk Wessels (demo)', jobTitle: 'Beleidsadviseur onderwijs', org: municipality },
    { key: 'henk', name: 'Henk Oude Luttikhuis (demo)', jobTitle: 'Rector', org: secondary1 },
    { key: 'fatma', name: 'Fatma Yilmaz (demo)', jobTitle: 'Directeur', org: primary1 },
    { key: 'ruben', name: 'Ruben Kamphuis (demo)', jobTitle: 'Manager opleidingen', org: company1 },
    { key: 'sanne', name: 'Sanne Nijhuis (demo)', jobTitle: 'Teamleider educatie', org: scienceCentre },
    { key: 'daan', name: 'Daan Veldhuis (demo)', jobTitle: 'Jongerenwerker', org: youthWork },
    { key: 'lotte', name: 'Lotte Bosch (demo)', jobTitle: 'W&T-coördinator', org: primary2 },
    { key: 'bram', name: 'Bram Ekkelkamp (demo)', jobTitle: 'Makercoach', org: makerSpace },
    { key: 'iris', name: 'Iris Lammers (demo)', jobTitle: 'Educatief medewerker', org: bySector('museum')[0] },
    { key: 'mehmet', name: 'Mehmet Demir (demo)', jobTitle: 'Leerkracht groep 7/8', org: primary3 },
    { key: 'wim', name: 'Wim Hulshof (demo)', jobTitle: 'Directeur', org: company2 },
  ];
  const personRows = await db
    .insertInto('network_people')
    .values(people.map((p) => ({
      ecosystem_id: ecosystemId,
      organisation_id: p.org?.id ?? null,
      name: p.name,
      job_title: p.jobTitle,
      email: `${p.key}@${domainOf(p.org)}`,
      phone: null,
      user_id: p.userId ?? null,
    })))
    .returning(['id', 'name'])
    .execute();
  const person = (key: string) => personRows[people.findIndex((p) => p.key === key)]!.id;

  // ---- roles: the governance structure ----
  const [firstMunicipality, secondMunicipality, thirdMunicipality] = demoEcosystem.municipalities;
  const roles: Array<{ role: NetworkRole; person?: string; organisation?: number | undefined; municipality?: string; community?: string; from: string; to?: string }> = [
    { role: 'lead_applicant', organisation: library?.id, from: '2025-01-01' },
    { role: 'steering_group', person: 'anouk', from: '2025-02-01' },
    { role: 'steering_group', person: 'henk', from: '2025-02-01' },
    { role: 'steering_group', person: 'ruben', from: '2025-02-01' },
    { role: 'steering_group', person: 'sanne', from: '2025-02-01' },
    { role: 'steering_group', person: 'wim', from: '2025-02-01', to: '2025-12-31' },
    { role: 'programme_leader', person: 'marieke', from: '2025-02-01' },
    { role: 'coordinator', person: 'joost', from: '2025-03-01' },
    { role: 'core_team', person: 'fatma', municipality: firstMunicipality, from: '2025-03-01' },
    { role: 'core_team', person: 'daan', municipality: firstMunicipality, from: '2025-03-01' },
    { role: 'core_team', person: 'lotte', municipality: firstMunicipality, from: '2025-04-01' },
    { role: 'core_team', person: 'iris', municipality: secondMunicipality, from: '2025-04-01' },
    { role: 'core_team', person: 'bram', municipality: secondMunicipality, from: '2025-04-01' },
    { role: 'core_team', person: 'sanne', municipality: thirdMunicipality, from: '2025-05-01' },
    { role: 'programme_team', person: 'marieke', from: '2025-03-01' },
    { role: 'programme_team', person: 'joost', from: '2025-03-01' },
    { role: 'programme_team', person: 'bram', from: '2025-03-01' },
    { role: 'programme_team', person: 'iris', from: '2025-03-01' },
    { role: 'community_of_practice', person: 'lotte', community: 'Techniek in de onderbouw', from: '2025-09-01' },
    { role: 'community_of_practice', person: 'fatma', community: 'Techniek in de onderbouw', from: '2025-09-01' },
    { role: 'community_of_practice', person: 'mehmet', community: 'Techniek in de onderbouw', from: '2025-09-01' },
    { role: 'community_of_practice', person: 'bram', community: 'Makeronderwijs', from: '2025-10-01' },
    { role: 'community_of_practice', organisation: makerSpace?.id, community: 'Makeronderwijs', from: '2025-10-01' },
  ];
  const rows = roles
    .filter((r) => r.person !== undefined || r.organisation !== undefined)
    .map((r) => ({
      ecosystem_id: ecosystemId,
      role: r.role,
      person_id: r.person ? person(r.person) : null,
      organisation_id: r.person ? null : r.organisation!,
      municipality: r.municipality ?? null,
      community: r.community ?? null,
      starts_on: r.from,
      ends_on: r.to ?? null,
    }));
  await db.insertInto('network_roles').values(rows).execute();
}
