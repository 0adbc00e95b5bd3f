import type { Locale } from './i18n/index.js';

/** Dates and prices as people in the Netherlands read them; times are always Amsterdam time. */
const timeZone = 'Europe/Amsterdam';
const tags: Record<Locale, string> = { nl: 'nl-NL' };
const tag = (locale: Locale) => tags[locale];

export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function formatShortDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}

export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** `14,50` or `25`: cents as euros, without a decimal part when whole. */
export function formatEuros(cents: number, locale: Locale): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** The calendar day in Amsterdam as yyyy-mm-dd (for date inputs and `from`/`to`). */
// en-CA formats as yyyy-mm-dd, the ISO form date inputs need. Made once: building a formatter costs far more
// than using one, and every check-in asks for three days (bench:scan).
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

// Amsterdam's offsets from UTC are whole hours, so a calendar day there always starts on a UTC hour: the day of
// any moment is the day of its hour. Remembering it per hour saves the formatter on nearly every call.
const dayOfHour = new Map<number, string>();

export function isoDay(date: Date): string {
  const hour = Math.floor(date.getTime() / 3_600_000);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    day = isoDayFormat.format(date);
    if (dayOfHour.size >= 10_000) dayOfHour.clear();
    dayOfHour.set(hour, day);
  }
  return day;
}
