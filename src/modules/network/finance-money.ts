/**
 * Money and time in whole numbers: cents and hundredths of an hour. Every sum
 * and ratio here is integer arithmetic (BigInt where a product could pass 2^53),
 * so no total ever drifts by a cent.
 */

/** An amount, or hours × hourly rate. */
export type Value = { amountCents: number } | { hoursHundredths: number; hourlyRateCents: number };

/** Highest value of one entry (a contribution, an expense, a budget year): € 10 million. */
export const maxEntryCents = 1_000_000_000;

/**
 * The value in cents: the amount, or hours × rate rounded half up to the cent.
 * The database computes the same in the generated column `value_cents`.
 */
export function valueOf(value: Value): number {
  if ('amountCents' in value) return value.amountCents;
  return Number((BigInt(value.hoursHundredths) * BigInt(value.hourlyRateCents) + 50n) / 100n);
}

/** A row's value columns back to a Value. */
export function valueFromRow(row: { amount_cents: number | null; hours_hundredths: number | null; hourly_rate_cents: number | null }): Value {
  if (row.amount_cents !== null) return { amountCents: row.amount_cents };
  return { hoursHundredths: row.hours_hundredths ?? 0, hourlyRateCents: row.hourly_rate_cents ?? 0 };
}

/** A sum or a bigint column as the drivers return it (text from pg, a number from PGlite), as a safe integer. */
export function cents(value: string | number | bigint | null | undefined): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new Error(`not a whole number of cents: ${String(value)}`);
  return n;
}

/** Adds integer cents, refusing anything that is not a safe integer. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) throw new Error('sum out of range');
  }
  return total;
}

/** The required co-financing for an amount of grant, rounded up to the cent: grant × cofinancing / grant part. */
export function requiredCofinancing(grantCents: number, ratio: { cofinancingPart: number; grantPart: number }): number {
  const numerator = BigInt(grantCents) * BigInt(ratio.cofinancingPart);
  const denominator = BigInt(ratio.grantPart);
  return Number((numerator + denominator - 1n) / denominator);
}

/** Co-financing per euro of grant, in hundredths (0,52 : 1 is 52), rounded down; null when there is no grant to compare with. */
export function ratioHundredths(cofinancingCents: number, grantCents: number): number | null {
  if (grantCents <= 0) return null;
  return Number((BigInt(cofinancingCents) * 100n) / BigInt(grantCents));
}

/** Where the co-financing stands against what is required. */
export interface CofinancingCheck {
  /** Co-financing counted (committed, or realised). */
  cofinancingCents: number;
  /** The grant compared with (awarded, or spent). */
  grantCents: number;
  requiredCents: number;
  /** What is still missing; 0 when it meets the requirement. */
  shortCents: number;
  meets: boolean;
  /** Co-financing per euro of grant in hundredths; null without grant. */
  ratioHundredths: number | null;
}

export function checkCofinancing(cofinancingCents: number, grantCents: number, ratio: { cofinancingPart: number; grantPart: number }): CofinancingCheck {
  const requiredCents = requiredCofinancing(grantCents, ratio);
  const shortCents = Math.max(0, requiredCents - cofinancingCents);
  return { cofinancingCents, grantCents, requiredCents, shortCents, meets: shortCents === 0, ratioHundredths: ratioHundredths(cofinancingCents, grantCents) };
}

/** "7,25" from 725 hundredths: hours as people write them, without trailing zeros. */
export function hoursText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  return `${whole},${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** "1.250,50" (or "1.250" when whole): cents as a Dutch amount without the euro sign, for forms and pages. */
export function eurosText(cents: number, o: { alwaysDecimals?: boolean } = {}): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = abs % 100;
  const text = rest === 0 && !o.alwaysDecimals ? whole : `${whole},${String(rest).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** "€ 1.250,50": an amount for reading; a no-break space keeps the sign with the number when a table cell wraps. */
export function money(cents: number): string {
  return `€\u00a0${eurosText(cents, { alwaysDecimals: cents % 100 !== 0 })}`;
}

/** "0,52 : 1" from 52 hundredths. */
export function ratioText(hundredths: number): string {
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')} : 1`;
}

/** A percentage of a whole, rounded down, for bars and "63% besteed"; 0 when the whole is 0. */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number((BigInt(Math.max(0, part)) * 100n) / BigInt(whole));
}
