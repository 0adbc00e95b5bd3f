import { formatDay } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { ManageContext } from '../../catalogue/views/manage-components.js';
import { hoursText, money } from '../finance-money.js';

export type { ManageContext };
// The network's pages and the finance pages share their links.
export { BackLink, ButtonLink } from './network-layout.js';

/** A day (yyyy-mm-dd) as people read it: "1 augustus 2026". */
export function dayLabel(day: string, locale: Locale): string {
  // Noon UTC is the same calendar day in Amsterdam all year round.
  return formatDay(new Date(`${day}T12:00:00Z`), locale).replace(/^\p{L}+ /u, '');
}

export function periodLabel(from: string, to: string | null, locale: Locale): string {
  return to ? t(locale, 'finance.period', { from: dayLabel(from, locale), to: dayLabel(to, locale) }) : t(locale, 'finance.periodOpen', { from: dayLabel(from, locale) });
}

/** An amount, or hours × rate = value: what a contribution or an expense is worth and how. */
export function ValueText(props: { locale: Locale; amountCents: number | null; hoursHundredths: number | null; hourlyRateCents: number | null; valueCents: number }) {
  if (props.amountCents !== null) return <>{money(props.valueCents)}</>;
  return (
    <>
      {money(props.valueCents)}
      <br />
      <span class="hint">{t(props.locale, 'finance.hoursTimesRate', { hours: hoursText(props.hoursHundredths ?? 0), rate: money(props.hourlyRateCents ?? 0) })}</span>
    </>
  );
}

/** A status in words, with a class for its border (colour is never the only cue). */
export function Tag({ locale, kind, label }: { locale: Locale; kind: string; label: MessageKey }) {
  return <span class={`tag status-tag status-tag--${kind}`}>{t(locale, label)}</span>;
}

/** "Bevestigd door … op …", or a tag saying it still waits for the partner. */
export function ConfirmationText({ locale, confirmedAt, confirmedByName }: { locale: Locale; confirmedAt: Date | null; confirmedByName: string }) {
  if (!confirmedAt) return <Tag locale={locale} kind="waiting" label="finance.unconfirmed" />;
  return (
    <>
      <Tag locale={locale} kind="confirmed" label="finance.confirmed" />
      <br />
      <span class="hint">{t(locale, 'finance.confirmedBy', { name: confirmedByName, date: formatDay(confirmedAt, locale) })}</span>
    </>
  );
}
