import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { columns } from './columns.js';

// A cell starting with one of these is run as a formula when a CSV is opened in
// a spreadsheet program; an apostrophe in front makes it text. The import takes
// the apostrophe off again, so an export still imports unchanged.
const formulaStart = /^[=+\-@\t\r]/;

export function csvSafe(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/** Undoes `csvSafe` on a cell read back from a file. */
export function unCsvSafe(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * CSV as Dutch Excel opens it by double-clicking: semicolons, CRLF and a BOM so
 * that accented letters survive. The import reads commas as well.
 */
export function toCsv(rows: string[][]): Buffer {
  const text = stringify([columns.map((c) => c.header), ...rows.map((r) => r.map(csvSafe))], { delimiter: ';', record_delimiter: 'windows', bom: true });
  return Buffer.from(text, 'utf8');
}

const textColumns = new Set(['externalId', 'sessions', 'curriculumGoals', 'schoolGroups', 'price']);
const numberColumns = new Set(['platformId', 'minAge', 'maxAge']);

/** An Excel workbook: the offer on the first sheet (the one the import reads), the column guide on the second. */
export async function toXlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Leerecosysteem';
  const sheet = workbook.addWorksheet('Aanbod', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'description' || c.key === 'sessions' ? 60 : c.key === 'title' || c.key === 'summary' ? 40 : Math.max(12, c.header.length + 4),
    // Text format keeps "007" and "2027-01-14 14:00" as typed instead of turning them into a number or a date.
    ...(textColumns.has(c.key) && { style: { numFmt: '@' } }),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(columns.map((c, i) => {
      const value = row[i] ?? '';
      return numberColumns.has(c.key) && /^[0-9]{1,9}$/.test(value) ? Number(value) : value;
    }));
  }
  const guide = workbook.addWorksheet('Uitleg');
  guide.columns = [
    { header: 'Kolom', key: 'header', width: 22 },
    { header: 'Verplicht', key: 'required', width: 10 },
    { header: 'Wat vul je in', key: 'help', width: 100 },
    { header: 'Voorbeeld', key: 'example', width: 40 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columns) guide.addRow({ header: c.header, required: c.required ? 'ja' : 'nee', help: c.help, example: c.example });
  guide.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
