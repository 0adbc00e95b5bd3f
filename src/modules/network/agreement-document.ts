import type { FieldProblem } from '../../core/errors.js';

/** The largest signed agreement we store: 10 MB holds a scanned convenant of many pages. */
export const maxDocumentBytes = 10 * 1024 * 1024;
export const maxDocumentText = '10 MB';

// What browsers and mail programs label a PDF with; anything else is refused before the bytes are even looked at.
const pdfTypes = new Set(['application/pdf', 'application/x-pdf', 'application/acrobat', 'application/octet-stream']);

/**
 * Whether an upload is a PDF we can keep: the label the browser gave it, the
 * "%PDF-" signature at the start and the "%%EOF" marker near the end (so a
 * truncated upload or a renamed Word file is refused), and the size.
 */
export function checkPdf(file: { contentType: string; data: Buffer } | undefined): FieldProblem | undefined {
  const field = 'document';
  if (!file) return { field, key: 'finance.field.document.missing' };
  if (file.data.length === 0) return { field, key: 'finance.field.document.empty' };
  if (file.data.length > maxDocumentBytes) return { field, key: 'finance.field.document.tooLarge', params: { max: maxDocumentText } };
  if (!pdfTypes.has(file.contentType.toLowerCase())) return { field, key: 'finance.field.document.notPdf' };
  if (!file.data.subarray(0, 1024).toString('latin1').includes('%PDF-')) return { field, key: 'finance.field.document.notPdf' };
  if (!file.data.subarray(Math.max(0, file.data.length - 2048)).toString('latin1').includes('%%EOF')) return { field, key: 'finance.field.document.notPdf' };
  return undefined;
}

/** A file name safe to store and to send back in a Content-Disposition header: no path, no quotes or control characters. */
export function cleanFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"\\]/g, '').trim().slice(0, 200);
  if (base === '') return 'overeenkomst.pdf';
  return /\.pdf$/i.test(base) ? base : `${base.slice(0, 196)}.pdf`;
}
