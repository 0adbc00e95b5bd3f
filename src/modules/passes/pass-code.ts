import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from a
// card is hard to get wrong, and the letters that look alike are read as the digit.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const valueOf = new Map([...alphabet].map((c, i) => [c, i] as const));
const lookAlikes: Record<string, string> = { I: '1', L: '1', O: '0' };

/** Random characters in a code: 16 × 5 = 80 bits, too many to guess. */
export const codeDataLength = 16;

/**
 * The Luhn mod N check character (N = 32): catches every single wrong
 * character, and every swap of two neighbouring characters but one: "0"
 * and "Z" swapped (as Luhn's 09 ↔ 90 in base 10). Both weigh the same
 * once doubled and folded, a known limit of the algorithm; such a swap is
 * then a valid code that, with 80 random bits, almost surely belongs to no pass.
 */
export function checkCharacter(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    let addend = factor * valueOf.get(data[i]!)!;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return alphabet[(32 - (sum % 32)) % 32]!;
}

function randomCharacters(n: number): string {
  const bytes = randomBytes(n);
  // 256 is a multiple of 32, so taking the low five bits keeps every character equally likely.
  return Array.from(bytes, (b) => alphabet[b & 31]).join('');
}

/** A new pass code, normalised (17 characters, no separators). */
export function newPassCode(): string {
  const data = randomCharacters(codeDataLength);
  return data + checkCharacter(data);
}

/** The short secret printed beside the code, which with the code opens the path page. */
export function newPassSecret(): string {
  return randomCharacters(6);
}

export function hashPassSecret(code: string, secret: string): string {
  return createHash('sha256').update(`${code}:${secret}`).digest('hex');
}

export type CodeProblem = 'empty' | 'characters' | 'length' | 'check';

/**
 * Reads a code as typed or scanned: case, spaces and dashes do not matter and
 * I, L and O count as 1, 1 and 0. Returns the normalised code or what is wrong.
 */
export function parsePassCode(input: string): { ok: true; code: string } | { ok: false; problem: CodeProblem } {
  const cleaned = input.slice(0, 200).toUpperCase().replace(/[\s-]/g, '');
  if (cleaned === '') return { ok: false, problem: 'empty' };
  const mapped = [...cleaned].map((c) => lookAlikes[c] ?? c).join('');
  if (![...mapped].every((c) => valueOf.has(c))) return { ok: false, problem: 'characters' };
  if (mapped.length !== codeDataLength + 1) return { ok: false, problem: 'length' };
  if (checkCharacter(mapped.slice(0, codeDataLength)) !== mapped[codeDataLength]) return { ok: false, problem: 'check' };
  return { ok: true, code: mapped };
}

/** Reads the short secret as typed: case, spaces and look-alike letters do not matter. */
export function normalisePassSecret(input: string): string {
  return [...input.slice(0, 50).toUpperCase().replace(/[\s-]/g, '')].map((c) => lookAlikes[c] ?? c).join('');
}

/** The code as printed: groups of four, the check character on its own at the end. */
export function formatPassCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12, 16)}-${code.slice(16)}`;
}
