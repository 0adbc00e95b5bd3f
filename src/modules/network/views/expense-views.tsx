import type { FieldProblem } from '../../../core/errors.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { t } from '../../../web/i18n/index.js';
import type { FormValues } from '../../catalogue/forms.js';
import { ActionButton, ManageForm, SelectField, TextField, type ManageContext } from '../../catalogue/views/manage-components.js';
import { money, sum } from '../finance-money.js';
import type { Choice } from '../queries/agreement-queries.js';
import type { ExpenseRow, GrantSummary } from '../queries/finance-queries.js';
import type { BudgetCategory } from '../db/schema.js';
import { BackLink, ButtonLink, dayLabel, periodLabel, ValueText } from './finance-components.js';

export function ExpenseListPage(props: { ctx: ManageContext; grant: GrantSummary; rows: ExpenseRow[]; canManage: boolean; notice?: string | undefined }) {
  const { ctx, grant, rows } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'finance.expenses.title');
  return (
    <ManageFrame ctx={ctx} title={title} current="/beheer/financien" notice={props.notice}>
      <BackLink href={`${basePath}/beheer/financien?subsidie=${grant.id}`}>{t(locale, 'finance.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'finance.expenses.intro', { grant: grant.name, period: periodLabel(grant.startsOn, grant.endsOn, locale) })}</p>
      {props.canManage && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${basePath}/beheer/financien/uitgaven/nieuw?subsidie=${grant.id}`} primary>
            {t(locale, 'finance.expense.new')}
          </ButtonLink>
        </p>
      )}
      {rows.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'finance.expenses.empty')}</p>
      ) : (
        <>
          <DataTable
            class="manage-table finance-table"
            rowHeaders
            headers={[
              t(locale, 'finance.expense.description'), t(locale, 'finance.column.date'), t(locale, 'finance.expense.budgetLine'), t(locale, 'finance.expense.organisation'),
              t(locale, 'finance.expense.reference'), t(locale, 'finance.column.value'), ...(props.canManage ? [t(locale, 'finance.column.actions')] : []),
            ]}
            rows={rows.map((x) => [
              x.description,
              dayLabel(x.spentOn, locale),
              x.budgetLineName,
              x.organisationName ?? '–',
              x.reference || '–',
              <ValueText locale={locale} amountCents={x.amountCents} hoursHundredths={x.hoursHundredths} hourlyRateCents={x.hourlyRateCents} valueCents={x.valueCents} />,
              ...(props.canManage
                ? [
                    <a class="utrecht-link" href={`${basePath}/beheer/financien/uitgaven/${x.id}/bewerken`} aria-label={t(locale, 'finance.edit.label', { what: x.description })}>
                      {t(locale, 'manage.edit')}
                    </a>,
                  ]
                : []),
            ])}
          />
          <p class="utrecht-paragraph">
            <strong>{t(locale, 'finance.expenses.total', { total: money(sum(rows.map((r) => r.valueCents))), count: rows.length })}</strong>
          </p>
        </>
      )}
    </ManageFrame>
  );
}

export function ExpenseFormPage(props: {
  ctx: ManageContext;
  grant: GrantSummary;
  id?: number;
  raw: FormValues;
  problems: FieldProblem[];
  budgetLines: Array<{ id: number; name: string; category: BudgetCategory }>;
  organisations: Choice[];
}) {
  const { ctx, raw, problems, id, grant } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, id ? 'finance.expense.editTitle' : 'finance.expense.newTitle');
  const back = `${basePath}/beheer/financien/uitgaven?subsidie=${grant.id}`;
  return (
    <ManageFrame ctx={ctx} title={title} current="/beheer/financien">
      <BackLink href={back}>{t(locale, 'finance.expenses.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'finance.expenses.intro', { grant: grant.name, period: periodLabel(grant.startsOn, grant.endsOn, locale) })}</p>
      {props.budgetLines.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'finance.expense.noBudget')}</p>
      ) : (
        <ManageForm ctx={ctx} action={id ? `${basePath}/beheer/financien/uitgaven/${id}/bewerken` : `${basePath}/beheer/financien/uitgaven/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={back}>
          <input type="hidden" name="grantId" value={String(grant.id)} />
          <SelectField {...f} name="budgetLineId" label={t(locale, 'finance.expense.budgetLine')} empty={t(locale, 'finance.choose')} options={props.budgetLines.map((l) => ({ value: String(l.id), label: `${l.name} (${t(locale, `finance.category.${l.category}`)})` }))} />
          <TextField {...f} name="description" label={t(locale, 'finance.expense.description')} maxLength={500} />
          <TextField {...f} name="spentOn" type="date" label={t(locale, 'finance.expense.spentOn')} />
          <fieldset class="utrecht-form-fieldset form-section value-fields">
            <legend class="utrecht-form-fieldset__legend">{t(locale, 'finance.value.legend')}</legend>
            <p class="utrecht-paragraph hint">{t(locale, 'finance.value.expenseHint')}</p>
            <TextField {...f} name="amount" label={t(locale, 'finance.value.amount')} inputMode="decimal" size={14} optional />
            <div class="value-hours">
              <TextField {...f} name="hours" label={t(locale, 'finance.value.hours')} inputMode="decimal" size={10} optional />
              <TextField {...f} name="hourlyRate" label={t(locale, 'finance.value.hourlyRate')} inputMode="decimal" size={10} optional />
            </div>
          </fieldset>
          <SelectField {...f} name="organisationId" label={t(locale, 'finance.expense.organisation')} hint={t(locale, 'finance.expense.organisation.hint')} empty={t(locale, 'finance.expense.noOrganisation')} options={props.organisations.map((o) => ({ value: String(o.id), label: o.name }))} optional />
          <TextField {...f} name="reference" label={t(locale, 'finance.expense.reference')} hint={t(locale, 'finance.expense.reference.hint')} maxLength={100} optional />
        </ManageForm>
      )}
      {id && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/financien/uitgaven/${id}/verwijderen`} label={t(locale, 'finance.delete')} />
        </div>
      )}
    </ManageFrame>
  );
}
