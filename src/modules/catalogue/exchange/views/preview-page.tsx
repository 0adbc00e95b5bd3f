import type { Ecosystem } from '../../../ecosystems/db/schema.js';
import { Alert } from '../../../../web/components/alert.js';
import { t, type Locale } from '../../../../web/i18n/index.js';
import { Layout } from '../../../../web/layout.js';
import { columnByKey } from '../columns.js';
import type { ImportProblemOut } from '../problems.js';
import type { PlannedActivity } from '../row-validator.js';
import { ProblemTable } from './problem-table.js';

export interface PreviewPageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  token: string;
  fileName: string;
  problems: ImportProblemOut[];
  blocked: boolean;
  valid: PlannedActivity[];
  invalidRows: number;
  /** The confirmation found the file no longer fits (the data changed since the preview). */
  changed: boolean;
}

/** What an import would do, row by row, before anything is written. */
export function PreviewPage(props: PreviewPageProps) {
  const { locale, basePath } = props;
  const base = `${basePath}/beheer/aanbod/importeren`;
  const creates = props.valid.filter((v) => v.action === 'create').length;
  const title = t(locale, 'exchange.preview.title', { file: props.fileName || 'bestand' });
  const canAll = !props.blocked && props.problems.length === 0 && props.valid.length > 0;
  const canValid = !props.blocked && props.problems.length > 0 && props.valid.length > 0;
  return (
    <Layout title={title} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.changed && (
        <Alert type="error" role="alert">
          <p class="utrecht-paragraph">{t(locale, 'exchange.preview.changed')}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph utrecht-paragraph--lead">
        {t(locale, 'exchange.preview.summary', { rows: props.valid.length + props.invalidRows, create: creates, update: props.valid.length - creates, invalid: props.invalidRows })}
      </p>
      <Alert type={canAll ? 'ok' : props.blocked || props.valid.length === 0 ? 'error' : 'warning'} role="status">
        <p class="utrecht-paragraph">
          {t(locale, props.blocked ? 'exchange.preview.blocked' : canAll ? 'exchange.preview.allGood' : props.valid.length === 0 ? 'exchange.preview.noneGood' : 'exchange.preview.someBad')}
        </p>
      </Alert>

      {(canAll || canValid) && (
        <form method="post" action={`${base}/${props.token}`} class="button-row">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="modus" value={canAll ? 'alles' : 'geldig'} />
          <button class={`utrecht-button ${canAll ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`} type="submit">
            {canAll ? t(locale, 'exchange.preview.importAll') : t(locale, 'exchange.preview.importValid', { count: props.valid.length })}
          </button>
        </form>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={base}>{t(locale, 'exchange.preview.again')}</a>
      </p>

      {props.problems.length > 0 && (
        <section aria-labelledby="problemen">
          <h2 class="utrecht-heading-2" id="problemen">{t(locale, 'exchange.preview.problems')}</h2>
          <ProblemTable locale={locale} problems={props.problems} />
        </section>
      )}

      {props.valid.length > 0 && (
        <section aria-labelledby="plan">
          <h2 class="utrecht-heading-2" id="plan">{t(locale, 'exchange.preview.plan')}</h2>
          <table class="utrecht-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.preview.row')}</th>
                <th class="utrecht-table__header-cell" scope="col">{columnByKey.externalId.header}</th>
                <th class="utrecht-table__header-cell" scope="col">{columnByKey.title.header}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.preview.action')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.preview.sessions')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {props.valid.map((v) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{v.row}</td>
                  <td class="utrecht-table__cell">{v.externalId ?? ''}</td>
                  <td class="utrecht-table__cell">{v.title}</td>
                  <td class="utrecht-table__cell">
                    {v.action === 'create' ? t(locale, 'exchange.preview.create') : t(locale, 'exchange.preview.update', { id: v.activityId ?? '' })}
                  </td>
                  <td class="utrecht-table__cell">
                    {v.sessions === undefined
                      ? t(locale, 'exchange.preview.sessionsUnchanged')
                      : [
                          t(locale, 'exchange.preview.sessionsCount', { count: v.sessions.length }),
                          ...(v.pastSessions > 0 ? [t(locale, 'exchange.preview.sessionsPast', { count: v.pastSessions })] : []),
                        ].join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}
