import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../src/app.js';
import { grantRole } from '../src/modules/accounts/commands/membership-commands.js';
import { createUser } from '../src/modules/accounts/commands/user-creator.js';
import { createActivity, submitActivity } from '../src/modules/catalogue/commands/activity-commands.js';
import { createLocation, createOrganisation } from '../src/modules/catalogue/commands/organisation-commands.js';
import { createNextStep, createSession } from '../src/modules/catalogue/commands/session-commands.js';
import { createTheme } from '../src/modules/catalogue/commands/theme-commands.js';
import { saveActivityAchievement } from '../src/modules/passes/commands/achievement-commands.js';
import { issueBadge } from '../src/modules/passes/commands/badge-issuer.js';
import { issueSinglePass } from '../src/modules/passes/commands/pass-issuer.js';
import { addSignatory, createAgreement, storeAgreementDocument } from '../src/modules/network/commands/agreement-commands.js';
import { createBudgetLine } from '../src/modules/network/commands/budget-commands.js';
import { createContribution } from '../src/modules/network/commands/contribution-commands.js';
import { createExpense } from '../src/modules/network/commands/expense-commands.js';
import { createGrant } from '../src/modules/network/commands/grant-commands.js';
import { pdfBytes } from './helpers/finance-fixtures.js';
import { testConfig, testDatabase } from './helpers/build-app.js';
import { createFixture, type Fixture } from './helpers/factories.js';
import { anonymousCsrf, formPost } from './helpers/forms.js';
import { multipartBody } from './helpers/multipart.js';
import { signedInAs } from './helpers/people.js';

/**
 * Every route × every role × another ecosystem, through HTTP: who gets in,
 * and with which status. The last test checks that no route is missing from
 * the table, so a new route cannot slip in without deciding who may use it.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
/** Route patterns that some request of this file reached, as "METHOD /pattern". */
const reached = new Set<string>();

type Who =
  | 'anonymous'
  | 'school contact'
  | 'viewer'
  | 'partner of another organisation'
  | 'coordinator of another ecosystem'
  | 'partner of this organisation'
  | 'coordinator'
  | 'platform administrator';
const everyone: Who[] = [
  'anonymous', 'school contact', 'viewer', 'partner of another organisation', 'coordinator of another ecosystem', 'partner of this organisation', 'coordinator',
  'platform administrator',
];
const people = new Map<Who, { cookies: Record<string, string>; csrf: string }>();

before(async () => {
  fx = await createFixture(database);
  const other = await createFixture(database, 'ander');
  app = await buildApp({ config: testConfig(), database });
  app.addHook('onResponse', async (request) => {
    if (request.routeOptions.url) reached.add(`${request.method} ${request.routeOptions.url}`);
  });
  await app.ready();
  const e = fx.ecosystem.id;
  const grants: Array<[Who, Parameters<typeof signedInAs>[1]]> = [
    ['coordinator', { ecosystemId: e, role: 'coordinator' }],
    ['partner of this organisation', { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.library] }],
    ['partner of another organisation', { ecosystemId: e, role: 'partner_editor', organisationIds: [fx.orgs.museum] }],
    ['school contact', { ecosystemId: e, role: 'school_contact', locationIds: [fx.locations.enschede] }],
    ['viewer', { ecosystemId: e, role: 'viewer' }],
    ['coordinator of another ecosystem', { ecosystemId: other.ecosystem.id, role: 'coordinator' }],
    ['platform administrator', 'platform_admin'],
  ];
  for (const [who, grant] of grants) {
    const { cookies } = await signedInAs(database, grant);
    const account = await app.inject({ url: '/account', cookies });
    people.set(who, { cookies, csrf: /name="_csrf" value="([^"]+)"/.exec(account.body)![1]! });
  }
  people.set('anonymous', await anonymousCsrf(app));
});
after(async () => {
  await app.close();
  await database.drop();
});

