import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams, StringEnum } from '../../../http/schemas.js';
import { isoDay } from '../../../web/format.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { formValue, type FormValues } from '../../catalogue/forms.js';
import { ActionBody, attempt, FormBody, manageContext, sendPage, signInFirst } from '../../catalogue/routes/manage-helpers.js';
import { createBudgetLine, deleteBudgetLine, updateBudgetLine } from '../commands/budget-commands.js';
import { confirmContribution, createContribution, deleteContribution, updateContribution } from '../commands/contribution-commands.js';
import { createExpense, deleteExpense, updateExpense } from '../commands/expense-commands.js';
import { createGrant, deleteGrant, updateGrant } from '../commands/grant-commands.js';
import { schoolTypes } from '../db/schema.js';
import {
  parseBudgetLineForm, parseContributionForm, parseExpenseForm, parseGrantForm, plannedField, rateField,
} from '../finance-forms.js';
import { exportParts, financeTables, financeWorkbook, tableToCsv, type ExportPart } from '../finance-export.js';
import { eurosText, hoursText, type Value } from '../finance-money.js';
import { authorizeFinance, canFinance, readableFor } from '../finance-policies.js';
import { agreementChoices, organisationChoices } from '../queries/agreement-queries.js';
import {
  budgetLineChoices, currentGrant, financeOverview, findBudgetLine, findContribution, findExpense, findGrant, listContributions, listExpenses, listGrants,
  unassignedContributions, type ContributionRow, type ExpenseRow, type GrantDetail, type GrantSummary,
} from '../queries/finance-queries.js';
import { participatingLocationsByType } from '../queries/school-counts.js';
import { BudgetLineFormPage } from '../views/budget-views.js';
import { ContributionFormPage, ContributionListPage } from '../views/contribution-views.js';
import { ExpenseFormPage, ExpenseListPage } from '../views/expense-views.js';
import { FinanceOverviewPage } from '../views/finance-overview-page.js';
import { GrantFormPage } from '../views/grant-views.js';

const hide = { hide: true };
const base = '/beheer/financien';

const notices: Record<string, MessageKey> = {
  subsidie: 'finance.grant.created',
  subsidiegewijzigd: 'manage.saved',
  subsidieweg: 'finance.grant.deleted',
  post: 'finance.budget.created',
  postgewijzigd: 'manage.saved',
  postweg: 'finance.budget.deleted',
  bijdrage: 'finance.contribution.created',
  bijdragegewijzigd: 'manage.saved',
  bijdrageweg: 'finance.contribution.deleted',
  bevestigd: 'finance.confirm.done',
  albevestigd: 'finance.confirm.already',
  uitgave: 'finance.expense.created',
  uitgavegewijzigd: 'manage.saved',
  uitgaveweg: 'finance.expense.deleted',
};

/** `?subsidie=<id>` picks a grant (`geen` on the contributions list: those without one); `?klaar=` names what just happened. */
const FinanceQuery = Type.Object({
  subsidie: Type.Optional(Type.String({ maxLength: 12 })),
  overeenkomst: Type.Optional(Type.String({ maxLength: 12 })),
  klaar: Type.Optional(Type.String({ maxLength: 30 })),
});

/** An id from the query string, undefined when absent; a malformed one is a clear 400. */
function queryId(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) throw errors.invalidInput([{ field, key: 'field.notInteger' }]);
  return Number(value);
}

function valueForm(v: Value): FormValues {
  return 'amountCents' in v
    ? { amount: eurosText(v.amountCents), hours: '', hourlyRate: '' }
    : { amount: '', hours: hoursText(v.hoursHundredths), hourlyRate: eurosText(v.hourlyRateCents) };
}

function rowValue(r: { amountCents: number | null; hoursHundredths: number | null; hourlyRateCents: number | null }): Value {
  return r.amountCents !== null ? { amountCents: r.amountCents } : { hoursHundredths: r.hoursHundredths ?? 0, hourlyRateCents: r.hourlyRateCents ?? 0 };
}

