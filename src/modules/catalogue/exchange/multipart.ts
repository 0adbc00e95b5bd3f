import { errors } from '../../../core/errors.js';

/**
 * A file from a form. The bytes sit in a private field, so code that walks
 * every value of a request body (the control-character check) skips them.
 */
export class UploadedFile {
  readonly #data: Buffer;
  constructor(
    readonly fileName: string,
    readonly contentType: string,
    data: Buffer,
  ) {
    this.#data = data;
  }
  get data(): Buffer {
    return this.#data;
  }
}

const maxParts = 20;

/**
 * Reads a multipart/form-data body (RFC 7578) with text fields and files. The
 * platform takes one spreadsheet per form, so a small reader of our own does
 * where @fastify/multipart with its streaming would add a dependency; the body
 * is already limited in size by the route.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string | UploadedFile> {
  const match = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw errors.invalidInput([{ field: 'body', key: 'field.invalidFormat' }]);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string | UploadedFile> = {};
  let position = body.indexOf(delimiter);
  if (position < 0) throw errors.invalidInput([{ field: 'body', key: 'field.invalidFormat' }]);
  for (let parts = 0; parts <= maxParts; parts++) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return fields; // the closing delimiter
    const headerStart = afterDelimiter + 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) break;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined && !(name in fields)) {
      if (fileName !== undefined) {
        const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
        // Browsers send an empty part with an empty name when no file was chosen.
        if (fileName !== '' || content.length > 0) fields[name] = new UploadedFile(fileName.replace(/^.*[\\/]/, ''), type, Buffer.from(content));
      } else {
        fields[name] = content.toString('utf8');
      }
    }
    position = next + 2;
  }
  throw errors.invalidInput([{ field: 'body', key: 'field.invalidFormat' }]);
}
