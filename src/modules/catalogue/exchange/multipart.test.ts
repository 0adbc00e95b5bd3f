import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../core/errors.js';
import { findControlCharacters } from '../../../http/validation.js';
import { multipartBody } from '../../../../test/helpers/multipart.js';
import { parseMultipart, UploadedFile } from './multipart.js';

test('fields and a file, with binary content and a path in the file name', () => {
  const data = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
  const { payload, headers } = multipartBody({ _csrf: 'abc', organisatie: '7' }, { name: 'bestand', fileName: 'C:\\map\\aanbod.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data });
  const fields = parseMultipart(payload, headers['content-type']);
  assert.equal(fields._csrf, 'abc');
  assert.equal(fields.organisatie, '7');
  const file = fields.bestand as UploadedFile;
  assert.ok(file instanceof UploadedFile);
  assert.equal(file.fileName, 'aanbod.xlsx');
  assert.deepEqual(file.data, data);
  // The bytes are not walked by the check for control characters in text fields.
  assert.equal(findControlCharacters(fields), undefined);
});

test('no file chosen, and bodies that are not multipart', () => {
  const { payload, headers } = multipartBody({ _csrf: 'abc' }, { name: 'bestand', fileName: '', type: 'application/octet-stream', data: Buffer.alloc(0) });
  assert.deepEqual(Object.keys(parseMultipart(payload, headers['content-type'])), ['_csrf']);
  assert.throws(() => parseMultipart(Buffer.from('hallo'), 'multipart/form-data; boundary=x'), AppError);
  assert.throws(() => parseMultipart(payload, 'multipart/form-data'), AppError);
  assert.throws(() => parseMultipart(Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nzonder einde'), 'multipart/form-data; boundary=x'), AppError);
});