function grantForm(g: GrantDetail): FormValues {
  return {
    name: g.name, startsOn: g.startsOn, endsOn: g.endsOn, cofinancingPart: String(g.cofinancingPart), grantPart: String(g.grantPart),
    awarded: g.awardedCents === null ? '' : eurosText(g.awardedCents), notes: g.notes,
    ...Object.fromEntries(schoolTypes.map((type) => [rateField(type), g.rates[type] === undefined ? '' : eurosText(g.rates[type]!)])),
  };
}

function contributionForm(c: ContributionRow): FormValues {
  return {
    organisationId: String(c.organisationId), agreementId: c.agreementId ? String(c.agreementId) : '', grantId: c.grantId ? String(c.grantId) : '',
    stage: c.stage, kind: c.kind, description: c.description, datedOn: c.datedOn ?? '', ...valueForm(rowValue(c)),
  };
}

function expenseForm(x: ExpenseRow, grantId: number): FormValues {
  return {
    grantId: String(grantId), budgetLineId: String(x.budgetLineId), spentOn: x.spentOn, description: x.description,
    organisationId: x.organisationId ? String(x.organisationId) : '', reference: x.reference, ...valueForm(rowValue(x)),
  };
}

/**
 * The finance pages: the overview of a grant (amount, co-financing, budget
 * against spending), and the forms for grants, budget lines, contributions and
 * expenses. Coordinators change; the steering group and funders read; partner
 * editors see and confirm their own organisation's contributions.
 */
