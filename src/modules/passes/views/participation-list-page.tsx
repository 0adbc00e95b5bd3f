import type { FieldProblem } from '../../../core/errors.js';
import { ErrorSummary } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatShortDay, formatTime } from '../../../web/format.js';
import { t } from '../../../web/i18n/index.js';
import type { ParticipationRow } from '../queries/participation-list.js';
import type { StaffContext } from './pass-lookup-page.js';

export const participationsPath = '/beheer/deelnames';

export interface ParticipationFilterForm {
  activiteit: string;
  datum: string;
}

export interface ParticipationListPageProps {
  ctx: StaffContext;
  /** A coordinator sees every organisation's check-ins. */
  all: boolean;
  activities: Array<{ id: number; title: string }>;
  filter: ParticipationFilterForm;
  problems: FieldProblem[];
  rows: ParticipationRow[];
  page: number;
  more: boolean;
}

/** Check-ins at the reader's activities: when, which activity and session, and a pass only as a short pseudonym. */
export function ParticipationListPage(props: ParticipationListPageProps) {
  const { ctx, filter, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'participationList.title');
  const invalid = (field: string) => problems.some((p) => p.field === field);
  const fieldError = (field: string) => {
    const own = problems.filter((p) => p.field === field);
    return own.length ? (
      <p class="utrecht-form-field-error-message" id={`veld-${field}-fout`}>
        {own.map((p) => t(locale, p.key, p.params)).join(' ')}
      </p>
    ) : null;
  };
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (filter.activiteit) q.set('activiteit', filter.activiteit);
    if (filter.datum) q.set('datum', filter.datum);
    if (page > 1) q.set('pagina', String(page));
    const s = q.toString();
    return `${basePath}${participationsPath}${s ? `?${s}` : ''}`;
  };
  return (
    <ManageFrame ctx={ctx} title={title} current={participationsPath}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{props.all ? t(locale, 'participationList.introAll', { ecosystem: ctx.ecosystem.name }) : t(locale, 'participationList.intro')}</p>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form inline-filter" method="get" action={`${basePath}${participationsPath}`} novalidate>
        <div class={`utrecht-form-field utrecht-form-field--select${invalid('activiteit') ? ' utrecht-form-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="veld-activiteit">
            {t(locale, 'participationList.activity')}
          </label>
          {fieldError('activiteit')}
          <select class="utrecht-select utrecht-select--html-select" id="veld-activiteit" name="activiteit" aria-describedby={invalid('activiteit') ? 'veld-activiteit-fout' : undefined}>
            <option value="">{t(locale, 'participationList.allActivities')}</option>
            {props.activities.map((a) => (
              <option value={String(a.id)} selected={String(a.id) === filter.activiteit}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <div class={`utrecht-form-field utrecht-form-field--text${invalid('datum') ? ' utrecht-form-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="veld-datum">
            {t(locale, 'participationList.day')}
          </label>
          <p class="utrecht-form-field-description" id="veld-datum-hint">
            {t(locale, 'participationList.day.hint')}
          </p>
          {fieldError('datum')}
          <input
            class={`utrecht-textbox utrecht-textbox--html-input${invalid('datum') ? ' utrecht-textbox--invalid' : ''}`}
            type="date"
            id="veld-datum"
            name="datum"
            value={filter.datum}
            aria-describedby={invalid('datum') ? 'veld-datum-hint veld-datum-fout' : 'veld-datum-hint'}
            aria-invalid={invalid('datum') ? 'true' : undefined}
          />
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {t(locale, 'participationList.filter')}
        </button>
      </form>
      {fieldError('pagina')}
      {props.rows.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'participationList.none')}</p>
      ) : (
        <DataTable
          headers={[
            t(locale, 'participationList.scannedAt'),
            t(locale, 'participationList.activity'),
            t(locale, 'participationList.session'),
            t(locale, 'participationList.organisation'),
            t(locale, 'participationList.pass'),
          ]}
          rows={props.rows.map((r) => [
            `${formatDay(r.scannedAt, locale)}, ${formatTime(r.scannedAt, locale)}`,
            r.activity,
            `${formatShortDay(r.sessionStartsAt, locale)} ${formatTime(r.sessionStartsAt, locale)}`,
            r.organisation,
            r.pseudonym ? <span class="pass-pseudonym">…{r.pseudonym}</span> : <span class="muted">{t(locale, 'participationList.deleted')}</span>,
          ])}
        />
      )}
      {(props.page > 1 || props.more) && (
        <nav class="pagination" aria-label={t(locale, 'participationList.page', { page: props.page })}>
          <ul class="pagination__list">
            {props.page > 1 && (
              <li>
                <a class="utrecht-link pagination__link" href={href(props.page - 1)} rel="prev">
                  {t(locale, 'participationList.newer')}
                </a>
              </li>
            )}
            <li>
              <span class="pagination__current" aria-current="page">
                {props.page}
              </span>
            </li>
            {props.more && (
              <li>
                <a class="utrecht-link pagination__link" href={href(props.page + 1)} rel="next">
                  {t(locale, 'participationList.older')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </ManageFrame>
  );
}
