import { parse } from 'csv-parse/sync';
import { decode, detectDelimiter, sniffKind } from '../catalogue/exchange/sheet-reader.js';
import type { ImportProblem } from '../catalogue/exchange/problems.js';
import { duoColumns, resolveColumns, type ColumnMap } from './school-duo-format.js';

/** A DUO school file as read: its headers, and each row with its row number as a spreadsheet shows it (the header is row 1). */
export interface SchoolSheet {
  headers: string[];
  rows: Array<{ n: number; cells: string[] }>;
}

/**
 * Limits that keep one upload from occupying the server, with room for DUO's
 * national files: the po list has about 6,500 locations (a few MB), the vo list 1,600.
 */
export const maxSchoolFileBytes = 8 * 1024 * 1024;
export const maxSchoolRows = 10_000;
const maxColumns = 100;
const maxCellLength = 1000;

const fileProblem = (key: ImportProblem['key'], params?: Record<string, string | number>): ImportProblem => ({ row: null, column: null, key, ...(params && { params }) });

/**
 * Reads a DUO school file: CSV separated by semicolons as DUO writes it (a
 * comma or tab also works), quoted or not, UTF-8 or Windows-1252. Checks
 * the limits and that DUO's columns are there; the rows themselves are
 * checked by the import (school-import-rows.ts).
 */
export function readSchoolFile(data: Uint8Array): { sheet?: SchoolSheet; columns?: ColumnMap; problems: ImportProblem[] } {
  if (data.length === 0) return { problems: [fileProblem('schools.import.file.empty')] };
  if (data.length > maxSchoolFileBytes) return { problems: [fileProblem('schools.import.file.tooLarge', { max: maxSchoolFileBytes / 1024 / 1024 })] };
  const kind = sniffKind(data);
  if (kind !== 'csv') return { problems: [fileProblem(kind === 'binary' ? 'schools.import.file.wrongType' : 'schools.import.file.spreadsheet')] };
  const text = decode(data).replace(/^\uFEFF/, '');
  let grid: string[][];
  try {
    grid = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { problems: [{ row: line ?? null, column: null, key: 'schools.import.file.csvBroken' }] };
  }
  const isBlank = (row: string[]) => row.every((c) => c.trim() === '');
  while (grid.length > 0 && isBlank(grid[grid.length - 1]!)) grid.pop();
  const [headerRow, ...rest] = grid;
  if (!headerRow || isBlank(headerRow)) return { problems: [fileProblem('schools.import.file.empty')] };
  if (headerRow.length > maxColumns) return { problems: [fileProblem('schools.import.file.tooManyColumns', { max: maxColumns })] };
  const headers = headerRow.map((h) => h.trim());
  const { columns, problems: headerProblems } = resolveColumns(headers);
  if (headerProblems.length > 0) {
    return {
      problems: headerProblems.map((p) => {
        switch (p.kind) {
          case 'doubled':
            return fileProblem('schools.import.file.doubledColumn', { column: p.column });
          case 'missing':
            return fileProblem('schools.import.file.missingColumns', { columns: p.columns.join(', ') });
          case 'separator':
            return fileProblem('schools.import.file.separator', { separator: p.separator });
          case 'notDuo':
            return fileProblem('schools.import.file.notDuo', { expected: duoColumns.filter((c) => c.required).map((c) => c.names[0]).join(', '), found: p.found.join(', ') || '—' });
        }
        return fileProblem('schools.import.file.notDuo', { expected: '', found: '' });
      }),
    };
  }
  const rows = rest.map((cells, i) => ({ n: i + 2, cells })).filter((r) => !isBlank(r.cells));
  if (rows.length === 0) return { problems: [fileProblem('schools.import.file.noRows')] };
  if (rows.length > maxSchoolRows) return { problems: [fileProblem('schools.import.file.tooManyRows', { max: maxSchoolRows, count: rows.length })] };
  for (const row of rows) {
    if (row.cells.some((c) => c.length > maxCellLength)) return { problems: [{ row: row.n, column: null, key: 'schools.import.file.cellTooLong', params: { max: maxCellLength } }] };
  }
  return { sheet: { headers, rows }, columns, problems: [] };
}
