import { t, type Locale } from '../../../../web/i18n/index.js';
import type { ImportProblemOut } from '../problems.js';

/** Every problem of a file: row, column, what is wrong. */
export function ProblemTable(props: { locale: Locale; problems: ImportProblemOut[]; caption?: string }) {
  const { locale } = props;
  return (
    <table class="utrecht-table">
      {props.caption && <caption class="utrecht-table__caption">{props.caption}</caption>}
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.preview.row')}</th>
          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.preview.column')}</th>
          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'exchange.preview.problem')}</th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {props.problems.map((p) => (
          <tr class="utrecht-table__row">
            <td class="utrecht-table__cell">{p.row ?? t(locale, 'exchange.preview.wholeFile')}</td>
            <td class="utrecht-table__cell">{p.column ?? ''}</td>
            <td class="utrecht-table__cell">{p.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
