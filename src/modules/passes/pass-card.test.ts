import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { extractText, getDocumentProxy } from 'unpdf';
import { openCards, parseCardNumbers, sealCards } from './commands/batch-sheets.js';
import { codeFromScan, ecosystemPublicBase, passCardUrl } from './pass-card-links.js';
import { renderCardSheet } from './pass-card-pdf.js';
import { formatPassCode, newPassCode, newPassSecret, parsePassCode } from './pass-code.js';
import { UnknownCodeGuard } from './scan-guard.js';

// The decoder the scan page loads in browsers without BarcodeDetector (src/web/islands/qr-decoder.ts).
const jsQR = jsQRModule.default;

/** The QR code of `text` as RGBA pixels, as a camera frame of a printed card would give them (scaled, with a white border). */
function qrImage(text: string, scale = 4, border = 4) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = (n + 2 * border) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / scale) - border;
      const col = Math.floor(x / scale) - border;
      if (row >= 0 && col >= 0 && row < n && col < n && qr.modules.get(row, col)) {
        const i = (y * size + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, width: size, height: size };
}

describe('the QR code on a card', () => {
  test('holds the landing page address, which the scan page’s decoder reads back to the code', () => {
    const base = ecosystemPublicBase('https://leren.example.org/', 'twente');
    for (let i = 0; i < 5; i++) {
      const code = newPassCode();
      const url = passCardUrl(base, code);
      assert.equal(url, `https://leren.example.org/e/twente/pas/${code}`);
      const image = qrImage(url);
      const read = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      assert.equal(read?.data, url);
      const parsed = parsePassCode(codeFromScan(read!.data));
      assert.ok(parsed.ok);
      assert.equal(parsed.code, code);
    }
  });

  test('what a scanner may read: an address, with or without a query or slash, or the code itself', () => {
    const code = newPassCode();
    const cases: Array<[string, string]> = [
      [`https://leren.example.org/e/proef/pas/${code}`, code],
      [`https://proef.example.org/pas/${code}/`, code],
      [`https://leren.example.org/e/proef/pas/${code}?utm=x`, code],
      [`  ${formatPassCode(code)}  `, formatPassCode(code)],
      ['https://example.org/iets-anders', 'https://example.org/iets-anders'],
    ];
    for (const [text, want] of cases) assert.equal(codeFromScan(text), want, text);
    assert.equal(parsePassCode(codeFromScan('https://example.org/iets-anders')).ok, false);
  });

  test('a sheet of 23 cards has 3 pages, every code on its page and every card its own QR payload', async () => {
    const cards = Array.from({ length: 23 }, (_, i) => ({ number: i + 1, code: newPassCode(), secret: newPassSecret() }));
    const pdf = await renderCardSheet({ locale: 'nl', ecosystemName: 'Leerregio Zuid', base: 'https://leren.example.org/e/zuid', label: 'groep 8a', size: 23, cards });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    assert.equal(totalPages, 3);
    for (const [i, card] of cards.entries()) {
      const page = (text as string[])[Math.floor(i / 10)]!;
      assert.ok(page.includes(formatPassCode(card.code)), `code of card ${card.number}`);
      assert.ok(page.includes(card.secret), `secret of card ${card.number}`);
    }
    assert.match((text as string[])[2]!, /kaart 23 van 23 · groep 8a/);
  });
});

describe('sealed card sheets', () => {
  test('open only with their own key; a changed byte or another key gives nothing', () => {
    const cards = [{ number: 1, code: newPassCode(), secret: newPassSecret() }];
    const { sealed, key } = sealCards(cards);
    assert.deepEqual(openCards(sealed, key), cards);
    assert.ok(!sealed.includes(cards[0]!.code) && !sealed.includes(cards[0]!.secret));
    assert.equal(openCards(sealed, sealCards(cards).key), undefined);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    assert.equal(openCards(bytes.toString('base64url'), key), undefined);
    assert.equal(openCards(sealed, 'kort'), undefined);
  });

  test('card numbers as a teacher types them', () => {
    const ok: Array<[string, number[] | 'all']> = [
      ['', 'all'],
      ['  ', 'all'],
      ['3', [3]],
      ['3, 7', [3, 7]],
      ['7 3 3', [3, 7]],
      ['3-5', [3, 4, 5]],
      ['1-2; 10', [1, 2, 10]],
      ['2 – 4', [2, 3, 4]],
    ];
    for (const [input, numbers] of ok) assert.deepEqual(parseCardNumbers(input, 10), { numbers }, input);
    for (const input of ['0', '11', '5-3', 'drie', '3,,x', '-2', '1.5', '1000']) {
      const parsed = parseCardNumbers(input, 10);
      assert.ok('problem' in parsed && parsed.problem.key === 'batch.reprint.cardsInvalid', input);
    }
  });
});

describe('the guard against guessing codes', () => {
  test('pauses an actor after their limit, an address after its own, for one window', () => {
    let now = 1_000_000;
    const guard = new UnknownCodeGuard({ perActor: 3, perAddress: 5, windowMs: 60_000 }, () => now);
    assert.equal(guard.blocked('u1', '10.0.0.1'), false);
    assert.deepEqual([guard.note('u1', '10.0.0.1'), guard.note('u1', '10.0.0.1')].map((r) => r.limitReached), [false, false]);
    assert.equal(guard.note('u1', '10.0.0.1').limitReached, true, 'the third reaches the limit, once');
    assert.equal(guard.blocked('u1', '10.0.0.2'), true, 'the person, from anywhere');
    assert.equal(guard.blocked('u2', '10.0.0.1'), false, 'someone else at the same address, still under its limit');
    guard.note('u2', '10.0.0.1');
    assert.equal(guard.note('u3', '10.0.0.1').limitReached, true, 'the address reaches its own limit');
    assert.equal(guard.blocked(undefined, '10.0.0.1'), true);
    assert.equal(guard.retryAfterSeconds('u1', '10.0.0.1'), 60);
    now += 60_001;
    assert.equal(guard.blocked('u1', '10.0.0.1'), false, 'a new window');
  });
});
