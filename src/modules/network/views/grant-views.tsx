import type { FieldProblem } from '../../../core/errors.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { t } from '../../../web/i18n/index.js';
import type { FormValues } from '../../catalogue/forms.js';
import { ActionButton, ManageForm, TextArea, TextField, type ManageContext } from '../../catalogue/views/manage-components.js';
import { schoolTypes } from '../db/schema.js';
import { rateField } from '../finance-forms.js';
import { BackLink } from './finance-components.js';

/** A grant's terms: period, required co-financing, awarded amount and the rate per school location of each type. */
export function GrantFormPage(props: { ctx: ManageContext; id?: number; raw: FormValues; problems: FieldProblem[]; schoolCounts: Record<string, number> }) {
  const { ctx, raw, problems, id } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, id ? 'finance.grant.editTitle' : 'finance.grant.newTitle');
  const back = `${basePath}/beheer/financien${id ? `?subsidie=${id}` : ''}`;
  return (
    <ManageFrame ctx={ctx} title={title} current="/beheer/financien">
      <BackLink href={back}>{t(locale, 'finance.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ManageForm ctx={ctx} action={id ? `${basePath}/beheer/financien/subsidies/${id}/bewerken` : `${basePath}/beheer/financien/subsidies/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={back}>
        <TextField {...f} name="name" label={t(locale, 'finance.grant.name')} hint={t(locale, 'finance.grant.name.hint')} maxLength={200} />
        <TextField {...f} name="startsOn" type="date" label={t(locale, 'finance.grant.startsOn')} />
        <TextField {...f} name="endsOn" type="date" label={t(locale, 'finance.grant.endsOn')} hint={t(locale, 'finance.grant.endsOn.hint')} />
        <fieldset class="utrecht-form-fieldset form-section ratio-fields">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'finance.grant.ratio')}</legend>
          <p class="utrecht-paragraph hint">{t(locale, 'finance.grant.ratio.hint')}</p>
          <div class="value-hours">
            <TextField {...f} name="cofinancingPart" label={t(locale, 'finance.grant.cofinancingPart')} inputMode="numeric" size={4} />
            <TextField {...f} name="grantPart" label={t(locale, 'finance.grant.grantPart')} inputMode="numeric" size={4} />
          </div>
        </fieldset>
        <TextField {...f} name="awarded" label={t(locale, 'finance.grant.awarded')} hint={t(locale, 'finance.grant.awarded.hint')} inputMode="decimal" size={14} optional />
        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'finance.grant.rates')}</legend>
          <p class="utrecht-paragraph hint">{t(locale, 'finance.grant.rates.hint')}</p>
          {schoolTypes.map((type) => (
            <TextField
              {...f}
              name={rateField(type)}
              label={t(locale, `finance.schoolType.${type}`)}
              hint={t(locale, 'finance.grant.rate.hint', { count: props.schoolCounts[type] ?? 0 })}
              inputMode="decimal"
              size={12}
              optional
            />
          ))}
        </fieldset>
        <TextArea {...f} name="notes" label={t(locale, 'finance.grant.notes')} rows={3} maxLength={5000} optional />
      </ManageForm>
      {id && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/financien/subsidies/${id}/verwijderen`} label={t(locale, 'finance.grant.delete')} describedBy="verwijderen-uitleg" />
          <p class="utrecht-paragraph hint" id="verwijderen-uitleg">
            {t(locale, 'finance.grant.delete.hint')}
          </p>
        </div>
      )}
    </ManageFrame>
  );
}