// Fresh rows of the library (the "organisation" of the table) for changes that cannot be repeated.
const fresh = {
  activity: () =>
    database.transaction(async (tx) =>
      (await createActivity(tx, fx.ecosystem.id, {
        organisationId: fx.orgs.library, title: 'Tabelproef', themes: ['bewegen'], format: 'workshop', setting: 'both', minAge: 6, maxAge: 10,
        level: 'introduction', registrationMode: 'walk_in', locationId: fx.locations.enschede,
      })).id,
    ),
  submitted: async () => {
    const id = await fresh.activity();
    await database.transaction((tx) => submitActivity(tx, fx.ecosystem.id, id));
    return id;
  },
  session: () =>
    database.transaction(async (tx) => {
      const startsAt = new Date(Date.now() + 9 * 86_400_000);
      return (await createSession(tx, fx.ecosystem.id, fx.activities.robotClub, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() })).id;
    }),
  nextStep: async () => {
    const from = await fresh.activity();
    return database.transaction(async (tx) => (await createNextStep(tx, fx.ecosystem.id, from, { toActivityId: fx.activities.stars, kind: 'broaden', reason: 'x' })).id);
  },
  location: () =>
    database.transaction(async (tx) => (await createLocation(tx, fx.ecosystem.id, { organisationId: fx.orgs.library, name: 'Tijdelijk', lat: 52.2, lng: 6.9 })).id),
  theme: () =>
    database.transaction(async (tx) => (await createTheme(tx, fx.ecosystem.id, { slug: `tabel-${Math.random().toString(36).slice(2, 8)}`, name: 'Tabel' })).id),
  organisation: () => database.transaction(async (tx) => (await createOrganisation(tx, fx.ecosystem.id, { name: 'Tijdelijke partner', sector: 'other' })).id),
  invitation: async () => {
    const row = await database.db
      .insertInto('invitations')
      .values({ ecosystem_id: fx.ecosystem.id, email: `tabel${Math.random().toString(36).slice(2, 8)}@proef.example`, role: 'viewer', token_hash: Math.random().toString(36), expires_at: new Date(Date.now() + 86_400_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  membership: () =>
    database.transaction(async (tx) => {
      const userId = await createUser(tx, { email: `rol${Math.random().toString(36).slice(2, 8)}@proef.example`, name: 'Rol' });
      return grantRole(tx, 'system', { ecosystemId: fx.ecosystem.id, userId, role: 'viewer' });
    }),
  /** A badge of the library's activity, issued to a new pass. */
  badge: () =>
    database.transaction(async (tx) => {
      const achievementId = (await saveActivityAchievement(tx, { kind: 'admin' }, fx.ecosystem.id, fx.activities.robots, { awards: true, name: 'Tabelinsigne', description: '', criteria: '' }))!;
      const pass = await issueSinglePass(tx, 'system', fx.ecosystem.id, 'staff');
      return (await issueBadge(tx, { ecosystemId: fx.ecosystem.id, passId: pass.id, achievementId, participationId: null }))!;
    }),
  // ---- the network ----
  libraryPartner: async () => {
    await database.db
      .insertInto('network_partners')
      .values({ ecosystem_id: fx.ecosystem.id, organisation_id: fx.orgs.library, status: 'active', status_since: '2026-01-01' })
      .onConflict((oc) => oc.columns(['ecosystem_id', 'organisation_id']).doNothing())
      .execute();
    return fx.orgs.library;
  },
  person: async () =>
    (await database.db.insertInto('network_people').values({ ecosystem_id: fx.ecosystem.id, organisation_id: fx.orgs.library, name: 'Tabelpersoon' }).returning('id').executeTakeFirstOrThrow()).id,
  networkRole: async () => {
    const personId = await fresh.person();
    return (await database.db.insertInto('network_roles').values({ ecosystem_id: fx.ecosystem.id, role: 'programme_team', person_id: personId, starts_on: '2020-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
  },
  school: async () => {
    const locationId = await fresh.location();
    const brin = `${10 + Math.floor(Math.random() * 89)}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;
    return (await database.db.insertInto('schools').values({ ecosystem_id: fx.ecosystem.id, location_id: locationId, brin, location_number: String(locationId % 100).padStart(2, '0'), school_types: ['po'] }).returning('id').executeTakeFirstOrThrow()).id;
  },
  schoolUpload: async () => {
    const coordinator = people.get('coordinator')!;
    const csv = Buffer.from('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;ONDERWIJSSTRUCTUUR\r\n77XY;77XY00;Tabelschool;Ruiterweg;1;7511 AA;ENSCHEDE;HAVO\r\n');
    const { payload, headers } = multipartBody({ _csrf: coordinator.csrf }, { name: 'bestand', fileName: 'scholen.csv', type: 'text/csv', data: csv });
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/netwerk/scholen/importeren', cookies: coordinator.cookies, payload, headers });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return res.headers.location as string;
  },
  pass: () => database.transaction(async (tx) => (await issueSinglePass(tx, 'system', fx.ecosystem.id, 'staff')).id),
  batch: async () =>
    // A class of the school contact's location (written directly: the table's location is not marked as a school).
    (await database.db.insertInto('pass_batches').values({ ecosystem_id: fx.ecosystem.id, school_location_id: fx.locations.enschede, label: 'groep 6', size: 1 }).returning('id').executeTakeFirstOrThrow()).id,
  learningPath: async () =>
    (await database.db.insertInto('learning_paths').values({ ecosystem_id: fx.ecosystem.id, slug: `route-${Math.random().toString(36).slice(2, 8)}`, title: 'Tabelroute' }).returning('id').executeTakeFirstOrThrow()).id,
  upload: async () => {
    const coordinator = people.get('coordinator')!;
    const csv = Buffer.from('Eigen id,Titel\nA-1,Proef\n');
    const { payload, headers } = multipartBody({ _csrf: coordinator.csrf, organisatie: String(fx.orgs.library) }, { name: 'bestand', fileName: 'aanbod.csv', type: 'text/csv', data: csv });
    const res = await app.inject({ method: 'POST', url: '/e/proef/beheer/aanbod/importeren', cookies: coordinator.cookies, payload, headers });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return res.headers.location as string;
  },
};

// Agreements and finance (src/modules/network): one of each, made on first use, with the library as the
// party; fresh ones for the changes that cannot be repeated (deletes, confirmations).
const financeRows = {
  agreement: () =>
    database.transaction(async (tx) => {
      const id = await createAgreement(tx, 'system', fx.ecosystem.id, { title: 'Tabelconvenant', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: 60, documentUrl: null, notes: '' });
      await addSignatory(tx, 'system', fx.ecosystem.id, id, { organisationId: fx.orgs.library, personName: 'Tabel', personFunction: '', signedOn: null });
      await storeAgreementDocument(tx, 'system', fx.ecosystem.id, id, { fileName: 'tabel.pdf', data: pdfBytes() });
      return id;
    }),
  signatory: async () => {
    // On an agreement of its own: a museum signatory left behind would make the museum party to the shared one.
    const agreement = await financeRows.agreement();
    const id = await database.transaction((tx) => addSignatory(tx, 'system', fx.ecosystem.id, agreement, { organisationId: fx.orgs.museum, personName: 'Weg', personFunction: '', signedOn: null }));
    return `${agreement}/ondertekenaars/${id}`;
  },
  grant: () =>
    database.transaction((tx) => createGrant(tx, 'system', fx.ecosystem.id, { name: 'Tabelsubsidie', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: 1, grantPart: 1, awardedCents: null, notes: '', rates: {} })),
  line: async () => {
    const grant = await finance.grant();
    return database.transaction((tx) => createBudgetLine(tx, 'system', fx.ecosystem.id, grant, { category: 'activities', name: 'Tabelpost', planned: [100, 0, 0] }));
  },
  contribution: async () => {
    const grant = await finance.grant();
    return database.transaction((tx) =>
      createContribution(tx, 'system', fx.ecosystem.id, { organisationId: fx.orgs.library, agreementId: null, grantId: grant, stage: 'commitment', kind: 'cash', description: '', value: { amountCents: 100 }, datedOn: null }),
    );
  },
  expense: async () => {
    const line = await finance.line();
    return (await database.transaction((tx) => createExpense(tx, 'system', fx.ecosystem.id, { budgetLineId: line, spentOn: '2026-09-01', description: 'Tabel', organisationId: null, reference: '', value: { amountCents: 100 } }))).id;
  },
};
const made = new Map<string, Promise<number>>();
let expenseGrant = 0;
/** The shared row of each kind (made once), and `fresh…` for a new one. */
const finance = {
  agreement: () => (made.get('agreement') ?? made.set('agreement', financeRows.agreement()).get('agreement'))!,
  grant: () => (made.get('grant') ?? made.set('grant', financeRows.grant()).get('grant'))!,
  line: () => (made.get('line') ?? made.set('line', financeRows.line()).get('line'))!,
  contribution: () => (made.get('contribution') ?? made.set('contribution', financeRows.contribution()).get('contribution'))!,
  expense: () => (made.get('expense') ?? made.set('expense', financeRows.expense()).get('expense'))!,
  ...Object.fromEntries(Object.entries(financeRows).map(([k, f]) => [`fresh${k[0]!.toUpperCase()}${k.slice(1)}`, f])),
} as { agreement(): Promise<number>; grant(): Promise<number>; line(): Promise<number>; contribution(): Promise<number>; expense(): Promise<number> } & {
  freshAgreement(): Promise<number>; freshSignatory(): Promise<string>; freshGrant(): Promise<number>; freshLine(): Promise<number>; freshContribution(): Promise<number>; freshExpense(): Promise<number>;
};

/** A session of the library's activity with one confirmed sign-up; begun when `begun`, for attendance. */
let lastSignupId = '';
async function sessionWithSignup(begun: boolean): Promise<number> {
  const sessionId = await fresh.session();
  const passId = await fresh.pass();
  lastSignupId = (await database.db
    .insertInto('signups')
    .values({ ecosystem_id: fx.ecosystem.id, session_id: sessionId, activity_id: fx.activities.robotClub, pass_id: passId, status: 'confirmed' })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
  if (begun) await database.db.updateTable('sessions').set({ starts_at: new Date(Date.now() - 3_600_000), ends_at: new Date(Date.now() + 3_600_000) }).where('id', '=', sessionId).execute();
  return sessionId;
}

/** A class booking requested for the library's activity by the school contact's school, with a fresh session to confirm it for. */
let lastClassSession = 0;
async function classBooking(): Promise<number> {
  lastClassSession = await fresh.session();
  return (await database.db
    .insertInto('class_bookings')
    .values({ ecosystem_id: fx.ecosystem.id, activity_id: fx.activities.robotClub, session_id: lastClassSession, school_location_id: fx.locations.enschede, group_label: 'groep 8', pupils: 2, status: 'requested' })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
}

const coordinatorOnly: Who[] = ['coordinator', 'platform administrator'];
const owners: Who[] = [...coordinatorOnly, 'partner of this organisation'];
const partners: Who[] = [...owners, 'partner of another organisation'];
const readers: Who[] = [...coordinatorOnly, 'viewer'];
const passIssuers: Who[] = [...coordinatorOnly, 'school contact'];

type Body = {
  form?: () => Record<string, string | string[]>;
  json?: () => object;
  multipart?: () => ReturnType<typeof multipartBody>;
  raw?: () => { payload: string; type: string };
};
// [method, path (may create what it needs), who may, status for those who may, body, status for signed-in others (403 unless said)]
type Row = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: () => string | Promise<string>, allowed: Who[], okStatus: number, body?: Body, deniedStatus?: number];
const lib = () => fx.orgs.library;
const rows: Row[] = [
  // ---- management pages ----
  // ---- sign-ups (src/modules/signups): a partner manages its own organisation's lists, a coordinator all ----
  ['GET', () => '/e/proef/beheer/aanmeldingen', partners, 200],
  ['GET', async () => `/e/proef/beheer/aanmeldingen/sessie/${await sessionWithSignup(false)}`, owners, 200],
  ['POST', async () => `/e/proef/beheer/aanmeldingen/sessie/${await sessionWithSignup(true)}/aanwezigheid`, owners, 303, { form: () => ({ signupId: lastSignupId, aanwezig: 'ja' }) }],
  ['POST', async () => `/e/proef/beheer/aanmeldingen/sessie/${await sessionWithSignup(false)}/betaald`, owners, 303, { form: () => ({ signupId: lastSignupId, betaald: 'ja' }) }],
  ['POST', async () => `/e/proef/beheer/aanmeldingen/sessie/${await sessionWithSignup(false)}/afgelasten`, owners, 303, { form: () => ({ reason: 'Tabel' }) }],
  ['GET', () => `/e/proef/beheer/aanmeldingen/activiteit/${fx.activities.robotClub}/loting`, owners, 200],
  ['POST', () => `/e/proef/beheer/aanmeldingen/activiteit/${fx.activities.robotClub}/loting/venster`, owners, 303, { form: () => ({ closesAt: '2030-01-01T12:00', offerHours: '48' }) }],
  // Not a lottery activity: the draw is refused with a message, after the policy let the person in.
  ['POST', () => `/e/proef/beheer/aanmeldingen/activiteit/${fx.activities.robotClub}/loting/trekken`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanmeldingen/activiteit/${fx.activities.robotClub}/loting/controleren`, owners, 404, { form: () => ({ drawId: '999999' }) }],
  ['GET', () => '/e/proef/beheer/loting', coordinatorOnly, 200],
  // Class bookings: a school contact books for its own school; the activity's provider decides.
  ['GET', () => '/e/proef/beheer/klasboekingen', [...partners, 'school contact'], 200],
  ['GET', () => `/e/proef/beheer/klasboekingen/nieuw?activiteit=${fx.activities.robotClub}`, [...coordinatorOnly, 'school contact'], 200],
  ['POST', () => '/e/proef/beheer/klasboekingen/nieuw', [...coordinatorOnly, 'school contact'], 303, { form: () => ({ activityId: String(fx.activities.robotClub), schoolLocationId: String(fx.locations.enschede), groupLabel: 'groep 5', pupils: '2', sessionId: '', wishes: 'Dinsdag' }) }],
  ['POST', async () => `/e/proef/beheer/klasboekingen/${await classBooking()}/bevestigen`, owners, 303, { form: () => ({ sessionId: String(lastClassSession) }) }],
  ['POST', async () => `/e/proef/beheer/klasboekingen/${await classBooking()}/afwijzen`, owners, 303, { form: () => ({ note: 'Tabel' }) }],
  ['POST', async () => `/e/proef/beheer/klasboekingen/${await classBooking()}/annuleren`, [...coordinatorOnly, 'school contact'], 303],
  ['POST', () => '/e/proef/beheer/loting', coordinatorOnly, 303, { form: () => ({ rules: ['firstTimers', 'siblingsTogether', 'oneBeforeTwo'], prioritySesTierMax: '2', seasonStartMonth: '8' }) }],
  ['GET', () => '/e/proef/beheer', [...partners, 'viewer', 'school contact'], 200],
  ['GET', () => '/e/proef/beheer/aanbod', partners, 200],
  ['GET', () => '/e/proef/beheer/aanbod/nieuw', partners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bewerken`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.draft}/voorbeeld`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bijeenkomsten/nieuw`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/reeks`, owners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, owners, 200],
  ['GET', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}`, owners, 200],
  ['GET', () => '/e/proef/beheer/organisaties', partners, 200],
  ['GET', () => '/e/proef/beheer/organisaties/nieuw', coordinatorOnly, 200],
  ['GET', () => `/e/proef/beheer/organisaties/${fx.orgs.library}`, owners, 200],
  ['GET', () => `/e/proef/beheer/organisaties/${fx.orgs.library}/locaties/nieuw`, owners, 200],
  ['GET', () => `/e/proef/beheer/locaties/${fx.locations.enschede}`, owners, 200],
  ['GET', () => '/e/proef/beheer/themas', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/themas/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/themas/${await fresh.theme()}`, coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/beoordelen', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/mensen', readers, 200],
  ['GET', () => '/e/proef/beheer/instellingen', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/logboek', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/aanbod/importeren', partners, 200],
  ['GET', () => `/e/proef/beheer/aanbod/export.csv?organisatie=${lib()}`, owners, 200],
  ['GET', () => '/e/proef/beheer/aanbod/export.xlsx', coordinatorOnly, 200],
  // An upload's preview belongs to the person who uploaded it; to everyone else it does not exist.
  ['GET', () => fresh.upload(), ['coordinator'], 200, undefined, 404],
  // Forms sent incomplete: those who may get the form back with messages (400), and nothing changes.
  ['POST', () => '/e/proef/beheer/aanbod/nieuw', owners, 400, { form: () => ({ organisationId: String(lib()) }) }],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bewerken`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/bijeenkomsten/nieuw`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/reeks`, owners, 400],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/vervolgstappen/nieuw`, owners, 400],
  ['POST', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}`, owners, 400],
  ['POST', () => '/e/proef/beheer/organisaties/nieuw', coordinatorOnly, 400],
  ['POST', () => `/e/proef/beheer/organisaties/${fx.orgs.library}`, owners, 400],
  ['POST', () => `/e/proef/beheer/organisaties/${fx.orgs.library}/locaties/nieuw`, owners, 400],
  ['POST', async () => `/e/proef/beheer/locaties/${await fresh.location()}`, owners, 400],
  ['POST', () => '/e/proef/beheer/themas/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/themas/${await fresh.theme()}`, coordinatorOnly, 400],
  ['POST', () => '/e/proef/beheer/mensen/uitnodigen', coordinatorOnly, 400, { form: () => ({ email: 'geen-adres', role: 'viewer' }) }],
  ['POST', () => '/e/proef/beheer/instellingen', coordinatorOnly, 400, { form: () => ({ name: '' }) }],
  ['POST', () => '/e/proef/beheer/aanbod/importeren', owners, 400, {
    multipart: () => multipartBody({ _csrf: '', organisatie: String(lib()) }, { name: 'bestand', fileName: 'leeg.csv', type: 'text/csv', data: Buffer.alloc(0) }),
  }],
  // Actions: each on a fresh row, done (303) by those who may.
  ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/indienen`, owners, 303],
  ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/archiveren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/aanbod/${await fresh.activity()}/kopieren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/bijeenkomsten/${await fresh.session()}/annuleren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/vervolgstappen/${await fresh.nextStep()}/verwijderen`, owners, 303],
  ['POST', async () => `/e/proef/beheer/locaties/${await fresh.location()}/archiveren`, owners, 303],
  ['POST', async () => `/e/proef/beheer/themas/${await fresh.theme()}/archiveren`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/organisaties/${await fresh.organisation()}/archiveren`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/beoordelen/${await fresh.submitted()}/publiceren`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/beoordelen/${await fresh.submitted()}/terugsturen`, coordinatorOnly, 303, { form: () => ({ comment: 'Graag een foto.' }) }],
  ['POST', async () => `/e/proef/beheer/mensen/uitnodigingen/${await fresh.invitation()}/intrekken`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/mensen/rollen/${await fresh.membership()}/intrekken`, coordinatorOnly, 303],
  ['POST', async () => `${await fresh.upload()}`, ['coordinator'], 303, { form: () => ({ modus: 'alles' }) }, 404],
  // ---- badges: an activity's badge, and revoking one issued ----
  ['GET', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/insigne`, owners, 200],
  ['POST', () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/insigne`, owners, 400],
  ['POST', async () => `/e/proef/insignes/${await fresh.badge()}/intrekken`, owners, 303],
  // ---- the network: partners, people, roles, governance, schools ----
  ['GET', () => '/e/proef/beheer/netwerk', [...partners, 'viewer'], 200],
  ['GET', () => '/e/proef/beheer/netwerk/partners/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/netwerk/partners/${await fresh.libraryPartner()}`, [...readers, 'partner of this organisation'], 200],
  ['GET', () => '/e/proef/beheer/netwerk/structuur', readers, 200],
  ['GET', () => '/e/proef/beheer/netwerk/mensen', readers, 200],
  ['GET', () => '/e/proef/beheer/netwerk/mensen/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/netwerk/mensen/${await fresh.person()}`, readers, 200],
  ['GET', () => '/e/proef/beheer/netwerk/rollen/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/netwerk/rollen/${await fresh.networkRole()}`, coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/netwerk/scholen', readers, 200],
  ['GET', async () => `/e/proef/beheer/netwerk/scholen/${await fresh.school()}`, readers, 200],
  ['GET', () => '/e/proef/beheer/netwerk/scholen/importeren', coordinatorOnly, 200],
  // A school file's preview belongs to the person who uploaded it; to everyone else it does not exist.
  ['GET', () => fresh.schoolUpload(), ['coordinator'], 200, undefined, 404],
  ['POST', () => '/e/proef/beheer/netwerk/partners/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/netwerk/partners/${await fresh.libraryPartner()}`, coordinatorOnly, 400],
  ['POST', () => '/e/proef/beheer/netwerk/mensen/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/netwerk/mensen/${await fresh.person()}`, coordinatorOnly, 400],
  ['POST', () => '/e/proef/beheer/netwerk/rollen/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/netwerk/rollen/${await fresh.networkRole()}`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/netwerk/scholen/${await fresh.school()}`, coordinatorOnly, 400],
  ['POST', () => '/e/proef/beheer/netwerk/scholen/importeren', coordinatorOnly, 400, {
    multipart: () => multipartBody({ _csrf: '' }, { name: 'bestand', fileName: 'leeg.csv', type: 'text/csv', data: Buffer.alloc(0) }),
  }],
  ['POST', async () => `/e/proef/beheer/netwerk/mensen/${await fresh.person()}/verwijderen`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/netwerk/rollen/${await fresh.networkRole()}/beeindigen`, coordinatorOnly, 303, { form: () => ({ lastDay: '2030-01-01' }) }],
  ['POST', () => fresh.schoolUpload(), ['coordinator'], 303, undefined, 404],
  // ---- agreements and finance (src/modules/network) ----
  ['GET', () => '/e/proef/beheer/overeenkomsten', [...partners, 'viewer'], 200],
  ['GET', () => '/e/proef/beheer/overeenkomsten/nieuw', coordinatorOnly, 200],
  ['POST', () => '/e/proef/beheer/overeenkomsten/nieuw', coordinatorOnly, 400],
  ['GET', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}`, [...owners, 'viewer'], 200],
  ['GET', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}/bewerken`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}/bewerken`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.freshAgreement()}/verwijderen`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}/ondertekenaars`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.freshSignatory()}/verwijderen`, coordinatorOnly, 303],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}/bijdragen`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}/document`, coordinatorOnly, 400, { multipart: () => multipartBody({ _csrf: '' }) }],
  ['GET', async () => `/e/proef/beheer/overeenkomsten/${await finance.agreement()}/document`, [...owners, 'viewer'], 200],
  ['POST', async () => `/e/proef/beheer/overeenkomsten/${await finance.freshAgreement()}/document/verwijderen`, coordinatorOnly, 303],
  ['GET', () => '/e/proef/beheer/financien', readers, 200],
  ['GET', () => '/e/proef/beheer/financien/subsidies/nieuw', coordinatorOnly, 200],
  ['POST', () => '/e/proef/beheer/financien/subsidies/nieuw', coordinatorOnly, 400],
  ['GET', async () => `/e/proef/beheer/financien/subsidies/${await finance.grant()}/bewerken`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/financien/subsidies/${await finance.grant()}/bewerken`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/financien/subsidies/${await finance.freshGrant()}/verwijderen`, coordinatorOnly, 303],
  ['GET', async () => `/e/proef/beheer/financien/subsidies/${await finance.grant()}/begroting/nieuw`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/financien/subsidies/${await finance.grant()}/begroting/nieuw`, coordinatorOnly, 400],
  ['GET', async () => `/e/proef/beheer/financien/begroting/${await finance.line()}/bewerken`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/financien/begroting/${await finance.line()}/bewerken`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/financien/begroting/${await finance.freshLine()}/verwijderen`, coordinatorOnly, 303],
  ['GET', () => '/e/proef/beheer/financien/bijdragen', [...partners, 'viewer'], 200],
  ['GET', () => '/e/proef/beheer/financien/bijdragen/nieuw', coordinatorOnly, 200],
  ['POST', () => '/e/proef/beheer/financien/bijdragen/nieuw', coordinatorOnly, 400],
  ['GET', async () => `/e/proef/beheer/financien/bijdragen/${await finance.contribution()}/bewerken`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/financien/bijdragen/${await finance.contribution()}/bewerken`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/financien/bijdragen/${await finance.freshContribution()}/verwijderen`, coordinatorOnly, 303],
  // A confirmation is the partner's own word: not even a coordinator or an administrator gives it.
  ['POST', async () => `/e/proef/beheer/financien/bijdragen/${await finance.freshContribution()}/bevestigen`, ['partner of this organisation'], 303],
  ['GET', () => '/e/proef/beheer/financien/uitgaven', readers, 200],
  ['GET', () => '/e/proef/beheer/financien/uitgaven/nieuw', coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/financien/uitgaven/nieuw?voor=${(expenseGrant = await finance.grant())}`, coordinatorOnly, 400, { form: () => ({ grantId: String(expenseGrant) }) }],
  ['GET', async () => `/e/proef/beheer/financien/uitgaven/${await finance.expense()}/bewerken`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/beheer/financien/uitgaven/${await finance.expense()}/bewerken`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/financien/uitgaven/${await finance.freshExpense()}/verwijderen`, coordinatorOnly, 303],
  ['GET', () => '/e/proef/beheer/financien/export/financien.xlsx', readers, 200],
  // ---- the child's pass: one pass (every view audited) and the check-ins ----
  ['GET', () => '/e/proef/beheer/passen/opzoeken', coordinatorOnly, 200],
  ['POST', () => '/e/proef/beheer/passen/opzoeken', coordinatorOnly, 400, { form: () => ({ code: 'ABC' }) }],
  ['GET', async () => `/e/proef/beheer/passen/opzoeken/${await fresh.pass()}`, coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/deelnames', partners, 200],
  // ---- class passes and scanning ----
  ['GET', () => '/e/proef/beheer/passen', passIssuers, 200],
  ['POST', () => '/e/proef/beheer/passen', passIssuers, 400, { form: () => ({ label: '', size: '0' }) }],
  ['GET', async () => `/e/proef/beheer/passen/${await fresh.batch()}`, passIssuers, 200],
  // Without the issuing browser's key there is nothing to download (409); the others learn nothing more than 403.
  ['GET', async () => `/e/proef/beheer/passen/${await fresh.batch()}/kaarten.pdf`, passIssuers, 409],
  ['POST', async () => `/e/proef/beheer/passen/${await fresh.batch()}/opnieuw`, passIssuers, 400, { form: () => ({ cards: '0' }) }],
  ['GET', () => '/e/proef/scannen', partners, 200],
  ['POST', () => '/e/proef/scannen', partners, 400, { form: () => ({ sessionId: '', code: '' }) }],
  // A scan at a session that does not exist: answered per scan (refused), nothing recorded.
  ['POST', () => '/e/proef/api/v1/check-ins', partners, 200, {
    json: () => ({ scans: [{ code: '', sessionId: 999_999, deviceScanId: '00000000-0000-4000-8000-000000000000', scannedAt: new Date().toISOString() }] }),
  }],
  // ---- learning paths (passes module): coordinators only ----
  ['GET', () => '/e/proef/beheer/leerroutes', coordinatorOnly, 200],
  ['GET', () => '/e/proef/beheer/leerroutes/nieuw', coordinatorOnly, 200],
  ['GET', async () => `/e/proef/beheer/leerroutes/${await fresh.learningPath()}`, coordinatorOnly, 200],
  ['POST', () => '/e/proef/beheer/leerroutes/nieuw', coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/leerroutes/${await fresh.learningPath()}`, coordinatorOnly, 400],
  ['POST', async () => `/e/proef/beheer/leerroutes/${await fresh.learningPath()}/stappen`, coordinatorOnly, 303, { form: () => ({ toevoegen: String(fx.activities.robots) }) }],
  // ---- the platform's outbox ----
  ['GET', () => '/beheer/post', ['platform administrator'], 200],
  ['GET', async () => `/beheer/post/${(await database.db.insertInto('mail_messages').values({ to_address: 'a@proef.example', subject: 'Proef', status: 'outbox' }).returning('id').executeTakeFirstOrThrow()).id}`, ['platform administrator'], 200],
  // ---- the JSON API, with a session cookie as a browser script would call it ----
  ['POST', () => '/e/proef/api/v1/activities', owners, 201, {
    json: () => ({ organisationId: lib(), title: 'Via de API', themes: ['bewegen'], format: 'workshop', setting: 'both', minAge: 6, maxAge: 10, level: 'introduction', registrationMode: 'walk_in', locationId: fx.locations.enschede }),
  }],
  ['PATCH', async () => `/e/proef/api/v1/activities/${await fresh.activity()}`, owners, 200, { json: () => ({ summary: 'Anders' }) }],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/submit`, owners, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.submitted()}/return`, coordinatorOnly, 200, { json: () => ({ comment: 'Graag een foto.' }) }],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/publish`, coordinatorOnly, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/archive`, owners, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/sessions`, owners, 201, {
    json: () => ({ startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 5 * 86_400_000 + 3_600_000).toISOString() }),
  }],
  ['PATCH', async () => `/e/proef/api/v1/sessions/${await fresh.session()}`, owners, 200, { json: () => ({ capacity: 12 }) }],
  ['POST', async () => `/e/proef/api/v1/sessions/${await fresh.session()}/cancel`, owners, 200],
  ['POST', async () => `/e/proef/api/v1/activities/${await fresh.activity()}/next-steps`, owners, 201, { json: () => ({ toActivityId: fx.activities.stars, kind: 'broaden', reason: 'Verder' }) }],
  ['DELETE', async () => `/e/proef/api/v1/next-steps/${await fresh.nextStep()}`, owners, 204],
  ['POST', () => '/e/proef/api/v1/organisations', coordinatorOnly, 201, { json: () => ({ name: 'Nieuwe partner', sector: 'other' }) }],
  ['PATCH', () => `/e/proef/api/v1/organisations/${lib()}`, owners, 200, { json: () => ({ description: 'Anders' }) }],
  ['POST', async () => `/e/proef/api/v1/organisations/${await fresh.organisation()}/archive`, coordinatorOnly, 200],
  ['POST', () => '/e/proef/api/v1/locations', owners, 201, { json: () => ({ organisationId: lib(), name: 'Nieuwe plek', lat: 52.2, lng: 6.9 }) }],
  ['PATCH', async () => `/e/proef/api/v1/locations/${await fresh.location()}`, owners, 200, { json: () => ({ name: 'Andere plek' }) }],
  ['POST', async () => `/e/proef/api/v1/locations/${await fresh.location()}/archive`, owners, 200],
  ['POST', () => '/e/proef/api/v1/themes', coordinatorOnly, 201, { json: () => ({ slug: `api-${Math.random().toString(36).slice(2, 8)}`, name: 'API-thema' }) }],
  ['PATCH', async () => `/e/proef/api/v1/themes/${await fresh.theme()}`, coordinatorOnly, 200, { json: () => ({ name: 'Ander thema' }) }],
  ['POST', async () => `/e/proef/api/v1/themes/${await fresh.theme()}/archive`, coordinatorOnly, 200],
  ['GET', () => `/e/proef/api/v1/offer/export?organisationId=${lib()}&format=csv`, owners, 200],
  ['POST', () => `/e/proef/api/v1/offer/import?organisationId=${lib()}&mode=preview`, owners, 200, { raw: () => ({ payload: 'Eigen id,Titel\nA-1,Proef\n', type: 'text/csv' }) }],
];

/** Reachable by anyone, on purpose: the public wegwijzer and API reads, sign-in and the mail links, assets and docs. */
const publicRoutes = [
  'GET /', 'GET /*', 'GET /healthz', 'GET /api/docs', 'GET /api/docs/openapi.json', 'GET /api/v1/ecosystems',
  'GET /inloggen', 'POST /inloggen', 'GET /inloggen/link', 'POST /inloggen/link', 'GET /inloggen/link/:token', 'POST /inloggen/link/:token',
  'GET /wachtwoord-vergeten', 'POST /wachtwoord-vergeten', 'GET /wachtwoord-herstellen/:token', 'POST /wachtwoord-herstellen/:token',
  'GET /uitnodiging/:token', 'POST /uitnodiging/:token',
  'GET /e/:ecosystem', 'GET /e/:ecosystem/', 'GET /e/:ecosystem/zoeken', 'GET /e/:ecosystem/kaart', 'GET /e/:ecosystem/activiteiten/:id', 'GET /e/:ecosystem/thema.css',
  'GET /e/:ecosystem/api/v1/activities', 'GET /e/:ecosystem/api/v1/activities/:id', 'GET /e/:ecosystem/api/v1/organisations', 'GET /e/:ecosystem/api/v1/organisations/:id',
  'GET /e/:ecosystem/api/v1/locations', 'GET /e/:ecosystem/api/v1/locations/:id', 'GET /e/:ecosystem/api/v1/themes', 'GET /e/:ecosystem/api/v1/neighbourhoods',
  // The template holds no data, only the column layout.
  'GET /e/:ecosystem/beheer/aanbod/sjabloon.:format',
  // Open Badges: the issuer, its keys and achievements are for any verifier; a badge names no child, and its
  // address is an unguessable UUID; the verification page is for anyone (src/modules/passes/routes/badge-pages.test.ts).
  'GET /e/:ecosystem/insignes/uitgever', 'GET /e/:ecosystem/.well-known/jwks.json', 'GET /e/:ecosystem/insignes/sleutels/:kid',
  'GET /e/:ecosystem/insignes/prestaties/:id', 'GET /e/:ecosystem/insignes/prestaties/:id/afbeelding.svg',
  'GET /e/:ecosystem/insignes/controleren', 'POST /e/:ecosystem/insignes/controleren',
  'GET /e/:ecosystem/insignes/:id', 'GET /e/:ecosystem/insignes/:id/insigne.svg', 'GET /e/:ecosystem/insignes/:id/insigne.jwt', 'GET /e/:ecosystem/insignes/:id/insigne.json',
  // The sample school file holds invented schools only.
  'GET /e/:ecosystem/beheer/netwerk/scholen/voorbeeld.csv',
];
/**
 * Parents' pages: public, or open to whoever holds the session of one pass
 * (opened with its code and secret), never to a role; tested in
 * src/modules/passes/parent-pages.test.ts.
 */
const parentRoutes = [
  'GET /e/:ecosystem/ouders', 'POST /e/:ecosystem/ouders/openen', 'GET /e/:ecosystem/ouders/nieuw', 'POST /e/:ecosystem/ouders/nieuw',
  'GET /e/:ecosystem/ouders/pas', 'POST /e/:ecosystem/ouders/pas/gegevens', 'POST /e/:ecosystem/ouders/pas/toestemming', 'POST /e/:ecosystem/ouders/pas/link',
  'POST /e/:ecosystem/ouders/pas/link/stoppen', 'GET /e/:ecosystem/ouders/pas/alle-gegevens.json', 'GET /e/:ecosystem/ouders/pas/verwijderen',
  'POST /e/:ecosystem/ouders/pas/verwijderen', 'POST /e/:ecosystem/ouders/pas/sluiten',
  // What a pass card's QR code opens: an explanation, no data (the code is not even looked up).
  'GET /e/:ecosystem/pas/:code',
  // The child's path page opens with the pass code and its secret, or a private link; never with a staff role
  // (src/modules/passes/routes/path-pages.test.ts). Published learning paths are public.
  'GET /e/:ecosystem/mijn-pad', 'POST /e/:ecosystem/mijn-pad', 'POST /e/:ecosystem/mijn-pad/sluiten', 'GET /e/:ecosystem/mijn-pad/:token',
  'GET /e/:ecosystem/leerroutes', 'GET /e/:ecosystem/leerroutes/:slug',
  // Signing a child up: with the pass's session, or its code and secret, or a new pass; the parent's own sign-ups;
  // the page a promotion mail links to opens with its token (src/modules/signups/signup-pages.test.ts, bad-input.test.ts).
  'GET /e/:ecosystem/ouders/aanmelden/:sessionId', 'POST /e/:ecosystem/ouders/aanmelden/:sessionId', 'POST /e/:ecosystem/ouders/aanmelden/:sessionId/nieuwe-pas',
  'GET /e/:ecosystem/ouders/aanmeldingen', 'POST /e/:ecosystem/ouders/aanmeldingen/:id/afmelden', 'POST /e/:ecosystem/ouders/aanmeldingen/:id/verzetten',
  'GET /e/:ecosystem/aanmelding/plek/:token', 'POST /e/:ecosystem/aanmelding/plek/:token',
];
/** The signed-in person's own account: any signed-in person, about themselves only (src/modules/accounts/sign-in.test.ts). */
const ownAccountRoutes = ['GET /account', 'POST /uitloggen', 'POST /uitloggen/overal'];

function request(method: Row[0], url: string, who: Who, body: Body | undefined): InjectOptions {
  const person = people.get(who)!;
  const base: InjectOptions = { method, url, cookies: person.cookies };
  if (body?.json) return { ...base, payload: body.json() };
  if (body?.raw) {
    const { payload, type } = body.raw();
    return { ...base, payload, headers: { 'content-type': type } };
  }
  if (body?.multipart) {
    const { payload, headers } = body.multipart();
    // The CSRF field goes first in the multipart body, as the form sends it.
    return { ...base, payload: Buffer.from(payload.toString('latin1').replace('name="_csrf"\r\n\r\n', `name="_csrf"\r\n\r\n${person.csrf}`), 'latin1'), headers };
  }
  if (method === 'GET' || url.includes('/api/')) return base;
  return { ...base, ...formPost({ _csrf: person.csrf, ...body?.form?.() }) };
}

describe('every route × every role × another ecosystem', () => {
  for (const [method, path, allowed, okStatus, body, deniedStatus = 403] of rows) {
    const label = path.toString().replace(/^(async\s*)?\(\)\s*=>\s*/, '').replace(/[`"']/g, '').replace(/\$\{[^}]+\}/g, ':id').slice(0, 100);
    test(`${method} ${label}`, async () => {
      for (const who of everyone) {
        const url = await path();
        const res = await app.inject(request(method, url, who, body));
        const page = !url.includes('/api/');
        const want = allowed.includes(who) ? okStatus : who === 'anonymous' ? (method === 'GET' && page ? 303 : 401) : deniedStatus;
        assert.equal(res.statusCode, want, `${who}: ${method} ${url}\n${res.body.slice(0, 300)}`);
        if (who === 'anonymous' && method === 'GET' && page) assert.match(res.headers.location as string, /^\/inloggen\?volgende=/);
      }
    });
  }

  test('no route is missing from this table', () => {
    const routes = new Set<string>();
    // printRoutes draws a tree; each line ends with its methods, and indentation gives the parent.
    const stack: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│ ]*)[└├]── (.*) \(([A-Z, ]+)\)$/.exec(line);
      if (!m) continue;
      const depth = m[1]!.length / 4;
      stack.length = depth;
      const path = (stack[depth - 1] ?? '') + (depth === 0 ? '' : m[2]!.startsWith('/') ? '' : '/') + (depth === 0 ? m[2] : m[2]!);
      stack[depth] = path === '/' ? '' : path;
      for (const method of m[3]!.split(', ')) if (method !== 'HEAD') routes.add(`${method} ${path.replace(/\/{2,}/g, '/') || '/'}`);
    }
    assert.ok(routes.size > 50, `parsed ${routes.size} routes`);
    const covered = new Set([...reached, ...publicRoutes, ...ownAccountRoutes, ...parentRoutes]);
    const missing = [...routes].filter((r) => !covered.has(r)).sort();
    assert.deepEqual(missing, [], 'routes without a row in the access table');
  });
});
