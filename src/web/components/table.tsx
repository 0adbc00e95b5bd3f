import type { ComponentChildren } from 'preact';

/**
 * An NL Design System table of rows, wrapped so it scrolls sideways on a
 * phone instead of widening the page. Header cells are column headers; with
 * `rowHeaders` the first cell of each row names the row (a screen reader reads
 * it with every other cell of that row).
 */
export function DataTable({ headers, rows, class: extra, rowHeaders = false }: { headers: string[]; rows: ComponentChildren[][]; class?: string; rowHeaders?: boolean }) {
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
              {cells.map((cell, i) =>
                rowHeaders && i === 0 ? (
                  <th class="utrecht-table__header-cell" scope="row">
                    {cell}
                  </th>
                ) : (
                  <td class="utrecht-table__cell">{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