export async function financePages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;
  const { database } = app.ctx;
  const scopeOf = (request: FastifyRequest, organisationIds?: number[]) => ({ ecosystemId: request.ecosystem.id, organisationIds });
  const noticeOf = (request: FastifyRequest & { query: { klaar?: string | undefined } }) => {
    const key = request.query.klaar ? notices[request.query.klaar] : undefined;
    return key && t(request.locale, key);
  };

  async function loadGrant(request: FastifyRequest, id: number): Promise<GrantDetail> {
    const grant = await findGrant(db, request.ecosystem.id, id);
    if (!grant) throw errors.notFound('grant');
    return grant;
  }

  // ---- overview ----

  app.get(base, { schema: { ...hide, querystring: FinanceQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.read', scopeOf(request));
    const ecosystemId = request.ecosystem.id;
    const grants = await listGrants(db, ecosystemId);
    const asked = queryId(request.query.subsidie, 'subsidie');
    const chosen = asked !== undefined ? grants.find((g) => g.id === asked) : currentGrant(grants, isoDay(new Date()));
    if (asked !== undefined && !chosen) throw errors.notFound('grant');
    const grant = chosen && (await loadGrant(request, chosen.id));
    const [overview, unassigned] = await Promise.all([grant ? financeOverview(db, ecosystemId, grant) : undefined, unassignedContributions(db, ecosystemId)]);
    return sendPage(
      reply,
      FinanceOverviewPage({
        ctx: manageContext(request),
        grants,
        overview,
        unassigned,
        canManage: canFinance(request.actor, 'finance.manage', scopeOf(request)),
        canExport: canFinance(request.actor, 'finance.export', scopeOf(request)),
        notice: noticeOf(request),
      }),
    );
  });

  // ---- grants ----

  const grantPage = async (request: FastifyRequest, raw: FormValues, problems: FieldProblem[], id?: number) =>
    GrantFormPage({ ctx: manageContext(request), raw, problems, schoolCounts: await participatingLocationsByType(db, request.ecosystem.id), ...(id && { id }) });

  app.get(`${base}/subsidies/nieuw`, { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    return sendPage(reply, await grantPage(request, { cofinancingPart: '1', grantPart: '1' }, []));
  });

  app.post(`${base}/subsidies/nieuw`, { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const raw = request.body as FormValues;
    const parsed = parseGrantForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createGrant(tx, request.actor, request.ecosystem.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${base}?subsidie=${result.value}&klaar=subsidie`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await grantPage(request, raw, problems), 400);
  });

  app.get(`${base}/subsidies/:id/bewerken`, { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const grant = await loadGrant(request, request.params.id);
    return sendPage(reply, await grantPage(request, grantForm(grant), [], grant.id));
  });

  app.post(`${base}/subsidies/:id/bewerken`, { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const grant = await loadGrant(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseGrantForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateGrant(tx, request.actor, request.ecosystem.id, grant.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${base}?subsidie=${grant.id}&klaar=subsidiegewijzigd`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await grantPage(request, raw, problems, grant.id), 400);
  });

  app.post(`${base}/subsidies/:id/verwijderen`, { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    await database.transaction((tx) => deleteGrant(tx, request.actor, request.ecosystem.id, request.params.id));
    return reply.redirect(`${request.basePath}${base}?klaar=subsidieweg`, 303);
  });

  // ---- budget lines ----

  app.get(`${base}/subsidies/:id/begroting/nieuw`, { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const grant = await loadGrant(request, request.params.id);
    return sendPage(reply, BudgetLineFormPage({ ctx: manageContext(request), grant, raw: { category: 'activities' }, problems: [] }));
  });

  app.post(`${base}/subsidies/:id/begroting/nieuw`, { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const grant = await loadGrant(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseBudgetLineForm(raw, grant.years);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createBudgetLine(tx, request.actor, request.ecosystem.id, grant.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${base}?subsidie=${grant.id}&klaar=post#begroting-titel`, 303);
      problems = result.problems;
    }
    return sendPage(reply, BudgetLineFormPage({ ctx: manageContext(request), grant, raw, problems }), 400);
  });

  async function loadBudgetLine(request: FastifyRequest, id: number) {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const line = await findBudgetLine(db, request.ecosystem.id, id);
    if (!line) throw errors.notFound('budgetLine');
    return { line, grant: await loadGrant(request, line.grantId) };
  }

  app.get(`${base}/begroting/:id/bewerken`, { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { line, grant } = await loadBudgetLine(request, request.params.id);
    const raw: FormValues = { category: line.category, name: line.name };
    for (let year = 1; year <= grant.years; year++) raw[plannedField(year)] = line.planned.has(year) ? eurosText(line.planned.get(year)!) : '';
    return sendPage(reply, BudgetLineFormPage({ ctx: manageContext(request), grant, id: line.id, raw, problems: [] }));
  });

  app.post(`${base}/begroting/:id/bewerken`, { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { line, grant } = await loadBudgetLine(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseBudgetLineForm(raw, grant.years);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateBudgetLine(tx, request.actor, request.ecosystem.id, line.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${base}?subsidie=${grant.id}&klaar=postgewijzigd#begroting-titel`, 303);
      problems = result.problems;
    }
    return sendPage(reply, BudgetLineFormPage({ ctx: manageContext(request), grant, id: line.id, raw, problems }), 400);
  });

  app.post(`${base}/begroting/:id/verwijderen`, { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const grantId = await database.transaction((tx) => deleteBudgetLine(tx, request.actor, request.ecosystem.id, request.params.id));
    return reply.redirect(`${request.basePath}${base}?subsidie=${grantId}&klaar=postweg#begroting-titel`, 303);
  });

  // ---- contributions ----

  app.get(`${base}/bijdragen`, { schema: { ...hide, querystring: FinanceQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    const actor = request.actor;
    const readable = readableFor(actor, 'contribution.read', ecosystemId);
    if (readable !== 'all' && readable.length === 0) throw errors.forbidden();
    const manage = canFinance(actor, 'finance.manage', scopeOf(request));
    const may = (row: ContributionRow) => ({ edit: manage, confirm: canFinance(actor, 'contribution.confirm', scopeOf(request, [row.organisationId])) });
    if (readable !== 'all') {
      // A partner editor: their own organisation's contributions, under every grant.
      const rows = await listContributions(db, ecosystemId, { organisations: readable });
      return sendPage(reply, ContributionListPage({ ctx: manageContext(request), rows, may, canCreate: false, ownOnly: true, notice: noticeOf(request) }));
    }
    const grants = await listGrants(db, ecosystemId);
    const choice = request.query.subsidie === 'geen' ? 'geen' : String(queryId(request.query.subsidie, 'subsidie') ?? currentGrant(grants, isoDay(new Date()))?.id ?? 'geen');
    if (choice !== 'geen' && !grants.some((g) => String(g.id) === choice)) throw errors.notFound('grant');
    const rows = await listContributions(db, ecosystemId, { organisations: 'all', grantId: choice === 'geen' ? null : Number(choice) });
    return sendPage(reply, ContributionListPage({ ctx: manageContext(request), rows, may, canCreate: manage, grants, grantChoice: choice, ownOnly: false, notice: noticeOf(request) }));
  });

  async function contributionChoices(request: FastifyRequest, keepOrganisation?: number) {
    const ecosystemId = request.ecosystem.id;
    const [organisations, agreements, grants] = await Promise.all([
      organisationChoices(db, ecosystemId, keepOrganisation ? [keepOrganisation] : []),
      agreementChoices(db, ecosystemId),
      listGrants(db, ecosystemId),
    ]);
    return { organisations, agreements, grants };
  }

  /** After a change to a contribution: back to its agreement when it has one, else to the list of its grant. */
  const afterContribution = (request: FastifyRequest, c: { agreementId: number | null; grantId: number | null }, done: string) =>
    c.agreementId
      ? `${request.basePath}/beheer/overeenkomsten/${c.agreementId}?klaar=${done}#bijdragen-titel`
      : `${request.basePath}${base}/bijdragen?subsidie=${c.grantId ?? 'geen'}&klaar=${done}`;

  app.get(`${base}/bijdragen/nieuw`, { schema: { ...hide, querystring: FinanceQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const choices = await contributionChoices(request);
    const grantId = queryId(request.query.subsidie, 'subsidie') ?? currentGrant(choices.grants, isoDay(new Date()))?.id;
    const agreementId = queryId(request.query.overeenkomst, 'overeenkomst');
    const raw: FormValues = { stage: 'commitment', kind: 'hours', grantId: grantId ? String(grantId) : '', agreementId: agreementId ? String(agreementId) : '' };
    return sendPage(reply, ContributionFormPage({ ctx: manageContext(request), raw, problems: [], choices, backHref: `${request.basePath}${base}/bijdragen` }));
  });

  app.post(`${base}/bijdragen/nieuw`, { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const raw = request.body as FormValues;
    const parsed = parseContributionForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createContribution(tx, request.actor, request.ecosystem.id, input)));
      if (result.ok) return reply.redirect(afterContribution(request, input, 'bijdrage'), 303);
      problems = result.problems;
    }
    const choices = await contributionChoices(request);
    return sendPage(reply, ContributionFormPage({ ctx: manageContext(request), raw, problems, choices, backHref: `${request.basePath}${base}/bijdragen` }), 400);
  });

  async function loadContribution(request: FastifyRequest, id: number): Promise<ContributionRow> {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const row = await findContribution(db, request.ecosystem.id, id);
    if (!row) throw errors.notFound('contribution');
    return row;
  }

  const contributionBack = (request: FastifyRequest, c: ContributionRow) =>
    c.agreementId ? `${request.basePath}/beheer/overeenkomsten/${c.agreementId}` : `${request.basePath}${base}/bijdragen?subsidie=${c.grantId ?? 'geen'}`;

  app.get(`${base}/bijdragen/:id/bewerken`, { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const row = await loadContribution(request, request.params.id);
    return sendPage(
      reply,
      ContributionFormPage({
        ctx: manageContext(request), id: row.id, raw: contributionForm(row), problems: [], choices: await contributionChoices(request, row.organisationId),
        backHref: contributionBack(request, row), confirmedNote: row.confirmedAt ? t(request.locale, 'finance.contribution.confirmedNote') : undefined,
      }),
    );
  });

  app.post(`${base}/bijdragen/:id/bewerken`, { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const row = await loadContribution(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseContributionForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateContribution(tx, request.actor, request.ecosystem.id, row.id, input)));
      if (result.ok) return reply.redirect(afterContribution(request, input, 'bijdragegewijzigd'), 303);
      problems = result.problems;
    }
    return sendPage(
      reply,
      ContributionFormPage({ ctx: manageContext(request), id: row.id, raw, problems, choices: await contributionChoices(request, row.organisationId), backHref: contributionBack(request, row) }),
      400,
    );
  });

  app.post(`${base}/bijdragen/:id/verwijderen`, { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const row = await loadContribution(request, request.params.id);
    await database.transaction((tx) => deleteContribution(tx, request.actor, request.ecosystem.id, row.id));
    return reply.redirect(afterContribution(request, row, 'bijdrageweg'), 303);
  });

  app.post(
    `${base}/bijdragen/:id/bevestigen`,
    { schema: { ...hide, params: IdParams, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }), terug: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const ecosystemId = request.ecosystem.id;
      // The partner's own word: authorised on the organisation the contribution belongs to.
      const owner = await db.selectFrom('contributions').select(['organisation_id', 'agreement_id']).where('ecosystem_id', '=', ecosystemId).where('id', '=', request.params.id).executeTakeFirst();
      authorizeFinance(request.actor, 'contribution.confirm', scopeOf(request, owner ? [owner.organisation_id] : []));
      if (!owner) throw errors.notFound('contribution');
      const { confirmed } = await database.transaction((tx) => confirmContribution(tx, request.actor, ecosystemId, request.params.id));
      const done = confirmed ? 'bevestigd' : 'albevestigd';
      const target = request.body.terug === 'overeenkomst' && owner.agreement_id
        ? `${request.basePath}/beheer/overeenkomsten/${owner.agreement_id}?klaar=${done}#bijdragen-titel`
        : `${request.basePath}${base}/bijdragen?klaar=${done}`;
      return reply.redirect(target, 303);
    },
  );

  // ---- expenses ----

  /** The grant of an expense page: asked for, or the current one; without any grant there is nothing to book on. */
  async function expenseGrant(request: FastifyRequest, asked: number | undefined): Promise<GrantSummary> {
    if (asked !== undefined) return loadGrant(request, asked);
    const grant = currentGrant(await listGrants(db, request.ecosystem.id), isoDay(new Date()));
    if (!grant) throw errors.notFound('grant');
    return grant;
  }

  const expenseFormProps = async (request: FastifyRequest, grant: GrantSummary) => {
    const [budgetLines, organisations] = await Promise.all([budgetLineChoices(db, request.ecosystem.id, grant.id), organisationChoices(db, request.ecosystem.id)]);
    return { ctx: manageContext(request), grant, budgetLines, organisations };
  };

  app.get(`${base}/uitgaven`, { schema: { ...hide, querystring: FinanceQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.read', scopeOf(request));
    const grant = await expenseGrant(request, queryId(request.query.subsidie, 'subsidie'));
    const rows = await listExpenses(db, request.ecosystem.id, { grantId: grant.id });
    return sendPage(reply, ExpenseListPage({ ctx: manageContext(request), grant, rows, canManage: canFinance(request.actor, 'finance.manage', scopeOf(request)), notice: noticeOf(request) }));
  });

  app.get(`${base}/uitgaven/nieuw`, { schema: { ...hide, querystring: FinanceQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const grant = await expenseGrant(request, queryId(request.query.subsidie, 'subsidie'));
    const today = isoDay(new Date());
    const raw: FormValues = { grantId: String(grant.id), spentOn: today >= grant.startsOn && today <= grant.endsOn ? today : '' };
    return sendPage(reply, ExpenseFormPage({ ...(await expenseFormProps(request, grant)), raw, problems: [] }));
  });

  /** The grant named by the form's hidden field; needed to show the form again. */
  async function postedGrant(request: FastifyRequest, raw: FormValues): Promise<GrantSummary> {
    const id = formValue(raw, 'grantId');
    if (!/^[1-9]\d{0,9}$/.test(id) || Number(id) > 2_147_483_647) throw errors.notFound('grant');
    return loadGrant(request, Number(id));
  }

  app.post(`${base}/uitgaven/nieuw`, { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const raw = request.body as FormValues;
    const grant = await postedGrant(request, raw);
    const parsed = parseExpenseForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createExpense(tx, request.actor, request.ecosystem.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${base}/uitgaven?subsidie=${result.value.grantId}&klaar=uitgave`, 303);
      problems = result.problems;
    }
    return sendPage(reply, ExpenseFormPage({ ...(await expenseFormProps(request, grant)), raw, problems }), 400);
  });

  async function loadExpense(request: FastifyRequest, id: number) {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const expense = await findExpense(db, request.ecosystem.id, id);
    if (!expense) throw errors.notFound('expense');
    return { expense, grant: await loadGrant(request, expense.grantId) };
  }

  app.get(`${base}/uitgaven/:id/bewerken`, { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const { expense, grant } = await loadExpense(request, request.params.id);
    return sendPage(reply, ExpenseFormPage({ ...(await expenseFormProps(request, grant)), id: expense.id, raw: expenseForm(expense, grant.id), problems: [] }));
  });

  app.post(`${base}/uitgaven/:id/bewerken`, { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const { expense, grant } = await loadExpense(request, request.params.id);
    const raw = { ...(request.body as FormValues), grantId: String(grant.id) };
    const parsed = parseExpenseForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateExpense(tx, request.actor, request.ecosystem.id, expense.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${base}/uitgaven?subsidie=${result.value.grantId}&klaar=uitgavegewijzigd`, 303);
      problems = result.problems;
    }
    return sendPage(reply, ExpenseFormPage({ ...(await expenseFormProps(request, grant)), id: expense.id, raw, problems }), 400);
  });

  app.post(`${base}/uitgaven/:id/verwijderen`, { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const { grantId } = await database.transaction((tx) => deleteExpense(tx, request.actor, request.ecosystem.id, request.params.id));
    return reply.redirect(`${request.basePath}${base}/uitgaven?subsidie=${grantId}&klaar=uitgaveweg`, 303);
  });

  // ---- export for the project administration ----

  const exportFiles = [...exportParts.map((p) => `${p}.csv`), 'financien.xlsx'] as const;
  const ExportParams = Type.Object({ bestand: StringEnum(exportFiles) });

  app.get(`${base}/export/:bestand`, { schema: { ...hide, params: ExportParams, querystring: FinanceQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'finance.export', scopeOf(request));
    const ecosystemId = request.ecosystem.id;
    const chosen = await expenseGrant(request, queryId(request.query.subsidie, 'subsidie'));
    const grant = await loadGrant(request, chosen.id);
    const [overview, contributions, expenses] = await Promise.all([
      financeOverview(db, ecosystemId, grant),
      listContributions(db, ecosystemId, { organisations: 'all', grantId: grant.id }),
      listExpenses(db, ecosystemId, { grantId: grant.id }),
    ]);
    const tables = financeTables(request.locale, overview, contributions, expenses);
    const [part, format] = request.params.bestand.split('.') as [ExportPart | 'financien', 'csv' | 'xlsx'];
    const name = `${part}-${request.ecosystem.slug}-${isoDay(new Date())}.${format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
    if (format === 'xlsx') {
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await financeWorkbook(request.locale, overview, tables));
    }
    return reply.type('text/csv; charset=utf-8').send(tableToCsv(tables[part as ExportPart]));
  });
}
