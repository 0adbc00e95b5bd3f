import type { FieldProblem } from '../../../core/errors.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { ErrorSummary } from '../../../web/components/form.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { FormValues } from '../../catalogue/forms.js';
import { ActionButton, ManageForm, SelectField, TextArea, TextField, type ManageContext } from '../../catalogue/views/manage-components.js';
import { maxDocumentText } from '../agreement-document.js';
import { agreementKinds, agreementStatuses, type AgreementStatus } from '../db/schema.js';
import { money } from '../finance-money.js';
import type { AgreementListItem, AgreementRow, Choice, DocumentMeta, SignatoryRow } from '../queries/agreement-queries.js';
import type { ContributionRow } from '../queries/finance-queries.js';
import { ContributionFields, ContributionTable, type ContributionChoices, type ContributionTableProps } from './contribution-views.js';
import { BackLink, ButtonLink, dayLabel, periodLabel, Tag } from './finance-components.js';

const listPath = '/beheer/overeenkomsten';

function StatusTag({ locale, status }: { locale: Locale; status: AgreementStatus }) {
  return <Tag locale={locale} kind={`agreement-${status}`} label={`agreement.status.${status}`} />;
}

const day = 86_400_000;

/** "Loopt af over 20 dagen" or "Verlopen" for a signed agreement near or past its end; nothing otherwise. */
function ExpiryNote({ locale, agreement, today }: { locale: Locale; agreement: Pick<AgreementRow, 'status' | 'endsOn' | 'reminderDays'>; today: string }) {
  if (agreement.status !== 'signed' || !agreement.endsOn) return null;
  const days = Math.round((Date.parse(agreement.endsOn) - Date.parse(today)) / day);
  if (days < 0) return <Tag locale={locale} kind="expired" label="agreement.expired" />;
  if (days > agreement.reminderDays) return null;
  return <span class="tag status-tag status-tag--expiring">{t(locale, 'agreement.expiresIn', { days })}</span>;
}

export function AgreementListPage(props: { ctx: ManageContext; agreements: AgreementListItem[]; canCreate: boolean; today: string; notice?: string | undefined }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageFrame ctx={ctx} title={t(locale, 'agreement.listTitle')} current={listPath} notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'agreement.listTitle')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'agreement.listIntro')}</p>
      {props.canCreate && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${basePath}${listPath}/nieuw`} primary>
            {t(locale, 'agreement.new')}
          </ButtonLink>
        </p>
      )}
      {props.agreements.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'agreement.empty')}</p>
      ) : (
        <DataTable
          class="manage-table"
          rowHeaders
          headers={[
            t(locale, 'agreement.title'), t(locale, 'agreement.kind'), t(locale, 'manage.status'), t(locale, 'agreement.period'), t(locale, 'agreement.partners'),
            t(locale, 'agreement.committed'), t(locale, 'agreement.document'),
          ]}
          rows={props.agreements.map((a) => [
            <a class="utrecht-link" href={`${basePath}${listPath}/${a.id}`}>
              {a.title}
            </a>,
            t(locale, `agreement.kind.${a.kind}`),
            <>
              <StatusTag locale={locale} status={a.status} /> <ExpiryNote locale={locale} agreement={a} today={props.today} />
            </>,
            periodLabel(a.startsOn, a.endsOn, locale),
            a.partners.length > 0 ? a.partners.join(', ') : '–',
            money(a.committedCents),
            t(locale, a.hasDocument ? 'agreement.document.uploaded' : a.documentUrl ? 'agreement.document.linked' : 'agreement.document.none'),
          ])}
        />
      )}
    </ManageFrame>
  );
}

/** The fields of an agreement (new or changed). */
export function AgreementFormPage(props: { ctx: ManageContext; id?: number; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, raw, problems, id } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, id ? 'agreement.editTitle' : 'agreement.newTitle');
  const back = id ? `${basePath}${listPath}/${id}` : `${basePath}${listPath}`;
  return (
    <ManageFrame ctx={ctx} title={title} current={listPath}>
      <BackLink href={back}>{t(locale, 'finance.back')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ManageForm ctx={ctx} action={id ? `${basePath}${listPath}/${id}/bewerken` : `${basePath}${listPath}/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={back}>
        <TextField {...f} name="title" label={t(locale, 'agreement.title')} maxLength={200} hint={t(locale, 'agreement.title.hint')} />
        <SelectField {...f} name="kind" label={t(locale, 'agreement.kind')} options={agreementKinds.map((k) => ({ value: k, label: t(locale, `agreement.kind.${k}`) }))} />
        <SelectField {...f} name="status" label={t(locale, 'manage.status')} options={agreementStatuses.map((s) => ({ value: s, label: t(locale, `agreement.status.${s}`) }))} />
        <TextField {...f} name="startsOn" type="date" label={t(locale, 'agreement.startsOn')} />
        <TextField {...f} name="endsOn" type="date" label={t(locale, 'agreement.endsOn')} hint={t(locale, 'agreement.endsOn.hint')} optional />
        <TextField {...f} name="reminderDays" label={t(locale, 'agreement.reminderDays')} hint={t(locale, 'agreement.reminderDays.hint')} inputMode="numeric" size={5} optional />
        <TextField {...f} name="documentUrl" type="url" label={t(locale, 'agreement.documentUrl')} hint={t(locale, 'agreement.documentUrl.hint')} maxLength={500} optional />
        <TextArea {...f} name="notes" label={t(locale, 'agreement.notes')} rows={4} maxLength={5000} optional />
      </ManageForm>
    </ManageFrame>
  );
}

