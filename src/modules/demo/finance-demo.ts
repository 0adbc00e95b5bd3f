import type { Tx } from '../../db/database.js';
import { isoDay } from '../../web/format.js';
import { addSignatory, createAgreement } from '../network/commands/agreement-commands.js';
import { createBudgetLine } from '../network/commands/budget-commands.js';
import { createContribution } from '../network/commands/contribution-commands.js';
import { createExpense } from '../network/commands/expense-commands.js';
import { createGrant } from '../network/commands/grant-commands.js';
import type { Value } from '../network/finance-money.js';

/**
 * Invented finances for the demo ecosystem, labelled as demo: a three-year
 * grant with invented rates and an invented awarded amount, a budget that uses
 * it exactly, a convenant with seven partners' commitments (short of the 1 : 1
 * co-financing, so the page has something to say), some realised
 * contributions and expenses, a letter of intent without end date, and an
 * agreement that ends in 45 days (so the expiry reminder has work to do).
 * Written through the commands, so it passes the same checks as typed input.
 */
export async function seedFinanceDemo(tx: Tx, ecosystemId: number, today: Date): Promise<void> {
  const orgs = await tx.db.selectFrom('organisations').select(['id', 'name', 'sector']).where('ecosystem_id', '=', ecosystemId).orderBy('id').execute();
  const first = (sector: string, n = 0) => orgs.filter((o) => o.sector === sector)[n];
  const library = first('library');
  const museum = first('museum');
  const museum2 = first('museum', 1);
  const company = first('company');
  const company2 = first('company', 1);
  const municipality = first('municipality');
  const schoolBoard = first('school_primary');
  const makerSpace = first('maker_space') ?? first('science_centre');
  if (!library || !museum || !museum2 || !company || !company2 || !municipality || !schoolBoard || !makerSpace) throw new Error('demo: the finance demo needs every sector');

  // The grant runs three school years from the 1st of August before today.
  const todayIso = isoDay(today);
  const year = Number(todayIso.slice(0, 4)) - (todayIso.slice(5) < '08-01' ? 1 : 0);
  const startsOn = `${year}-08-01`;
  const endsOn = `${year + 3}-07-31`;
  /** A day `n` days after the start, but never after today (realised things lie in the past). */
  const dayAfterStart = (n: number) => {
    const day = isoDay(new Date(Date.parse(`${startsOn}T12:00:00Z`) + n * 86_400_000));
    return day < todayIso ? day : todayIso;
  };
  const e = ecosystemId;
  const euros = (n: number): Value => ({ amountCents: n * 100 });
  const hours = (h: number, rate: number): Value => ({ hoursHundredths: h * 100, hourlyRateCents: rate * 100 });

  const grantId = await createGrant(tx, 'system', e, {
    name: `Techkwadraat ${year}–${year + 3} (demo)`,
    startsOn,
    endsOn,
    cofinancingPart: 1,
    grantPart: 1,
    awardedCents: 450_000_00,
    notes: 'Demo: de bedragen per vestiging en het toegekende bedrag zijn verzonnen.',
    rates: { po: 3_000_00, so: 3_000_00, vso: 3_000_00, 'vmbo-bb': 4_000_00, 'vmbo-kb': 4_000_00, 'vmbo-gl': 4_000_00, 'vmbo-tl': 4_000_00, havo: 4_000_00, vwo: 4_000_00 },
  });
  const line = async (category: Parameters<typeof createBudgetLine>[4]['category'], name: string, perYear: number) =>
    createBudgetLine(tx, 'system', e, grantId, { category, name, planned: [perYear * 100, perYear * 100, perYear * 100] });
  const release = await line('teacher_release', 'Vrijroosteren W&T-coördinatoren po en vo', 60_000);
  const coaches = await line('external_expertise', 'Inhuur techniekcoaches', 30_000);
  const activities = await line('activities', 'Techniekclubs en lesprogramma’s in de wijken', 40_000);
  const coordination = await line('coordination', 'Programmaleider (0,6 fte)', 15_000);
  const communication = await line('communication', 'Wegwijzer, posters en boekje', 5_000);

  const convenant = await createAgreement(tx, 'system', e, {
    title: `Convenant Leerecosysteem Techniek Twente ${year}–${year + 3} (demo)`, kind: 'covenant', status: 'signed', startsOn, endsOn, reminderDays: 60, documentUrl: null,
    notes: 'Demo: verzonnen convenant tussen gemeente, schoolbestuur, bibliotheek, musea en bedrijven.',
  });
  // Signed on the first day (the start is never after today).
  const signed = startsOn;
  for (const [org, name, fn] of [
    [municipality, 'Demo-wethouder Onderwijs', 'wethouder'], [schoolBoard, 'Demo-bestuurder', 'voorzitter college van bestuur'], [library, 'Demo-directeur bibliotheek', 'directeur'],
    [museum, 'Demo-directeur museum', 'directeur'], [company, 'Demo-directeur bedrijf', 'algemeen directeur'],
  ] as const) {
    await addSignatory(tx, 'system', e, convenant, { organisationId: org.id, personName: name, personFunction: fn, signedOn: signed });
  }

  const commit = (organisationId: number, kind: 'cash' | 'hours' | 'facilities' | 'expertise', description: string, value: Value) =>
    createContribution(tx, 'system', e, { organisationId, agreementId: convenant, grantId, stage: 'commitment', kind, description, value, datedOn: startsOn });
  const realise = (organisationId: number, kind: 'cash' | 'hours' | 'facilities' | 'expertise', description: string, value: Value, afterDays: number) =>
    createContribution(tx, 'system', e, { organisationId, agreementId: convenant, grantId, stage: 'realisation', kind, description, value, datedOn: dayAfterStart(afterDays) });
  const confirmed: number[] = [];
  confirmed.push(await commit(library.id, 'hours', 'Een mediacoach, vier uur per week, voor de makerspace en de techniekclubs', hours(600, 65)));
  await commit(museum.id, 'facilities', 'Gebruik van het educatielokaal en de werkplaats op woensdagmiddag', euros(30_000));
  await commit(museum2.id, 'expertise', 'Museumdocenten ontwikkelen twee lesprogramma’s', hours(300, 75));
  confirmed.push(await commit(company.id, 'cash', '', euros(50_000)));
  await commit(company2.id, 'expertise', 'Engineers geven gastlessen en begeleiden de robotclub', hours(400, 95));
  confirmed.push(await commit(municipality.id, 'cash', '', euros(150_000)));
  await commit(schoolBoard.id, 'hours', 'Eigen bijdrage aan het vrijroosteren van W&T-coördinatoren', hours(1200, 55));

  await realise(library.id, 'hours', 'Mediacoach, eerste periode', hours(120, 65), 60);
  await realise(company.id, 'cash', 'Eerste termijn', euros(15_000), 45);
  await realise(municipality.id, 'cash', 'Eerste jaarbijdrage', euros(50_000), 30);
  await realise(schoolBoard.id, 'hours', 'Vrijgeroosterde uren, eerste periode', hours(300, 55), 90);

  // The partners' own confirmation, given when they signed (as their editors would on the contributions page).
  for (const id of confirmed) {
    await tx.db
      .updateTable('contributions')
      .set({ confirmed_at: new Date(`${dayAfterStart(14)}T10:00:00Z`), confirmed_by: null, confirmed_by_name: 'Demo-partner (bevestigd bij het tekenen)' })
      .where('id', '=', id)
      .execute();
  }

  const spend = (budgetLineId: number, afterDays: number, description: string, value: Value, organisationId: number | null = null, reference = '') =>
    createExpense(tx, 'system', e, { budgetLineId, spentOn: dayAfterStart(afterDays), description, organisationId, reference, value });
  await spend(release, 40, 'Vrijgeroosterde uren W&T-coördinatoren, september', hours(160, 62), null, 'DEMO-001');
  await spend(release, 70, 'Vrijgeroosterde uren W&T-coördinatoren, oktober', hours(176, 62), null, 'DEMO-002');
  await spend(coaches, 50, 'Techniekcoach, tien lessen', euros(4_250), null, 'DEMO-003');
  await spend(activities, 35, 'Materiaal robotclubs (sets en sensoren)', { amountCents: 3_899_95 }, null, 'DEMO-004');
  await spend(activities, 80, 'Busvervoer naar het museum, vier klassen', euros(1_320), museum.id, 'DEMO-005');
  await spend(coordination, 30, 'Programmaleider, eerste kwartaal', euros(3_750), null, 'DEMO-006');
  await spend(communication, 20, 'Drukwerk wegwijzerboekje', { amountCents: 1_187_50 }, null, 'DEMO-007');

  await createAgreement(tx, 'system', e, {
    title: 'Intentieverklaring Techniekbedrijven Twente (demo)', kind: 'letter_of_intent', status: 'signed', startsOn: dayAfterStart(0), endsOn: null, reminderDays: 60, documentUrl: null,
    notes: 'Demo: bedrijven spreken uit gastlessen en bedrijfsbezoeken te willen bieden.',
  });
  // Ends in 45 days: the list shows it, and the next hourly housekeeping mails the demo coordinator.
  const makerAgreement = await createAgreement(tx, 'system', e, {
    title: 'Samenwerkingsovereenkomst makerspace (demo)', kind: 'collaboration_agreement', status: 'signed',
    startsOn: isoDay(new Date(today.getTime() - 700 * 86_400_000)), endsOn: isoDay(new Date(today.getTime() + 45 * 86_400_000)), reminderDays: 60, documentUrl: null, notes: '',
  });
  await addSignatory(tx, 'system', e, makerAgreement, { organisationId: makerSpace.id, personName: 'Demo-coördinator makerspace', personFunction: 'coördinator', signedOn: null });
}
