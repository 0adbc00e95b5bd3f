import type { FieldProblem } from '../../../core/errors.js';
import type { ManageLink } from '../../../core/modules.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { maxBatchSize } from '../commands/pass-issuer.js';
import type { BatchSummary } from '../queries/batch-list.js';

/** What every batch page gets from its route. */
export interface BatchPageContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  /** The management pages this person may open, for the menu. */
  links: ManageLink[];
}

export interface IssueForm {
  label: string;
  size: string;
  schoolLocationId: string;
}

export const batchListPath = '/beheer/passen';

/** A labelled select, marked up as the other form fields (`veld-<name>`, so the error summary links to it). */
function SchoolSelect(props: { locale: Locale; value: string; schools: Array<{ id: number; name: string }>; allowNone: boolean; problems: FieldProblem[] }) {
  const name = 'schoolLocationId';
  const own = props.problems.filter((p) => p.field === name);
  const id = `veld-${name}`;
  return (
    <div class={`utrecht-form-field${own.length ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>
        {t(props.locale, 'batch.field.school')}
      </label>
      {own.length > 0 && (
        <p class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {own.map((p) => t(props.locale, p.key, p.params)).join(' ')}
        </p>
      )}
      <select
        class={`utrecht-select utrecht-select--html-select${own.length ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={name}
        aria-invalid={own.length ? 'true' : undefined}
        aria-describedby={own.length ? `${id}-fout` : undefined}
      >
        {props.allowNone ? <option value="">{t(props.locale, 'batch.field.noSchool')}</option> : <option value="">{t(props.locale, 'batch.field.chooseSchool')}</option>}
        {props.schools.map((s) => (
          <option value={String(s.id)} selected={String(s.id) === props.value}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The batches this person may see, with counts only, and the form to issue a new one. */
export function BatchListPage(props: {
  ctx: BatchPageContext;
  batches: BatchSummary[];
  schools: Array<{ id: number; name: string }>;
  /** Coordinators may issue passes without a school (a club, a BSO group). */
  allowNoSchool: boolean;
  form: IssueForm;
  problems: FieldProblem[];
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const canIssue = props.allowNoSchool || props.schools.length > 0;
  return (
    <ManageFrame current={batchListPath} ctx={ctx} title={t(locale, 'batch.list.title')} notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'batch.list.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'batch.list.intro')}</p>

      <h2 class="utrecht-heading-2">{t(locale, 'batch.list.batches')}</h2>
      {props.batches.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'batch.list.none')}</p>
      ) : (
        <DataTable
          rowHeaders
          headers={[t(locale, 'batch.col.label'), t(locale, 'batch.col.school'), t(locale, 'batch.col.size'), t(locale, 'batch.col.date'), t(locale, 'batch.col.scanned'), t(locale, 'batch.col.activated')]}
          rows={props.batches.map((b) => [
            <a class="utrecht-link" href={`${basePath}${batchListPath}/${b.id}`}>
              {b.label}
            </a>,
            b.schoolName ?? t(locale, 'batch.noSchool'),
            String(b.size),
            formatDay(b.createdAt, locale),
            String(b.scanned),
            String(b.activated),
          ])}
        />
      )}

      <h2 class="utrecht-heading-2" id="uitgeven">
        {t(locale, 'batch.issue.title')}
      </h2>
      {canIssue ? (
        <>
          <p class="utrecht-paragraph">{t(locale, 'batch.issue.intro')}</p>
          <ErrorSummary problems={props.problems} locale={locale} />
          <form class="utrecht-form narrow-form batch-form" method="post" action={`${basePath}${batchListPath}`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField locale={locale} name="label" label={t(locale, 'batch.field.label')} hint={t(locale, 'batch.field.labelHint')} value={props.form.label} problems={props.problems} maxLength={100} autocomplete="off" />
            <TextField locale={locale} name="size" label={t(locale, 'batch.field.size')} hint={t(locale, 'batch.field.sizeHint', { max: maxBatchSize })} value={props.form.size} problems={props.problems} type="number" />
            <SchoolSelect locale={locale} value={props.form.schoolLocationId} schools={props.schools} allowNone={props.allowNoSchool} problems={props.problems} />
            <div class="button-row">
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {t(locale, 'batch.issue.submit')}
              </button>
            </div>
          </form>
        </>
      ) : (
        <p class="utrecht-paragraph">{t(locale, 'batch.issue.noSchools')}</p>
      )}
    </ManageFrame>
  );
}

/** One batch: its counts, the download of freshly issued cards, and a reprint with new secrets. */
export function BatchPage(props: {
  ctx: BatchPageContext;
  batch: BatchSummary;
  /** When this browser may still download the cards it just issued or reprinted. */
  download: { expiresAt: Date; cards: number } | undefined;
  cardsValue: string;
  problems: FieldProblem[];
  notice?: string | undefined;
}) {
  const { ctx, batch } = props;
  const { locale, basePath } = ctx;
  const here = `${basePath}${batchListPath}/${batch.id}`;
  return (
    <ManageFrame current={batchListPath} ctx={ctx} title={batch.label} notice={props.notice}>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}${batchListPath}`}>
          {t(locale, 'batch.back')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{batch.label}</h1>
      <dl class="utrecht-data-list batch-facts">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'batch.col.school')}</dt>
          <dd class="utrecht-data-list__item-value">{batch.schoolName ?? t(locale, 'batch.noSchool')}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'batch.col.date')}</dt>
          <dd class="utrecht-data-list__item-value">{formatDay(batch.createdAt, locale)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'batch.col.size')}</dt>
          <dd class="utrecht-data-list__item-value">{String(batch.size)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'batch.col.scanned')}</dt>
          <dd class="utrecht-data-list__item-value">{String(batch.scanned)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'batch.col.activated')}</dt>
          <dd class="utrecht-data-list__item-value">{String(batch.activated)}</dd>
        </div>
      </dl>

      <h2 class="utrecht-heading-2">{t(locale, 'batch.cards.title')}</h2>
      {props.download ? (
        <Alert type="warning" role="status">
          <p class="utrecht-paragraph">{t(locale, 'batch.cards.ready', { cards: props.download.cards, time: formatTime(props.download.expiresAt, locale) })}</p>
          <p class="utrecht-paragraph">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${here}/kaarten.pdf`} download>
              {t(locale, 'batch.cards.download')}
            </a>
          </p>
        </Alert>
      ) : (
        <p class="utrecht-paragraph">{t(locale, 'batch.cards.gone')}</p>
      )}

      <h2 class="utrecht-heading-2" id="opnieuw">
        {t(locale, 'batch.reprint.title')}
      </h2>
      <p class="utrecht-paragraph">{t(locale, 'batch.reprint.intro')}</p>
      <ErrorSummary problems={props.problems} locale={locale} />
      <form class="utrecht-form narrow-form batch-form" method="post" action={`${here}/opnieuw`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField locale={locale} name="cards" label={t(locale, 'batch.reprint.cards')} hint={t(locale, 'batch.reprint.cardsHint', { size: batch.size })} value={props.cardsValue} problems={props.problems} maxLength={200} autocomplete="off" />
        <div class="button-row">
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'batch.reprint.submit')}
          </button>
        </div>
      </form>
    </ManageFrame>
  );
}
