import type { ThemeRef } from '../../../core/tenancy.js';
import { formatEuros, formatShortDay, formatTime } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { SearchHit } from '../queries/activity-search.js';

export interface ResultCardProps {
  hit: SearchHit;
  locale: Locale;
  href: string;
  themes: ThemeRef[];
  headingLevel: 2 | 3;
}

/** One activity in a list of results: what, for whom, when, where and what it costs. */
export function ResultCard({ hit, locale, href, themes, headingLevel }: ResultCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const themeNames = hit.themeIds.map((id) => themes.find((th) => th.id === id)?.name).filter(Boolean);
  const next = hit.nextSessionAt ? new Date(hit.nextSessionAt) : null;
  return (
    <article class="result-card">
      <Heading class={headingLevel === 2 ? 'utrecht-heading-2' : 'utrecht-heading-3'}>
        <a class="utrecht-link" href={href}>
          {hit.title}
        </a>
      </Heading>
      {hit.summary && <p class="utrecht-paragraph">{hit.summary}</p>}
      <ul class="result-meta">
        <li>{t(locale, 'search.ages', { min: hit.minAge, max: hit.maxAge })}</li>
        <li>{t(locale, `format.${hit.format}` as never)}</li>
        <li>
          {next
            ? t(locale, 'search.nextSession', { date: `${formatShortDay(next, locale)} ${formatTime(next, locale)}` })
            : t(locale, 'search.noSessions')}
        </li>
        <li>
          {hit.organisationName}
          {hit.city ? `, ${hit.city}` : ''}
          {hit.online && !hit.city ? ` (${t(locale, 'search.online')})` : ''}
        </li>
        {hit.distanceKm !== null && <li>{t(locale, 'search.distance', { km: hit.distanceKm.toLocaleString('nl-NL') })}</li>}
      </ul>
      <p class="result-tags">
        {hit.priceCents === 0 ? (
          <span class="tag tag--free">{t(locale, 'search.free')}</span>
        ) : (
          <span class="tag">{t(locale, 'price.amount', { amount: formatEuros(hit.priceCents, locale) })}</span>
        )}
        {themeNames.map((name) => (
          <span class="tag">{name}</span>
        ))}
      </p>
    </article>
  );
}
