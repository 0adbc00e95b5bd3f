import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { t, type Locale } from '../../web/i18n/index.js';
import { csvSafe } from '../catalogue/exchange/sheet-writer.js';
import { ratioText, sum } from './finance-money.js';
import type { ContributionRow, ExpenseRow, FinanceOverview } from './queries/finance-queries.js';

/**
 * The finance figures as tables for the project administration: the budget,
 * the commitments, the realised contributions and the expenses, each with a
 * totals row, as CSV (one file per table) or one Excel workbook (a sheet per
 * table and an overview). Amounts stay whole cents until written, so a total
 * in the file is exactly the sum of its rows.
 */

/** A cell: text, an amount in cents, or hours in hundredths. */
export type Cell = string | { cents: number } | { hours: number };

export interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** The totals row, written last (and in bold in Excel). */
  total: Cell[];
}

export const exportParts = ['begroting', 'toezeggingen', 'realisatie', 'uitgaven'] as const;
export type ExportPart = (typeof exportParts)[number];

const confirmedCell = (locale: Locale, c: ContributionRow): Cell[] => [c.confirmedAt ? c.confirmedAt.toISOString().slice(0, 10) : '', c.confirmedAt ? c.confirmedByName : t(locale, 'finance.unconfirmed')];

function contributionTable(locale: Locale, name: string, rows: ContributionRow[]): Table {
  return {
    name,
    headers: [
      t(locale, 'finance.contribution.organisation'), t(locale, 'finance.contribution.kind'), t(locale, 'finance.contribution.description'),
      t(locale, 'finance.contribution.agreement'), t(locale, 'finance.column.date'), t(locale, 'finance.value.hours'), t(locale, 'finance.value.hourlyRate'),
      t(locale, 'finance.column.valueEuro'), t(locale, 'finance.export.confirmedOn'), t(locale, 'finance.export.confirmedBy'),
    ],
    rows: rows.map((c) => [
      c.organisationName, t(locale, `finance.kind.${c.kind}`), c.description, c.agreementTitle ?? '', c.datedOn ?? '',
      c.hoursHundredths === null ? '' : { hours: c.hoursHundredths }, c.hourlyRateCents === null ? '' : { cents: c.hourlyRateCents },
      { cents: c.valueCents }, ...confirmedCell(locale, c),
    ]),
    total: [t(locale, 'finance.total'), '', '', '', '', { hours: sum(rows.map((c) => c.hoursHundredths ?? 0)) }, '', { cents: sum(rows.map((c) => c.valueCents)) }, '', ''],
  };
}

export function financeTables(locale: Locale, o: FinanceOverview, contributions: ContributionRow[], expenses: ExpenseRow[]): Record<ExportPart, Table> {
  const years = o.budget.plannedPerYear.map((_, i) => t(locale, 'finance.budget.year', { year: i + 1 }));
  return {
    begroting: {
      name: t(locale, 'finance.export.sheet.begroting'),
      headers: [t(locale, 'finance.budget.category'), t(locale, 'finance.budget.line'), ...years, t(locale, 'finance.budget.planned'), t(locale, 'finance.budget.spent'), t(locale, 'finance.budget.left')],
      rows: o.budget.lines.map((l) => [
        t(locale, `finance.category.${l.category}`), l.name, ...l.planned.map((c) => ({ cents: c })), { cents: l.plannedCents }, { cents: l.spentCents }, { cents: l.plannedCents - l.spentCents },
      ]),
      total: [
        t(locale, 'finance.total'), '', ...o.budget.plannedPerYear.map((c) => ({ cents: c })), { cents: o.budget.plannedCents }, { cents: o.budget.spentCents },
        { cents: o.budget.plannedCents - o.budget.spentCents },
      ],
    },
    toezeggingen: contributionTable(locale, t(locale, 'finance.export.sheet.toezeggingen'), contributions.filter((c) => c.stage === 'commitment')),
    realisatie: contributionTable(locale, t(locale, 'finance.export.sheet.realisatie'), contributions.filter((c) => c.stage === 'realisation')),
    uitgaven: {
      name: t(locale, 'finance.export.sheet.uitgaven'),
      headers: [
        t(locale, 'finance.column.date'), t(locale, 'finance.expense.budgetLine'), t(locale, 'finance.budget.category'), t(locale, 'finance.expense.description'),
        t(locale, 'finance.expense.organisation'), t(locale, 'finance.expense.reference'), t(locale, 'finance.value.hours'), t(locale, 'finance.value.hourlyRate'),
        t(locale, 'finance.column.valueEuro'),
      ],
      // Oldest first, as a ledger reads.
      rows: [...expenses].reverse().map((x) => [
        x.spentOn, x.budgetLineName, t(locale, `finance.category.${x.category}`), x.description, x.organisationName ?? '', x.reference,
        x.hoursHundredths === null ? '' : { hours: x.hoursHundredths }, x.hourlyRateCents === null ? '' : { cents: x.hourlyRateCents }, { cents: x.valueCents },
      ]),
      total: [t(locale, 'finance.total'), '', '', '', '', '', { hours: sum(expenses.map((x) => x.hoursHundredths ?? 0)) }, '', { cents: sum(expenses.map((x) => x.valueCents)) }],
    },
  };
}

