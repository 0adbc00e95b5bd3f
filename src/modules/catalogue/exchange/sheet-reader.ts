import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { ImportProblem } from './problems.js';

/** The cells of an offer file as text: the header row and the rows under it (row n of `rows` is spreadsheet row n + 2). */
export interface Sheet {
  headers: string[];
  rows: string[][];
}

export type FileKind = 'csv' | 'xlsx';

/** Limits that keep one upload from occupying the server. */
export const maxFileBytes = 5 * 1024 * 1024;
export const maxRows = 2000;
const maxColumns = 100;
const maxCellLength = 20_000;

const fileProblem = (key: ImportProblem['key'], params?: Record<string, string | number>): ImportProblem => ({ row: null, column: null, key, ...(params && { params }) });

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** What the bytes are, by their first bytes rather than the name a browser sends. */
export function sniffKind(data: Uint8Array): FileKind | 'xls' | 'binary' {
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
  const head = data.subarray(0, 8192);
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46]) || head.includes(0)) return 'binary';
  return 'csv';
}

/**
 * Reads an uploaded CSV (comma, semicolon or tab; UTF-8 with or without BOM, or
 * the Windows-1252 that Dutch Excel writes) or XLSX file (its first sheet).
 * Returns the cells as text, or problems with the file as a whole.
 */
export async function readSheet(data: Uint8Array): Promise<{ sheet?: Sheet; kind?: FileKind; problems: ImportProblem[] }> {
  if (data.length === 0) return { problems: [fileProblem('exchange.file.empty')] };
  if (data.length > maxFileBytes) return { problems: [fileProblem('exchange.file.tooLarge', { max: maxFileBytes / 1024 / 1024 })] };
  const kind = sniffKind(data);
  if (kind === 'xls' || kind === 'binary') return { problems: [fileProblem(kind === 'xls' ? 'exchange.file.xls' : 'exchange.file.wrongType')] };
  const read = kind === 'xlsx' ? await readXlsx(data) : readCsv(data);
  if ('problem' in read) return { kind, problems: [read.problem] };
  return { kind, ...checkShape(read) };
}

function checkShape(grid: string[][]): { sheet?: Sheet; problems: ImportProblem[] } {
  const isBlank = (row: string[]) => row.every((c) => c.trim() === '');
  while (grid.length > 0 && isBlank(grid[grid.length - 1]!)) grid.pop();
  const [headerRow, ...rows] = grid;
  if (!headerRow || isBlank(headerRow)) return { problems: [fileProblem('exchange.file.empty')] };
  if (rows.length === 0) return { problems: [fileProblem('exchange.file.noRows')] };
  if (rows.length > maxRows) return { problems: [fileProblem('exchange.file.tooManyRows', { max: maxRows, count: rows.length })] };
  if (headerRow.length > maxColumns) return { problems: [fileProblem('exchange.file.tooManyColumns', { max: maxColumns })] };
  for (const [i, row] of rows.entries()) {
    if (row.some((c) => c.length > maxCellLength)) return { problems: [{ row: i + 2, column: null, key: 'exchange.file.cellTooLong', params: { max: maxCellLength } }] };
  }
  return { sheet: { headers: headerRow.map((h) => h.trim()), rows }, problems: [] };
}

/** Text of an uploaded file: UTF-8 (with or without BOM), or else the Windows-1252 that Dutch Excel and DUO write. */
export function decode(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    // Not UTF-8: Dutch Excel saves "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252.
    return new TextDecoder('windows-1252').decode(data);
  }
}

/** The separator of the header line: the most frequent of semicolon, comma and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, outsideQuotes.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

function readCsv(data: Uint8Array): string[][] | { problem: ImportProblem } {
  const text = decode(data).replace(/^\uFEFF/, '');
  try {
    const records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
    return records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { problem: { row: line ?? null, column: null, key: 'exchange.file.csvBroken' } };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (value instanceof Date) {
    // Excel stores wall-clock time without a zone; exceljs hands it over as if it were UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
  if ('error' in value) return '';
  return '';
}

async function readXlsx(data: Uint8Array): Promise<string[][] | { problem: ImportProblem }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { problem: fileProblem('exchange.file.xlsxBroken') };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { problem: fileProblem('exchange.file.empty') };
  if (sheet.rowCount > maxRows + 1) return { problem: fileProblem('exchange.file.tooManyRows', { max: maxRows, count: sheet.rowCount - 1 }) };
  const width = Math.min(sheet.columnCount, maxColumns + 1);
  const grid: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    grid.push(cells);
  }
  return grid;
}
