import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCharacter, formatPassCode, hashPassSecret, newPassCode, newPassSecret, normalisePassSecret, parsePassCode } from './pass-code.js';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

test('a new code has 16 random characters and a valid check character', () => {
  const codes = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const code = newPassCode();
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{17}$/);
    assert.deepEqual(parsePassCode(code), { ok: true, code });
    codes.add(code);
  }
  assert.equal(codes.size, 1000);
});

test('the check character catches every single wrong character and every swap of neighbours but “0” and “Z”', () => {
  // Fixed codes with every character next to every other somewhere, and random ones.
  const data = [
    '0123456789ABCDEF', 'GHJKMNPQRSTVWXYZ', 'Z0Z0Z0Z0Z0Z0Z0Z0', '0Z1Y2X3W4V5T6S7R', 'FEDCBA9876543210', 'ZYXWVTSRQPNMKJHG',
    ...Array.from({ length: 50 }, () => newPassCode().slice(0, 16)),
  ];
  for (const d of data) {
    const code = d + checkCharacter(d);
    assert.ok(parsePassCode(code).ok, code);
    for (let i = 0; i < code.length; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const wrong = code.slice(0, i) + c + code.slice(i + 1);
        assert.equal(parsePassCode(wrong).ok, false, `${wrong} should fail`);
      }
      if (i + 1 < code.length && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        // Luhn mod N's one blind spot: the first and last characters of the alphabet.
        const blind = new Set([code[i], code[i + 1]]).has('0') && new Set([code[i], code[i + 1]]).has('Z');
        assert.equal(parsePassCode(swapped).ok, blind, `${swapped} ${blind ? 'passes (the known blind spot)' : 'should fail'}`);
      }
    }
  }
});

test('a code is read as people type it', () => {
  const data = '0123456789ABCDEF';
  const code = data + checkCharacter(data);
  const printed = formatPassCode(code);
  assert.equal(printed.length, 21);
  assert.deepEqual(parsePassCode(printed), { ok: true, code });
  assert.deepEqual(parsePassCode(` ${printed.toLowerCase()} `), { ok: true, code });
  assert.deepEqual(parsePassCode(printed.replace(/0/g, 'O').replace(/1/g, 'l')), { ok: true, code });
});

test('bad codes say what is wrong', () => {
  const cases: [string, string][] = [
    ['', 'empty'],
    ['  - ', 'empty'],
    ['ABCD-EFGH-JKMN-PQRS-U', 'characters'],
    ['ABCD!EFGH', 'characters'],
    ['ABCD-EFGH', 'length'],
    ['0123456789ABCDEF00', 'length'],
    ['x'.repeat(10_000), 'length'],
  ];
  for (const [input, problem] of cases) assert.deepEqual(parsePassCode(input), { ok: false, problem }, input);
  const data = '0123456789ABCDEF';
  const wrongCheck = alphabet[(alphabet.indexOf(checkCharacter(data)) + 1) % 32];
  assert.deepEqual(parsePassCode(data + wrongCheck), { ok: false, problem: 'check' });
});

test('secrets are six characters and hashed with the code', () => {
  const secret = newPassSecret();
  assert.match(secret, /^[0-9A-HJKMNP-TV-Z]{6}$/);
  assert.equal(normalisePassSecret(` ${secret.toLowerCase()} `), secret);
  assert.notEqual(hashPassSecret('A', secret), hashPassSecret('B', secret));
});