/** "1234,56": what Dutch spreadsheet programs read as a number (no thousands separator). */
export function csvNumber(whole: number, places = 2): string {
  const negative = whole < 0;
  const abs = Math.abs(whole);
  const unit = 10 ** places;
  return `${negative ? '-' : ''}${Math.floor(abs / unit)},${String(abs % unit).padStart(places, '0')}`;
}

function csvCell(cell: Cell): string {
  if (typeof cell === 'string') return csvSafe(cell);
  if ('cents' in cell) return csvNumber(cell.cents);
  return csvNumber(cell.hours);
}

/** CSV as Dutch Excel opens it by double-clicking: semicolons, CRLF, a BOM; the totals row last. */
export function tableToCsv(table: Table): Buffer {
  const rows = [table.headers, ...table.rows.map((r) => r.map(csvCell)), table.total.map(csvCell)];
  return Buffer.from(stringify(rows, { delimiter: ';', record_delimiter: 'windows', bom: true }), 'utf8');
}

const euroFormat = '€ #,##0.00;[Red]-€ #,##0.00';

function writeTable(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  const numeric = (cell: Cell) => (typeof cell === 'string' ? cell : 'cents' in cell ? cell.cents / 100 : cell.hours / 100);
  for (const row of table.rows) {
    const added = sheet.addRow(row.map(numeric));
    row.forEach((cell, i) => {
      if (typeof cell !== 'string') added.getCell(i + 1).numFmt = 'cents' in cell ? euroFormat : '0.00';
    });
  }
  const first = 2;
  const last = table.rows.length + 1;
  const totals = sheet.addRow(
    table.total.map((cell, i) => {
      if (typeof cell === 'string') return cell;
      const value = numeric(cell);
      // A SUM the administration can follow, with the exact total as its cached result.
      if (table.rows.length === 0) return value;
      const column = sheet.getColumn(i + 1).letter;
      return { formula: `SUM(${column}${first}:${column}${last})`, result: value };
    }),
  );
  totals.font = { bold: true };
  table.total.forEach((cell, i) => {
    if (typeof cell !== 'string') totals.getCell(i + 1).numFmt = 'cents' in cell ? euroFormat : '0.00';
  });
  table.headers.forEach((header, i) => {
    sheet.getColumn(i + 1).width = Math.min(50, Math.max(12, header.length + 4, ...table.rows.map((r) => (typeof r[i] === 'string' ? (r[i] as string).length + 2 : 14))));
  });
}

/** One workbook: an overview (grant, co-financing, partners) and a sheet per table. */
export async function financeWorkbook(locale: Locale, o: FinanceOverview, tables: Record<ExportPart, Table>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Leerecosysteem';
  const sheet = workbook.addWorksheet(t(locale, 'finance.export.sheet.overzicht'));
  const money = (cents: number) => ({ value: cents / 100, numFmt: euroFormat });
  const lines: Array<[string, string | number | { value: number; numFmt: string }]> = [
    [t(locale, 'finance.grant.name'), o.grant.name],
    [t(locale, 'finance.export.period'), `${o.grant.startsOn} – ${o.grant.endsOn}`],
    [t(locale, 'finance.grant.ratio'), `${o.grant.cofinancingPart} : ${o.grant.grantPart}`],
    [t(locale, 'finance.amount.computed'), money(o.amount.computedCents)],
    [t(locale, 'finance.grant.awarded'), o.amount.awardedCents === null ? '' : money(o.amount.awardedCents)],
    [t(locale, 'finance.budget.planned'), money(o.budget.plannedCents)],
    [t(locale, 'finance.budget.spent'), money(o.budget.spentCents)],
    [t(locale, 'finance.partners.committed'), money(o.totals.committedCents)],
    [t(locale, 'finance.partners.confirmed'), money(o.totals.confirmedCents)],
    [t(locale, 'finance.partners.realised'), money(o.totals.realisedCents)],
    [t(locale, 'finance.export.committedRatio'), o.committed.ratioHundredths === null ? '' : ratioText(o.committed.ratioHundredths)],
    [t(locale, 'finance.export.committedShort'), money(o.committed.shortCents)],
    [t(locale, 'finance.export.realisedRatio'), o.realised.ratioHundredths === null ? '' : ratioText(o.realised.ratioHundredths)],
    [t(locale, 'finance.export.realisedShort'), money(o.realised.shortCents)],
  ];
  for (const [label, value] of lines) {
    const row = sheet.addRow([label, typeof value === 'object' ? value.value : value]);
    row.getCell(1).font = { bold: true };
    if (typeof value === 'object') row.getCell(2).numFmt = value.numFmt;
  }
  sheet.addRow([]);
  const header = sheet.addRow([
    t(locale, 'finance.partners.partner'), t(locale, 'finance.partners.committed'), t(locale, 'finance.partners.confirmed'), t(locale, 'finance.partners.realised'),
    t(locale, 'finance.partners.realisedCash'), t(locale, 'finance.partners.realisedInKind'),
  ]);
  header.font = { bold: true };
  for (const p of o.partners) {
    const row = sheet.addRow([p.name, p.committedCents / 100, p.confirmedCents / 100, p.realisedCents / 100, p.realisedCashCents / 100, p.realisedInKindCents / 100]);
    for (let i = 2; i <= 6; i++) row.getCell(i).numFmt = euroFormat;
  }
  sheet.getColumn(1).width = 40;
  for (let i = 2; i <= 6; i++) sheet.getColumn(i).width = 18;
  for (const part of exportParts) writeTable(workbook, tables[part]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
