import type { ManageLink } from '../../../../core/modules.js';
import { ManageFrame } from '../../../../web/components/manage-frame.js';
import type { Ecosystem } from '../../../ecosystems/db/schema.js';
import { Alert } from '../../../../web/components/alert.js';
import { t, type Locale } from '../../../../web/i18n/index.js';
import { columns } from '../columns.js';
import type { ImportProblemOut } from '../problems.js';
import { ProblemTable } from './problem-table.js';

export interface ExchangePageProps {
  /** The management pages this person may open, for the menu. */
  manageLinks: ManageLink[];
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  /** Organisations the person may import into. */
  importOrganisations: Array<{ id: number; name: string }>;
  /** May leave the organisation to the "Aanbieder" column (coordinators). */
  importByColumn: boolean;
  exportOrganisations: Array<{ id: number; name: string }>;
  exportEcosystem: boolean;
  chosenOrganisation?: number | null;
  /** Problems with a file just uploaded (it could not be read). */
  fileProblems?: ImportProblemOut[];
  done?: { created: number; updated: number };
}

/** Upload an offer file, download the template, download exports. */
export function ExchangePage(props: ExchangePageProps) {
  const { locale, basePath } = props;
  const base = `${basePath}/beheer/aanbod`;
  const exportLinks = (what: string, query: string) => (
    <li class="utrecht-unordered-list__item">
      {what}:{' '}
      <a class="utrecht-link" href={`${base}/export.xlsx${query}`} aria-label={t(locale, 'exchange.export.as', { what, format: 'Excel' })}>
        {t(locale, 'exchange.export.xlsx')}
      </a>
      {' · '}
      <a class="utrecht-link" href={`${base}/export.csv${query}`} aria-label={t(locale, 'exchange.export.as', { what, format: 'CSV' })}>
        {t(locale, 'exchange.export.csv')}
      </a>
    </li>
  );
  return (
    <ManageFrame ctx={{ locale, ecosystem: props.ecosystem, basePath, links: props.manageLinks }} title={t(locale, 'exchange.title')} current="/beheer/aanbod/importeren">
      <h1 class="utrecht-heading-1">{t(locale, 'exchange.title')}</h1>
      {props.done && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, 'exchange.done', props.done)}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph">{t(locale, 'exchange.intro')}</p>

      <h2 class="utrecht-heading-2">{t(locale, 'exchange.template.heading')}</h2>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`${base}/sjabloon.xlsx`}>{t(locale, 'exchange.template.xlsx')}</a>
        </li>
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`${base}/sjabloon.csv`}>{t(locale, 'exchange.template.csv')}</a>
        </li>
      </ul>

      {(props.importOrganisations.length > 0 || props.importByColumn) && (
        <section aria-labelledby="importeren">
          <h2 class="utrecht-heading-2" id="importeren">{t(locale, 'exchange.upload.heading')}</h2>
          {props.fileProblems && props.fileProblems.length > 0 && (
            <Alert type="error" role="alert">
              <p class="utrecht-paragraph">{t(locale, 'exchange.upload.problems')}</p>
              <ProblemTable locale={locale} problems={props.fileProblems} />
            </Alert>
          )}
          <form method="post" action={`${base}/importeren`} enctype="multipart/form-data" class="utrecht-form">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="veld-organisatie">{t(locale, 'exchange.upload.organisation')}</label>
              <p class="utrecht-form-field-description" id="hint-organisatie">{t(locale, 'exchange.upload.organisationHint')}</p>
              <select class="utrecht-select utrecht-select--html-select" id="veld-organisatie" name="organisatie" aria-describedby="hint-organisatie">
                {props.importByColumn && <option value="">{t(locale, 'exchange.upload.byColumn')}</option>}
                {props.importOrganisations.map((o) => (
                  <option value={String(o.id)} selected={props.chosenOrganisation === o.id}>{o.name}</option>
                ))}
              </select>
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="veld-bestand">{t(locale, 'exchange.upload.file')}</label>
              <p class="utrecht-form-field-description" id="hint-bestand">{t(locale, 'exchange.upload.fileHint')}</p>
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                type="file"
                id="veld-bestand"
                name="bestand"
                required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby="hint-bestand"
              />
            </div>
            <p class="utrecht-paragraph">{t(locale, 'exchange.upload.note')}</p>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{t(locale, 'exchange.upload.submit')}</button>
          </form>
        </section>
      )}

      {(props.exportOrganisations.length > 0 || props.exportEcosystem) && (
        <section aria-labelledby="exporteren">
          <h2 class="utrecht-heading-2" id="exporteren">{t(locale, 'exchange.export.heading')}</h2>
          <p class="utrecht-paragraph">{t(locale, 'exchange.export.intro')}</p>
          <ul class="utrecht-unordered-list">
            {props.exportEcosystem && exportLinks(t(locale, 'exchange.export.ecosystem', { name: props.ecosystem.name }), '')}
            {props.exportOrganisations.map((o) => exportLinks(o.name, `?organisatie=${o.id}`))}
          </ul>
        </section>
      )}

      <h2 class="utrecht-heading-2">{t(locale, 'exchange.columns.heading')}</h2>
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.columns.column')}</th>
            <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.columns.required')}</th>
            <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.columns.help')}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {columns.map((c) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">{c.header}</th>
              <td class="utrecht-table__cell">{t(locale, c.required ? 'exchange.yes' : 'exchange.no')}</td>
              <td class="utrecht-table__cell">{c.help}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ManageFrame>
  );
}
