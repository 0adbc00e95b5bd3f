import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { t, type Locale } from '../../web/i18n/index.js';
import { formatPassCode } from './pass-code.js';
import { passCardPaths, passCardUrl, printableAddress } from './pass-card-links.js';

/** One card to print: the code and secret exist in plain text only on the sheet. */
export interface PrintedCard {
  /** Position in the class (1…size), printed so a teacher can reprint a single lost card. */
  number: number;
  code: string;
  secret: string;
}

export interface CardSheetInput {
  locale: Locale;
  ecosystemName: string;
  /** The ecosystem's public base address, `https://host/e/<slug>` (see ecosystemPublicBase). */
  base: string;
  /** The class's label, such as "groep 6b"; no child's name is ever printed. */
  label: string;
  /** How many cards the class has, for "kaart 3 van 28". */
  size: number;
  cards: PrintedCard[];
}

const mm = 72 / 25.4;
// A4 with a 2 × 5 grid of cards the size of a bank card (85.6 × 54 mm): the
// grid is centred, cards touch, so one straight cut along each grid line
// separates them; marks in the margin show where the lines run.
const page = { width: 595.28, height: 841.89 };
const card = { width: 85.6 * mm, height: 54 * mm };
const columns = 2;
const rows = 5;
/** Cards per A4 sheet. */
export const cardsPerPage = columns * rows;
const grid = {
  left: (page.width - columns * card.width) / 2,
  top: (page.height - rows * card.height) / 2,
};
const padding = 4 * mm;
const qrSize = 30 * mm;

/** The QR code as filled rectangles (vector, sharp at any print size); runs of dark modules are merged into one rectangle. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  // M: about 15% may be damaged (a crease, a smudge) and the code still reads.
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2; // modules of white around the code; the card's own padding adds the rest
  const unit = size / (n + 2 * quiet);
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      // A hair wider than the module, so no white seams show between rectangles in some viewers.
      doc.rect(x + (quiet + start) * unit, y + (quiet + row) * unit, (col - start) * unit + 0.05, unit + 0.05);
    }
  }
  doc.fillColor('black').fill();
}

function drawCutMarks(doc: PDFKit.PDFDocument, pageRows: number): void {
  const length = 5 * mm;
  const gap = 1.5 * mm;
  const bottom = grid.top + pageRows * card.height;
  const right = grid.left + columns * card.width;
  doc.save().lineWidth(0.5).strokeColor('black');
  for (let c = 0; c <= columns; c++) {
    const x = grid.left + c * card.width;
    doc.moveTo(x, grid.top - gap - length).lineTo(x, grid.top - gap).stroke();
    doc.moveTo(x, bottom + gap).lineTo(x, bottom + gap + length).stroke();
  }
  for (let r = 0; r <= pageRows; r++) {
    const y = grid.top + r * card.height;
    doc.moveTo(grid.left - gap - length, y).lineTo(grid.left - gap, y).stroke();
    doc.moveTo(right + gap, y).lineTo(right + gap + length, y).stroke();
  }
  doc.restore();
}

function drawCard(doc: PDFKit.PDFDocument, input: CardSheetInput, printed: PrintedCard, x: number, y: number): void {
  const { locale } = input;
  // A light dashed outline for cutting with scissors, as teachers mostly do.
  doc.save().lineWidth(0.4).dash(2, { space: 2 }).strokeColor('#999999').rect(x, y, card.width, card.height).stroke().restore();

  const inner = { x: x + padding, y: y + padding, width: card.width - 2 * padding };
  doc.fillColor('black').font('Helvetica-Bold').fontSize(10);
  doc.text(input.ecosystemName, inner.x, inner.y, { width: inner.width, height: 12, ellipsis: true, lineBreak: false });
  doc.font('Helvetica').fontSize(7).fillColor('#333333');
  doc.text(t(locale, 'passCard.title', { number: printed.number, size: input.size, label: input.label }), inner.x, inner.y + 13, {
    width: inner.width, height: 9, ellipsis: true, lineBreak: false,
  });

  const qrTop = inner.y + 24;
  drawQr(doc, passCardUrl(input.base, printed.code), inner.x - 1.5 * mm, qrTop - 1.5 * mm, qrSize);

  const textX = inner.x + qrSize - 0.5 * mm;
  const textWidth = inner.x + inner.width - textX;
  doc.fillColor('#333333').font('Helvetica').fontSize(7).text(t(locale, 'passCard.code'), textX, qrTop, { width: textWidth });
  doc.fillColor('black').font('Courier-Bold').fontSize(9.5).text(formatPassCode(printed.code), textX, qrTop + 9, { width: textWidth, lineBreak: false });
  doc.fillColor('#333333').font('Helvetica').fontSize(7).text(t(locale, 'passCard.secret'), textX, qrTop + 25, { width: textWidth });
  doc.fillColor('black').font('Courier-Bold').fontSize(13).text(printed.secret, textX, qrTop + 34, { width: textWidth, lineBreak: false });
  doc.fillColor('#333333').font('Helvetica').fontSize(6).text(t(locale, 'passCard.secretHint'), textX, qrTop + 50, { width: textWidth });

  const footY = y + card.height - padding - 16;
  doc.fillColor('black').font('Helvetica').fontSize(6.5);
  doc.text(t(locale, 'passCard.pathPage', { address: printableAddress(input.base + passCardPaths.pathPage) }), inner.x, footY, {
    width: inner.width, height: 8, ellipsis: true, lineBreak: false,
  });
  doc.text(t(locale, 'passCard.parentPage', { address: printableAddress(input.base + passCardPaths.parentPage) }), inner.x, footY + 8, {
    width: inner.width, height: 8, ellipsis: true, lineBreak: false,
  });
}

/**
 * A PDF of cards to cut: A4, ten bank-card-sized cards a page with cut marks.
 * Each card has the ecosystem's name, the QR code of the pass's address, the
 * code as printed (groups of four), the short secret for the parent and the
 * addresses of the path page and the parent page. No names.
 */
export function renderCardSheet(input: CardSheetInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: t(input.locale, 'passCard.documentTitle', { label: input.label }), Creator: input.ecosystemName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (let first = 0; first < input.cards.length; first += cardsPerPage) {
    const onPage = input.cards.slice(first, first + cardsPerPage);
    doc.addPage();
    onPage.forEach((printed, i) => {
      drawCard(doc, input, printed, grid.left + (i % columns) * card.width, grid.top + Math.floor(i / columns) * card.height);
    });
    drawCutMarks(doc, Math.ceil(onPage.length / columns));
    doc.fillColor('#333333').font('Helvetica').fontSize(7);
    doc.text(t(input.locale, 'passCard.pageNote', { label: input.label }), grid.left, page.height - grid.top / 2 - 4, {
      width: columns * card.width, align: 'center', lineBreak: false,
    });
  }
  doc.end();
  return done;
}
