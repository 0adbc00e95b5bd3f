import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';

/**
 * One thing wrong with an uploaded offer file. `row` is the row number as a
 * spreadsheet program shows it (the header is row 1); null for the file as a
 * whole. `column` is the Dutch header, or null when no column is to blame.
 */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ImportProblemOut {
  row: number | null;
  column: string | null;
  message: string;
}

export function problemOut(p: ImportProblem, locale: Locale): ImportProblemOut {
  return { row: p.row, column: p.column, message: t(locale, p.key, p.params) };
}
