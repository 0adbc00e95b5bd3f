import { Alert } from '../../../web/components/alert.js';
import { t } from '../../../web/i18n/index.js';
import type { ImportProblemOut } from '../../catalogue/exchange/problems.js';
import { ProblemTable } from '../../catalogue/exchange/views/problem-table.js';
import { duoColumns } from '../school-duo-format.js';
import type { RowOutcome } from '../school-import-rows.js';
import { BackLink, NetworkLayout, type ManageContext } from './network-layout.js';
import { typesText } from './school-pages.js';

/** The types a file without type columns may be given at upload. */
export const defaultTypeChoices = ['po', 'so', 'vso'] as const;

export interface SchoolImportPageProps {
  ctx: ManageContext;
  maxMegabytes: number;
  /** Problems with a file just uploaded (it could not be used). */
  fileProblems?: ImportProblemOut[];
  defaultType?: string;
  done?: { created: number; updated: number };
}

/** Upload a DUO file; the columns it may have; a sample file. */
export function SchoolImportPage(props: SchoolImportPageProps) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk/scholen`;
  const title = t(locale, 'schools.import.title');
  const invalid = (props.fileProblems?.length ?? 0) > 0;
  return (
    <NetworkLayout ctx={ctx} title={title} current="/beheer/netwerk/scholen" notice={props.done && t(locale, 'schools.import.done', props.done)}>
      <BackLink href={base}>{t(locale, 'schools.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'schools.import.intro')}</p>
      <p class="utrecht-paragraph">{t(locale, 'schools.import.rules')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/voorbeeld.csv`} download>
          {t(locale, 'schools.import.sample')}
        </a>
      </p>

      <section aria-labelledby="uploaden">
        <h2 class="utrecht-heading-2" id="uploaden">
          {t(locale, 'schools.import.upload')}
        </h2>
        {invalid && (
          <Alert type="error" role="alert" class="form-error-summary">
            <p class="utrecht-paragraph">{t(locale, 'schools.import.fileProblems')}</p>
            <ProblemTable locale={locale} problems={props.fileProblems!} />
          </Alert>
        )}
        <form method="post" action={`${base}/importeren`} enctype="multipart/form-data" class="utrecht-form manage-form">
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <div class={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
            <label class="utrecht-form-label" for="veld-bestand">
              {t(locale, 'schools.import.file')}
            </label>
            <p class="utrecht-form-field-description" id="hint-bestand">
              {t(locale, 'schools.import.fileHint', { max: props.maxMegabytes })}
            </p>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              type="file"
              id="veld-bestand"
              name="bestand"
              required
              accept=".csv,text/csv"
              aria-describedby="hint-bestand"
              aria-invalid={invalid ? 'true' : undefined}
            />
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-soort">
              {t(locale, 'schools.import.defaultType')}
            </label>
            <p class="utrecht-form-field-description" id="hint-soort">
              {t(locale, 'schools.import.defaultTypeHint')}
            </p>
            <select class="utrecht-select utrecht-select--html-select" id="veld-soort" name="soort" aria-describedby="hint-soort">
              <option value="">{t(locale, 'schools.import.defaultTypeNone')}</option>
              {defaultTypeChoices.map((type) => (
                <option value={type} selected={props.defaultType === type}>
                  {t(locale, `school.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {t(locale, 'schools.import.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="kolommen">
        <h2 class="utrecht-heading-2" id="kolommen">
          {t(locale, 'schools.import.columns')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'schools.import.columnsIntro')}</p>
        <div class="table-scroll">
          <table class="utrecht-table manage-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.import.column')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.import.required')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.import.use')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {duoColumns.map((c) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    <code>{c.names[0]}</code>
                  </th>
                  <td class="utrecht-table__cell">{t(locale, c.required ? 'schools.import.yes' : 'schools.import.no')}</td>
                  <td class="utrecht-table__cell">{t(locale, c.help)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </NetworkLayout>
  );
}

export interface SchoolPreviewPageProps {
  ctx: ManageContext;
  token: string;
  fileName: string;
  outcomes: RowOutcome[];
  skipped: number;
  newOrganisations: string[];
  /** The confirmation found problems the preview had not (the data changed in between). */
  changed: boolean;
}

/** What an import would do, row by row, before anything is written; the confirm button only when every row is right. */
export function SchoolPreviewPage(props: SchoolPreviewPageProps) {
  const { ctx, outcomes } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk/scholen/importeren`;
  const title = t(locale, 'schools.preview.title', { file: props.fileName || 'bestand' });
  const create = outcomes.filter((o) => o.action === 'create').length;
  const update = outcomes.filter((o) => o.action === 'update').length;
  const invalid = outcomes.length - create - update;
  const ok = invalid === 0 && outcomes.length > 0;
  return (
    <NetworkLayout ctx={ctx} title={title} current="/beheer/netwerk/scholen">
      <BackLink href={base}>{t(locale, 'schools.import.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.changed && (
        <Alert type="error" role="alert">
          <p class="utrecht-paragraph">{t(locale, 'schools.preview.changed')}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t(locale, 'schools.preview.summary', { rows: outcomes.length, create, update, invalid })}</p>
      {props.skipped > 0 && <p class="utrecht-paragraph">{t(locale, 'schools.preview.skipped', { skipped: props.skipped })}</p>}
      {ok && props.newOrganisations.length > 0 && <p class="utrecht-paragraph">{t(locale, 'schools.preview.newOrganisations', { names: props.newOrganisations.join(', ') })}</p>}
      <Alert type={ok ? 'ok' : 'error'} role="status">
        <p class="utrecht-paragraph">{t(locale, ok ? 'schools.preview.allGood' : 'schools.preview.blocked')}</p>
      </Alert>
      <div class="button-row">
        {ok && (
          <form method="post" action={`${base}/${props.token}`} class="action-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t(locale, 'schools.preview.confirm')}
            </button>
          </form>
        )}
        <a class="utrecht-link" href={base}>
          {t(locale, 'schools.preview.again')}
        </a>
      </div>

      <section aria-labelledby="per-rij">
        <h2 class="utrecht-heading-2" id="per-rij">
          {t(locale, 'schools.preview.rows')}
        </h2>
        <div class="table-scroll">
          <table class="utrecht-table manage-table import-preview">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.preview.row')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.column.brin')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.preview.school')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.preview.place')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.preview.types')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'schools.preview.outcome')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {outcomes.map((o) => (
                <tr class={`utrecht-table__row import-preview__row--${o.action}`}>
                  <th class="utrecht-table__header-cell" scope="row">{o.row}</th>
                  <td class="utrecht-table__cell">{[o.brin, o.locationNumber].filter(Boolean).join(' ')}</td>
                  <td class="utrecht-table__cell">{o.name}</td>
                  <td class="utrecht-table__cell">{o.city}</td>
                  <td class="utrecht-table__cell">{typesText(locale, o.types)}</td>
                  <td class="utrecht-table__cell">
                    <span class={`tag status-tag import-outcome import-outcome--${o.action}`}>{t(locale, `schools.preview.${o.action}`)}</span>
                    {o.problems.length > 0 && (
                      <ul class="utrecht-unordered-list import-problems">
                        {o.problems.map((p) => (
                          <li class="utrecht-unordered-list__item">
                            {p.column ? t(locale, 'schools.preview.problemAt', { column: p.column, message: t(locale, p.key, p.params) }) : t(locale, p.key, p.params)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </NetworkLayout>
  );
}
