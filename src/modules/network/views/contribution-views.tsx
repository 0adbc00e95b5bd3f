import type { FieldProblem } from '../../../core/errors.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { FormValues } from '../../catalogue/forms.js';
import { ActionButton, ManageForm, Radios, SelectField, TextArea, TextField, type ManageContext } from '../../catalogue/views/manage-components.js';
import { contributionKinds, contributionStages } from '../db/schema.js';
import { money, sum } from '../finance-money.js';
import type { Choice } from '../queries/agreement-queries.js';
import type { ContributionRow, GrantSummary } from '../queries/finance-queries.js';
import { BackLink, ButtonLink, ConfirmationText, dayLabel, ValueText } from './finance-components.js';

export interface ContributionChoices {
  organisations: Choice[];
  agreements: Choice[];
  grants: GrantSummary[];
}

/**
 * The fields of a contribution. `fixedAgreement`: on an agreement's page the
 * agreement is given (a hidden field), not chosen.
 */
export function ContributionFields(props: { locale: Locale; raw: FormValues; problems: FieldProblem[]; choices: ContributionChoices; fixedAgreement?: number }) {
  const { locale, raw, problems, choices } = props;
  const f = { locale, raw, problems };
  return (
    <>
      <SelectField {...f} name="organisationId" label={t(locale, 'finance.contribution.organisation')} empty={t(locale, 'finance.choose')} options={choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
      <Radios {...f} name="stage" label={t(locale, 'finance.contribution.stage')} options={contributionStages.map((s) => ({ value: s, label: t(locale, `finance.stage.${s}.long`) }))} />
      <SelectField {...f} name="kind" label={t(locale, 'finance.contribution.kind')} options={contributionKinds.map((k) => ({ value: k, label: t(locale, `finance.kind.${k}`) }))} />
      <TextArea {...f} name="description" label={t(locale, 'finance.contribution.description')} hint={t(locale, 'finance.contribution.description.hint')} rows={2} maxLength={1000} />
      <fieldset class="utrecht-form-fieldset form-section value-fields">
        <legend class="utrecht-form-fieldset__legend">{t(locale, 'finance.value.legend')}</legend>
        <p class="utrecht-paragraph hint">{t(locale, 'finance.value.hint')}</p>
        <TextField {...f} name="amount" label={t(locale, 'finance.value.amount')} inputMode="decimal" size={14} optional />
        <div class="value-hours">
          <TextField {...f} name="hours" label={t(locale, 'finance.value.hours')} inputMode="decimal" size={10} optional />
          <TextField {...f} name="hourlyRate" label={t(locale, 'finance.value.hourlyRate')} inputMode="decimal" size={10} optional />
        </div>
      </fieldset>
      <TextField {...f} name="datedOn" type="date" label={t(locale, 'finance.contribution.datedOn')} hint={t(locale, 'finance.contribution.datedOn.hint')} optional />
      {props.fixedAgreement !== undefined ? (
        <input type="hidden" name="agreementId" value={String(props.fixedAgreement)} />
      ) : (
        <SelectField {...f} name="agreementId" label={t(locale, 'finance.contribution.agreement')} empty={t(locale, 'finance.contribution.noAgreement')} options={choices.agreements.map((a) => ({ value: String(a.id), label: a.name }))} optional />
      )}
      <SelectField
        {...f}
        name="grantId"
        label={t(locale, 'finance.contribution.grant')}
        hint={t(locale, 'finance.contribution.grant.hint')}
        empty={t(locale, 'finance.contribution.noGrant')}
        options={choices.grants.map((g) => ({ value: String(g.id), label: g.name }))}
        optional
      />
    </>
  );
}

export interface ContributionTableProps {
  ctx: ManageContext;
  rows: ContributionRow[];
  /** Per row: may this person change it, and may they confirm it. */
  may: (row: ContributionRow) => { edit: boolean; confirm: boolean };
  /** Where a confirmation returns to. */
  back: 'bijdragen' | 'overeenkomst';
  showAgreement: boolean;
}

/** Contributions with their value, status and the buttons this person may use; totals per stage underneath. */
export function ContributionTable(props: ContributionTableProps) {
  const { ctx, rows } = props;
  const { locale, basePath } = ctx;
  const committed = sum(rows.filter((r) => r.stage === 'commitment').map((r) => r.valueCents));
  const realised = sum(rows.filter((r) => r.stage === 'realisation').map((r) => r.valueCents));
  const headers = [
    t(locale, 'finance.contribution.organisation'), t(locale, 'finance.contribution.stage'), t(locale, 'finance.contribution.kind'), t(locale, 'finance.contribution.description'),
    ...(props.showAgreement ? [t(locale, 'finance.contribution.agreement')] : []),
    t(locale, 'finance.column.date'), t(locale, 'finance.column.value'), t(locale, 'finance.column.confirmation'), t(locale, 'finance.column.actions'),
  ];
  return (
    <>
      <DataTable
        class="manage-table finance-table"
        rowHeaders
        headers={headers}
        rows={rows.map((r) => {
          const may = props.may(r);
          return [
            r.organisationName,
            t(locale, `finance.stage.${r.stage}`),
            t(locale, `finance.kind.${r.kind}`),
            r.description,
            ...(props.showAgreement
              ? [r.agreementId ? <a class="utrecht-link" href={`${basePath}/beheer/overeenkomsten/${r.agreementId}`}>{r.agreementTitle}</a> : '–']
              : []),
            r.datedOn ? dayLabel(r.datedOn, locale) : '–',
            <ValueText locale={locale} amountCents={r.amountCents} hoursHundredths={r.hoursHundredths} hourlyRateCents={r.hourlyRateCents} valueCents={r.valueCents} />,
            <ConfirmationText locale={locale} confirmedAt={r.confirmedAt} confirmedByName={r.confirmedByName} />,
            <div class="button-row button-row--tight">
              {may.confirm && !r.confirmedAt && (
                <form method="post" action={`${basePath}/beheer/financien/bijdragen/${r.id}/bevestigen`} class="action-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <input type="hidden" name="terug" value={props.back} />
                  <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-label={t(locale, 'finance.confirm.label', { what: `${t(locale, `finance.stage.${r.stage}`)} ${r.organisationName}, ${money(r.valueCents)}` })}>
                    {t(locale, 'finance.confirm')}
                  </button>
                </form>
              )}
              {may.edit && (
                <a class="utrecht-link" href={`${basePath}/beheer/financien/bijdragen/${r.id}/bewerken`} aria-label={t(locale, 'finance.edit.label', { what: `${r.organisationName}, ${money(r.valueCents)}` })}>
                  {t(locale, 'manage.edit')}
                </a>
              )}
            </div>,
          ];
        })}
      />
      <p class="utrecht-paragraph">{t(locale, 'finance.contribution.totals', { committed: money(committed), realised: money(realised) })}</p>
    </>
  );
}

export interface ContributionListPageProps {
  ctx: ManageContext;
  rows: ContributionRow[];
  may: ContributionTableProps['may'];
  canCreate: boolean;
  /** Shown to those who see the whole picture: which grant the list is of. */
  grants?: GrantSummary[];
  grantChoice?: string;
  /** A partner editor's own view: only their organisation(s). */
  ownOnly: boolean;
  notice?: string | undefined;
}

export function ContributionListPage(props: ContributionListPageProps) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, props.ownOnly ? 'finance.contributions.ownTitle' : 'finance.contributions.title');
  return (
    <ManageFrame ctx={ctx} title={title} current={props.ownOnly ? '/beheer/financien/bijdragen' : '/beheer/financien'} notice={props.notice}>
      {!props.ownOnly && <BackLink href={`${basePath}/beheer/financien${props.grantChoice && /^\d+$/.test(props.grantChoice) ? `?subsidie=${props.grantChoice}` : ''}`}>{t(locale, 'finance.title')}</BackLink>}
      <h1 class="utrecht-heading-1" id="bijdragen-titel">
        {title}
      </h1>
      <p class="utrecht-paragraph">{t(locale, props.ownOnly ? 'finance.contributions.ownIntro' : 'finance.contributions.intro')}</p>
      {props.grants && (
        <form class="utrecht-form quick-filter" method="get" action={`${basePath}/beheer/financien/bijdragen`}>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-subsidie">
              {t(locale, 'finance.contribution.grant')}
            </label>
            <select class="utrecht-select utrecht-select--html-select" id="veld-subsidie" name="subsidie">
              {props.grants.map((g) => (
                <option value={String(g.id)} selected={props.grantChoice === String(g.id)}>
                  {g.name}
                </option>
              ))}
              <option value="geen" selected={props.grantChoice === 'geen'}>
                {t(locale, 'finance.contribution.noGrant')}
              </option>
            </select>
          </div>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'finance.show')}
          </button>
        </form>
      )}
      {props.canCreate && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${basePath}/beheer/financien/bijdragen/nieuw${props.grantChoice && /^\d+$/.test(props.grantChoice) ? `?subsidie=${props.grantChoice}` : ''}`} primary>
            {t(locale, 'finance.contribution.new')}
          </ButtonLink>
        </p>
      )}
      {props.rows.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'finance.contributions.empty')}</p>
      ) : (
        <ContributionTable ctx={ctx} rows={props.rows} may={props.may} back="bijdragen" showAgreement />
      )}
    </ManageFrame>
  );
}

export interface ContributionFormPageProps {
  ctx: ManageContext;
  /** Undefined: a new contribution. */
  id?: number;
  raw: FormValues;
  problems: FieldProblem[];
  choices: ContributionChoices;
  /** Where "cancel" and the back link go. */
  backHref: string;
  confirmedNote?: string | undefined;
}

export function ContributionFormPage(props: ContributionFormPageProps) {
  const { ctx, id } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, id ? 'finance.contribution.editTitle' : 'finance.contribution.newTitle');
  return (
    <ManageFrame ctx={ctx} title={title} current="/beheer/financien">
      <BackLink href={props.backHref}>{t(locale, 'finance.back')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.confirmedNote && <p class="utrecht-paragraph">{props.confirmedNote}</p>}
      <ManageForm
        ctx={ctx}
        action={id ? `${basePath}/beheer/financien/bijdragen/${id}/bewerken` : `${basePath}/beheer/financien/bijdragen/nieuw`}
        problems={props.problems}
        submit={t(locale, 'manage.save')}
        cancelHref={props.backHref}
      >
        <ContributionFields locale={locale} raw={props.raw} problems={props.problems} choices={props.choices} />
      </ManageForm>
      {id && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/financien/bijdragen/${id}/verwijderen`} label={t(locale, 'finance.delete')} />
        </div>
      )}
    </ManageFrame>
  );
}
