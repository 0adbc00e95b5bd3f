import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { budgetCategories, schoolTypes, type BudgetCategory, type ContributionKind, type ContributionStage, type SchoolType } from '../db/schema.js';
import { grantYears } from '../finance-forms.js';
import { cents, checkCofinancing, sum, type CofinancingCheck } from '../finance-money.js';
import { dayText } from './agreement-queries.js';
import { participatingLocationsByType } from './school-counts.js';

const nullableDay = (column: string) => sql<string | null>`${sql.ref(column)}::text`;

export interface GrantSummary {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  awardedCents: number | null;
}

export interface GrantDetail extends GrantSummary {
  cofinancingPart: number;
  grantPart: number;
  notes: string;
  /** Whole grant years in the period (the budget has one amount per year). */
  years: number;
  /** Amount per participating location, for the types that have a rate. */
  rates: Partial<Record<SchoolType, number>>;
}

export async function listGrants(db: Kysely<DB>, ecosystemId: number): Promise<GrantSummary[]> {
  return db
    .selectFrom('grants')
    .select(['id', 'name', dayText('starts_on').as('startsOn'), dayText('ends_on').as('endsOn'), 'awarded_cents as awardedCents'])
    .where('ecosystem_id', '=', ecosystemId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findGrant(db: Kysely<DB>, ecosystemId: number, id: number): Promise<GrantDetail | undefined> {
  const grant = await db
    .selectFrom('grants')
    .select([
      'id', 'name', dayText('starts_on').as('startsOn'), dayText('ends_on').as('endsOn'), 'awarded_cents as awardedCents',
      'cofinancing_part as cofinancingPart', 'grant_part as grantPart', 'notes',
    ])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!grant) return undefined;
  const rates = await db.selectFrom('grant_rates').select(['school_type', 'rate_cents']).where('ecosystem_id', '=', ecosystemId).where('grant_id', '=', id).execute();
  return { ...grant, years: grantYears(grant.startsOn, grant.endsOn), rates: Object.fromEntries(rates.map((r) => [r.school_type, r.rate_cents])) };
}

/** The grant to show when none is asked for: the one running today, else the latest. */
export function currentGrant(grants: GrantSummary[], today: string): GrantSummary | undefined {
  return grants.find((g) => g.startsOn <= today && today <= g.endsOn) ?? grants[0];
}

export interface GrantAmount {
  lines: Array<{ type: SchoolType; locations: number; rateCents: number; subtotalCents: number }>;
  computedCents: number;
  awardedCents: number | null;
  /** What co-financing and budget are measured against: the awarded amount once known, else the computed one. */
  basisCents: number;
}

/** The grant amount from the participating school locations per type × the grant's rates. */
export async function grantAmount(db: Kysely<DB>, ecosystemId: number, grant: GrantDetail): Promise<GrantAmount> {
  const counts = await participatingLocationsByType(db, ecosystemId);
  const lines = schoolTypes
    .filter((type) => grant.rates[type] !== undefined || counts[type] > 0)
    .map((type) => {
      const rateCents = grant.rates[type] ?? 0;
      return { type, locations: counts[type], rateCents, subtotalCents: counts[type] * rateCents };
    });
  const computedCents = sum(lines.map((l) => l.subtotalCents));
  return { lines, computedCents, awardedCents: grant.awardedCents, basisCents: grant.awardedCents ?? computedCents };
}

// ---- budget ----

export interface BudgetLineRow {
  id: number;
  category: BudgetCategory;
  name: string;
  /** Planned cents per grant year, index 0 is year 1; as many as the grant has years. */
  planned: number[];
  plannedCents: number;
  spentCents: number;
  expenseCount: number;
}

export async function budgetLinesOf(db: Kysely<DB>, ecosystemId: number, grant: Pick<GrantDetail, 'id' | 'years'>): Promise<BudgetLineRow[]> {
  const lines = await db
    .selectFrom('budget_lines as b')
    .select(['b.id', 'b.category', 'b.name'])
    .select((eb) => [
      eb.selectFrom('expenses as x').select(sql<string>`coalesce(sum(x.value_cents), 0)::bigint`.as('s')).whereRef('x.budget_line_id', '=', 'b.id').as('spent'),
      eb.selectFrom('expenses as x').select(sql<number>`count(*)::int`.as('n')).whereRef('x.budget_line_id', '=', 'b.id').as('expenseCount'),
    ])
    .where('b.ecosystem_id', '=', ecosystemId)
    .where('b.grant_id', '=', grant.id)
    .orderBy('b.id')
    .execute();
  const amounts = lines.length === 0 ? [] : await db
    .selectFrom('budget_line_amounts')
    .select(['budget_line_id', 'year', 'planned_cents'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('budget_line_id', 'in', lines.map((l) => l.id))
    .execute();
  // In the order of the categories (as the grant scheme lists them), then by name.
  lines.sort((a, b) => budgetCategories.indexOf(a.category) - budgetCategories.indexOf(b.category) || a.name.localeCompare(b.name, 'nl'));
  return lines.map((l) => {
    const planned = Array.from({ length: grant.years }, (_, i) => amounts.find((a) => a.budget_line_id === l.id && a.year === i + 1)?.planned_cents ?? 0);
    return { id: l.id, category: l.category, name: l.name, planned, plannedCents: sum(planned), spentCents: cents(l.spent), expenseCount: Number(l.expenseCount ?? 0) };
  });
}

export async function findBudgetLine(db: Kysely<DB>, ecosystemId: number, id: number): Promise<{ id: number; grantId: number; category: BudgetCategory; name: string; planned: Map<number, number> } | undefined> {
  const line = await db.selectFrom('budget_lines').select(['id', 'grant_id as grantId', 'category', 'name']).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
  if (!line) return undefined;
  const amounts = await db.selectFrom('budget_line_amounts').select(['year', 'planned_cents']).where('ecosystem_id', '=', ecosystemId).where('budget_line_id', '=', id).execute();
  return { ...line, planned: new Map(amounts.map((a) => [a.year, a.planned_cents])) };
}

/** Budget lines of a grant to book an expense on. */
export async function budgetLineChoices(db: Kysely<DB>, ecosystemId: number, grantId: number): Promise<Array<{ id: number; name: string; category: BudgetCategory }>> {
  return db
    .selectFrom('budget_lines')
    .select(['id', 'name', 'category'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('grant_id', '=', grantId)
    .orderBy('category')
    .orderBy('name')
    .execute();
}

// ---- contributions ----

export interface ContributionRow {
  id: number;
  organisationId: number;
  organisationName: string;
  agreementId: number | null;
  agreementTitle: string | null;
  grantId: number | null;
  stage: ContributionStage;
  kind: ContributionKind;
  description: string;
  amountCents: number | null;
  hoursHundredths: number | null;
  hourlyRateCents: number | null;
  valueCents: number;
  datedOn: string | null;
  confirmedAt: Date | null;
  confirmedByName: string;
}

export interface ContributionFilter {
  /** Only these organisations' ('all' for everyone's). */
  organisations: 'all' | number[];
  grantId?: number | null | undefined;
  agreementId?: number | undefined;
  stage?: ContributionStage | undefined;
}

export async function listContributions(db: Kysely<DB>, ecosystemId: number, filter: ContributionFilter): Promise<ContributionRow[]> {
  if (filter.organisations !== 'all' && filter.organisations.length === 0) return [];
  const rows = await db
    .selectFrom('contributions as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('agreements as a', 'a.id', 'c.agreement_id')
    .select([
      'c.id', 'c.organisation_id as organisationId', 'o.name as organisationName', 'c.agreement_id as agreementId', 'a.title as agreementTitle', 'c.grant_id as grantId',
      'c.stage', 'c.kind', 'c.description', 'c.amount_cents as amountCents', 'c.hours_hundredths as hoursHundredths', 'c.hourly_rate_cents as hourlyRateCents',
      'c.value_cents as valueCents', nullableDay('c.dated_on').as('datedOn'), 'c.confirmed_at as confirmedAt', 'c.confirmed_by_name as confirmedByName',
    ])
    .where('c.ecosystem_id', '=', ecosystemId)
    .$if(filter.organisations !== 'all', (q) => q.where('c.organisation_id', 'in', filter.organisations as number[]))
    .$if(filter.grantId !== undefined, (q) => (filter.grantId === null ? q.where('c.grant_id', 'is', null) : q.where('c.grant_id', '=', filter.grantId!)))
    .$if(filter.agreementId !== undefined, (q) => q.where('c.agreement_id', '=', filter.agreementId!))
    .$if(filter.stage !== undefined, (q) => q.where('c.stage', '=', filter.stage!))
    .orderBy('o.name')
    .orderBy('c.stage')
    .orderBy('c.dated_on')
    .orderBy('c.id')
    .limit(5000)
    .execute();
  return rows.map((r) => ({ ...r, valueCents: cents(r.valueCents) }));
}

export async function findContribution(db: Kysely<DB>, ecosystemId: number, id: number): Promise<ContributionRow | undefined> {
  const rows = await db
    .selectFrom('contributions')
    .select('organisation_id')
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!rows) return undefined;
  const found = await listContributions(db, ecosystemId, { organisations: [rows.organisation_id] });
  return found.find((c) => c.id === id);
}

// ---- expenses ----

export interface ExpenseRow {
  id: number;
  budgetLineId: number;
  budgetLineName: string;
  category: BudgetCategory;
  spentOn: string;
  description: string;
  organisationId: number | null;
  organisationName: string | null;
  reference: string;
  amountCents: number | null;
  hoursHundredths: number | null;
  hourlyRateCents: number | null;
  valueCents: number;
}

export async function listExpenses(db: Kysely<DB>, ecosystemId: number, o: { grantId: number; expenseId?: number }): Promise<ExpenseRow[]> {
  const rows = await db
    .selectFrom('expenses as x')
    .innerJoin('budget_lines as b', 'b.id', 'x.budget_line_id')
    .leftJoin('organisations as o', 'o.id', 'x.organisation_id')
    .select([
      'x.id', 'x.budget_line_id as budgetLineId', 'b.name as budgetLineName', 'b.category', dayText('x.spent_on').as('spentOn'), 'x.description',
      'x.organisation_id as organisationId', 'o.name as organisationName', 'x.reference', 'x.amount_cents as amountCents', 'x.hours_hundredths as hoursHundredths',
      'x.hourly_rate_cents as hourlyRateCents', 'x.value_cents as valueCents',
    ])
    .where('x.ecosystem_id', '=', ecosystemId)
    .where('b.grant_id', '=', o.grantId)
    .$if(o.expenseId !== undefined, (q) => q.where('x.id', '=', o.expenseId!))
    .orderBy('x.spent_on', 'desc')
    .orderBy('x.id', 'desc')
    .limit(10_000)
    .execute();
  return rows.map((r) => ({ ...r, valueCents: cents(r.valueCents) }));
}

/** The expense with the grant it is booked on. */
export async function findExpense(db: Kysely<DB>, ecosystemId: number, id: number): Promise<(ExpenseRow & { grantId: number }) | undefined> {
  const row = await db
    .selectFrom('expenses as x')
    .innerJoin('budget_lines as b', 'b.id', 'x.budget_line_id')
    .select('b.grant_id')
    .where('x.ecosystem_id', '=', ecosystemId)
    .where('x.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [expense] = await listExpenses(db, ecosystemId, { grantId: row.grant_id, expenseId: id });
  return expense && { ...expense, grantId: row.grant_id };
}

// ---- the overview ----

export interface PartnerFigures {
  organisationId: number;
  name: string;
  committedCents: number;
  /** Of what is committed, what the partner has confirmed. */
  confirmedCents: number;
  realisedCents: number;
  realisedCashCents: number;
  realisedInKindCents: number;
  /** Commitments and realisations still waiting for the partner's confirmation. */
  unconfirmed: number;
  /** Committed co-financing per euro of grant, in hundredths. */
  ratioHundredths: number | null;
}

export interface FinanceOverview {
  grant: GrantDetail;
  amount: GrantAmount;
  budget: { lines: BudgetLineRow[]; plannedCents: number; spentCents: number; plannedPerYear: number[] };
  partners: PartnerFigures[];
  totals: { committedCents: number; confirmedCents: number; realisedCents: number; realisedCashCents: number; realisedInKindCents: number };
  /** Committed co-financing against the grant (awarded, or computed until awarded). */
  committed: CofinancingCheck;
  /** Realised co-financing against the grant spent so far. */
  realised: CofinancingCheck;
  warnings: Array<{ key: 'budgetOverGrant' | 'spentOverGrant' | 'lineOverspent' | 'notAwarded'; params?: Record<string, string | number> }>;
}

/**
 * Where a grant stands today: the amount (schools × rates), the budget
 * against the expenses, each partner's co-financing, and the co-financing
 * ratio, committed and realised, against the required one. Sums come from SQL
 * as whole cents; totals are added in integers.
 */
export async function financeOverview(db: Kysely<DB>, ecosystemId: number, grant: GrantDetail): Promise<FinanceOverview> {
  const [amount, lines, partnerRows] = await Promise.all([
    grantAmount(db, ecosystemId, grant),
    budgetLinesOf(db, ecosystemId, grant),
    db
      .selectFrom('contributions as c')
      .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
      .select([
        'o.id as organisationId', 'o.name',
        sql<string>`coalesce(sum(c.value_cents) filter (where c.stage = 'commitment'), 0)::bigint`.as('committed'),
        sql<string>`coalesce(sum(c.value_cents) filter (where c.stage = 'commitment' and c.confirmed_at is not null), 0)::bigint`.as('confirmed'),
        sql<string>`coalesce(sum(c.value_cents) filter (where c.stage = 'realisation'), 0)::bigint`.as('realised'),
        sql<string>`coalesce(sum(c.value_cents) filter (where c.stage = 'realisation' and c.kind = 'cash'), 0)::bigint`.as('realisedCash'),
        sql<number>`count(*) filter (where c.confirmed_at is null)::int`.as('unconfirmed'),
      ])
      .where('c.ecosystem_id', '=', ecosystemId)
      .where('c.grant_id', '=', grant.id)
      .groupBy(['o.id', 'o.name'])
      .orderBy('o.name')
      .execute(),
  ]);
  const ratio = { cofinancingPart: grant.cofinancingPart, grantPart: grant.grantPart };
  const partners: PartnerFigures[] = partnerRows.map((r) => {
    const realisedCents = cents(r.realised);
    const realisedCashCents = cents(r.realisedCash);
    const committedCents = cents(r.committed);
    return {
      organisationId: r.organisationId, name: r.name, committedCents, confirmedCents: cents(r.confirmed), realisedCents, realisedCashCents,
      realisedInKindCents: realisedCents - realisedCashCents, unconfirmed: Number(r.unconfirmed),
      ratioHundredths: checkCofinancing(committedCents, amount.basisCents, ratio).ratioHundredths,
    };
  });
  const totals = {
    committedCents: sum(partners.map((p) => p.committedCents)),
    confirmedCents: sum(partners.map((p) => p.confirmedCents)),
    realisedCents: sum(partners.map((p) => p.realisedCents)),
    realisedCashCents: sum(partners.map((p) => p.realisedCashCents)),
    realisedInKindCents: sum(partners.map((p) => p.realisedInKindCents)),
  };
  const plannedCents = sum(lines.map((l) => l.plannedCents));
  const spentCents = sum(lines.map((l) => l.spentCents));
  const plannedPerYear = Array.from({ length: grant.years }, (_, i) => sum(lines.map((l) => l.planned[i] ?? 0)));

  const warnings: FinanceOverview['warnings'] = [];
  if (grant.awardedCents === null) warnings.push({ key: 'notAwarded' });
  if (plannedCents > amount.basisCents) warnings.push({ key: 'budgetOverGrant', params: { over: plannedCents - amount.basisCents } });
  if (spentCents > amount.basisCents) warnings.push({ key: 'spentOverGrant', params: { over: spentCents - amount.basisCents } });
  for (const line of lines) if (line.spentCents > line.plannedCents) warnings.push({ key: 'lineOverspent', params: { name: line.name, over: line.spentCents - line.plannedCents } });

  return {
    grant,
    amount,
    budget: { lines, plannedCents, spentCents, plannedPerYear },
    partners,
    totals,
    committed: checkCofinancing(totals.committedCents, amount.basisCents, ratio),
    realised: checkCofinancing(totals.realisedCents, spentCents, ratio),
    warnings,
  };
}

/** Commitments not yet tied to any grant, so they count for none: the overview says so. */
export async function unassignedContributions(db: Kysely<DB>, ecosystemId: number): Promise<{ count: number; valueCents: number }> {
  const row = await db
    .selectFrom('contributions')
    .select([sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(value_cents), 0)::bigint`.as('s')])
    .where('ecosystem_id', '=', ecosystemId)
    .where('grant_id', 'is', null)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), valueCents: cents(row.s) };
}
