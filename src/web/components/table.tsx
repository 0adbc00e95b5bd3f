import type { ComponentChildren } from 'preact';

/**
 * An NL Design System table of rows, wrapped so it scrolls sideways on a
 * phone instead of widening the page. Header cells are column headers.
 */
export function DataTable({ headers, rows, class: extra }: { headers: string[]; rows: ComponentChildren[][]; class?: string }) {
  return (
    <div class="table-scroll">
      <table class={`utrecht-table${extra ? ` ${extra}` : ''}`}>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {headers.map((h) => (
              <th class="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((cells) => (
            <tr class="utrecht-table__row">
              {cells.map((cell) => (
                <td class="utrecht-table__cell">{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