export interface AgreementPageProps {
  ctx: ManageContext;
  agreement: AgreementRow;
  signatories: SignatoryRow[];
  document: DocumentMeta | undefined;
  contributions: ContributionRow[];
  mayContribution: ContributionTableProps['may'];
  /** What the person may change: everything (coordinator) or nothing. */
  canManage: boolean;
  organisations: Choice[];
  contributionChoices: ContributionChoices;
  today: string;
  /** Which form the problems belong to, with what was typed. */
  failed?: { form: 'signatory' | 'contribution' | 'document'; raw: FormValues; problems: FieldProblem[] } | undefined;
  notice?: string | undefined;
}

/** One agreement: its terms, document, signatories and the contributions made under it. */
export function AgreementPage(props: AgreementPageProps) {
  const { ctx, agreement: a } = props;
  const { locale, basePath } = ctx;
  const path = `${basePath}${listPath}/${a.id}`;
  const failed = (form: 'signatory' | 'contribution' | 'document') => (props.failed?.form === form ? props.failed : { raw: {}, problems: [] as FieldProblem[] });
  const signatoryForm = failed('signatory');
  const contributionForm = failed('contribution');
  const documentForm = failed('document');
  const contributionRaw: FormValues = props.failed?.form === 'contribution' ? contributionForm.raw : { stage: 'commitment', kind: 'hours', grantId: props.contributionChoices.grants.length === 1 ? String(props.contributionChoices.grants[0]!.id) : '' };
  return (
    <ManageFrame ctx={ctx} title={a.title} current={listPath} notice={props.notice}>
      <BackLink href={`${basePath}${listPath}`}>{t(locale, 'agreement.listTitle')}</BackLink>
      <h1 class="utrecht-heading-1">{a.title}</h1>
      <dl class="utrecht-data-list utrecht-data-list--html-dl facts">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'agreement.kind')}</dt>
          <dd class="utrecht-data-list__item-value">{t(locale, `agreement.kind.${a.kind}`)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'manage.status')}</dt>
          <dd class="utrecht-data-list__item-value">
            <StatusTag locale={locale} status={a.status} /> <ExpiryNote locale={locale} agreement={a} today={props.today} />
          </dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'agreement.period')}</dt>
          <dd class="utrecht-data-list__item-value">{periodLabel(a.startsOn, a.endsOn, locale)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'agreement.reminder')}</dt>
          <dd class="utrecht-data-list__item-value">
            {!a.endsOn
              ? t(locale, 'agreement.reminder.none')
              : a.reminderSentAt
                ? t(locale, 'agreement.reminder.sent', { days: a.reminderDays, date: formatDay(a.reminderSentAt, locale) })
                : t(locale, a.status === 'signed' ? 'agreement.reminder.planned' : 'agreement.reminder.onlySigned', { days: a.reminderDays })}
          </dd>
        </div>
        {a.notes && (
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{t(locale, 'agreement.notes')}</dt>
            <dd class="utrecht-data-list__item-value notes">{a.notes}</dd>
          </div>
        )}
      </dl>
      {props.canManage && (
        <div class="button-row">
          <ButtonLink href={`${path}/bewerken`}>{t(locale, 'agreement.edit')}</ButtonLink>
          <ActionButton ctx={ctx} action={`${path}/verwijderen`} label={t(locale, 'agreement.delete')} describedBy="verwijderen-uitleg" />
          <p class="utrecht-paragraph hint" id="verwijderen-uitleg">
            {t(locale, 'agreement.delete.hint')}
          </p>
        </div>
      )}

      <section aria-labelledby="document-titel">
        <h2 class="utrecht-heading-2" id="document-titel">
          {t(locale, 'agreement.document')}
        </h2>
        {props.document ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${path}/document`} download>
              {t(locale, 'agreement.document.download', { name: props.document.fileName, size: kilobytes(props.document.sizeBytes) })}
            </a>{' '}
            <span class="hint">{t(locale, 'agreement.document.uploadedOn', { date: formatDay(props.document.uploadedAt, locale) })}</span>
          </p>
        ) : (
          <p class="utrecht-paragraph">{t(locale, 'agreement.document.notUploaded')}</p>
        )}
        {a.documentUrl && (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={a.documentUrl} rel="noopener noreferrer">
              {t(locale, 'agreement.document.external')}
            </a>
          </p>
        )}
        {props.canManage && (
          <>
            <ErrorSummary problems={documentForm.problems} locale={locale} title="manage.problems" />
            <form class="utrecht-form manage-form" method="post" action={`${path}/document`} enctype="multipart/form-data">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <div class={`utrecht-form-field${documentForm.problems.length ? ' utrecht-form-field--invalid' : ''}`}>
                <label class="utrecht-form-label" for="veld-document">
                  {t(locale, props.document ? 'agreement.document.replace' : 'agreement.document.upload')}
                </label>
                <p class="utrecht-form-field-description" id="veld-document-hint">
                  {t(locale, 'agreement.document.hint', { max: maxDocumentText })}
                </p>
                {documentForm.problems.length > 0 && (
                  <p class="utrecht-form-field-error-message field-error" id="veld-document-fout">
                    {documentForm.problems.map((p) => t(locale, p.key, p.params)).join(' ')}
                  </p>
                )}
                <input
                  class="file-input"
                  type="file"
                  id="veld-document"
                  name="document"
                  accept="application/pdf,.pdf"
                  aria-describedby={`veld-document-hint${documentForm.problems.length ? ' veld-document-fout' : ''}`}
                  aria-invalid={documentForm.problems.length ? 'true' : undefined}
                />
              </div>
              <div class="button-row">
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                  {t(locale, 'agreement.document.submit')}
                </button>
              </div>
            </form>
            {props.document && <ActionButton ctx={ctx} action={`${path}/document/verwijderen`} label={t(locale, 'agreement.document.remove')} />}
          </>
        )}
      </section>

      <section aria-labelledby="ondertekenaars-titel">
        <h2 class="utrecht-heading-2" id="ondertekenaars-titel">
          {t(locale, 'agreement.signatories')}
        </h2>
        {props.signatories.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'agreement.signatories.empty')}</p>
        ) : (
          <DataTable
            class="manage-table"
            rowHeaders
            headers={[
              t(locale, 'agreement.signatory.organisation'), t(locale, 'agreement.signatory.name'), t(locale, 'agreement.signatory.function'), t(locale, 'agreement.signatory.signedOn'),
              ...(props.canManage ? [t(locale, 'finance.column.actions')] : []),
            ]}
            rows={props.signatories.map((s) => [
              s.organisationName,
              s.personName,
              s.personFunction || '–',
              s.signedOn ? dayLabel(s.signedOn, locale) : t(locale, 'agreement.signatory.notSigned'),
              ...(props.canManage
                ? [
                    <form method="post" action={`${path}/ondertekenaars/${s.id}/verwijderen`} class="action-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t(locale, 'agreement.signatory.remove.label', { name: s.personName })}>
                        {t(locale, 'agreement.signatory.remove')}
                      </button>
                    </form>,
                  ]
                : []),
            ])}
          />
        )}
        {props.canManage && (
          <details class="add-details" open={props.failed?.form === 'signatory'}>
            <summary>{t(locale, 'agreement.signatory.add')}</summary>
            <ManageForm ctx={ctx} action={`${path}/ondertekenaars`} problems={signatoryForm.problems} submit={t(locale, 'agreement.signatory.addSubmit')}>
              <SelectField locale={locale} raw={signatoryForm.raw} problems={signatoryForm.problems} name="signatoryOrganisation" label={t(locale, 'agreement.signatory.organisation')} empty={t(locale, 'finance.choose')} options={props.organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
              <TextField locale={locale} raw={signatoryForm.raw} problems={signatoryForm.problems} name="personName" label={t(locale, 'agreement.signatory.name')} maxLength={200} autocomplete="off" />
              <TextField locale={locale} raw={signatoryForm.raw} problems={signatoryForm.problems} name="personFunction" label={t(locale, 'agreement.signatory.function')} maxLength={200} optional />
              <TextField locale={locale} raw={signatoryForm.raw} problems={signatoryForm.problems} name="signedOn" type="date" label={t(locale, 'agreement.signatory.signedOn')} optional />
            </ManageForm>
          </details>
        )}
      </section>

      <section aria-labelledby="bijdragen-titel">
        <h2 class="utrecht-heading-2" id="bijdragen-titel">
          {t(locale, 'agreement.contributions')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'agreement.contributions.intro')}</p>
        {props.contributions.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'agreement.contributions.empty')}</p>
        ) : (
          <ContributionTable ctx={ctx} rows={props.contributions} may={props.mayContribution} back="overeenkomst" showAgreement={false} />
        )}
        {props.canManage && (
          <details class="add-details" open={props.failed?.form === 'contribution' || props.contributions.length === 0}>
            <summary>{t(locale, 'agreement.contribution.add')}</summary>
            <ManageForm ctx={ctx} action={`${path}/bijdragen`} problems={contributionForm.problems} submit={t(locale, 'agreement.contribution.addSubmit')}>
              <ContributionFields locale={locale} raw={contributionRaw} problems={contributionForm.problems} choices={props.contributionChoices} fixedAgreement={a.id} />
            </ManageForm>
          </details>
        )}
      </section>
    </ManageFrame>
  );
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
