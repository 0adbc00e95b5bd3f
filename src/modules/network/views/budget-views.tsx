import type { FieldProblem } from '../../../core/errors.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { t } from '../../../web/i18n/index.js';
import type { FormValues } from '../../catalogue/forms.js';
import { ActionButton, ManageForm, SelectField, TextField, type ManageContext } from '../../catalogue/views/manage-components.js';
import { budgetCategories } from '../db/schema.js';
import { plannedField } from '../finance-forms.js';
import type { GrantDetail } from '../queries/finance-queries.js';
import { BackLink, dayLabel } from './finance-components.js';

/** The first and last day of grant year `year` (1-based), for the labels of the planned amounts. */
function yearSpan(grant: Pick<GrantDetail, 'startsOn' | 'endsOn'>, year: number): { from: string; to: string } {
  const [y, m, d] = grant.startsOn.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y + year - 1, m - 1, d)).toISOString().slice(0, 10);
  const next = new Date(Date.UTC(y + year, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
  return { from, to: next < grant.endsOn ? next : grant.endsOn };
}

/** A budget line: category, name and the amount planned in each grant year. */
export function BudgetLineFormPage(props: { ctx: ManageContext; grant: GrantDetail; id?: number; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, raw, problems, id, grant } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, id ? 'finance.budget.editTitle' : 'finance.budget.newTitle');
  const back = `${basePath}/beheer/financien?subsidie=${grant.id}`;
  return (
    <ManageFrame ctx={ctx} title={title} current="/beheer/financien">
      <BackLink href={back}>{t(locale, 'finance.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'finance.budget.forGrant', { grant: grant.name })}</p>
      <ManageForm ctx={ctx} action={id ? `${basePath}/beheer/financien/begroting/${id}/bewerken` : `${basePath}/beheer/financien/subsidies/${grant.id}/begroting/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={back}>
        <SelectField {...f} name="category" label={t(locale, 'finance.budget.category')} options={budgetCategories.map((c) => ({ value: c, label: t(locale, `finance.category.${c}`) }))} />
        <TextField {...f} name="name" label={t(locale, 'finance.budget.line')} hint={t(locale, 'finance.budget.line.hint')} maxLength={200} />
        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'finance.budget.plannedPerYear')}</legend>
          {Array.from({ length: grant.years }, (_, i) => {
            const span = yearSpan(grant, i + 1);
            return (
              <TextField
                {...f}
                name={plannedField(i + 1)}
                label={t(locale, 'finance.budget.yearLabel', { year: i + 1, from: dayLabel(span.from, locale), to: dayLabel(span.to, locale) })}
                inputMode="decimal"
                size={14}
                optional
              />
            );
          })}
        </fieldset>
      </ManageForm>
      {id && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/financien/begroting/${id}/verwijderen`} label={t(locale, 'finance.delete')} />
        </div>
      )}
    </ManageFrame>
  );
}
