import type { ThemeRef } from '../../../core/tenancy.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { ThemeWithCount } from '../queries/activity-reader.js';
import type { SearchHit } from '../queries/activity-search.js';
import { ResultCard } from './result-card.js';

export interface HomePageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  themes: ThemeWithCount[];
  themeRefs: ThemeRef[];
  soon: SearchHit[];
}

/** The wegwijzer's front door: a quick search, the themes, and what is on soon. */
export function HomePage(props: HomePageProps) {
  const { locale, basePath, ecosystem } = props;
  return (
    <Layout title={t(locale, 'nav.home')} locale={locale} ecosystem={ecosystem} basePath={basePath} current="home" description={t(locale, 'home.intro')}>
      <section class="home-hero">
        <h1 class="utrecht-heading-1">{t(locale, 'home.title', { name: ecosystem.name })}</h1>
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t(locale, 'home.intro')}</p>
        <form class="utrecht-form quick-search" method="get" action={`${basePath}/zoeken`} role="search" aria-label={t(locale, 'search.form')}>
          <div class="utrecht-form-field utrecht-form-field--text">
            <label class="utrecht-form-label" for="snel-q">
              {t(locale, 'search.words')}
            </label>
            <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="snel-q" name="q" />
          </div>
          <div class="utrecht-form-field utrecht-form-field--text">
            <label class="utrecht-form-label" for="snel-age">
              {t(locale, 'search.age')}
            </label>
            <input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm" type="text" inputMode="numeric" id="snel-age" name="age" size={4} />
          </div>
          <div class="utrecht-form-field utrecht-form-field--text">
            <label class="utrecht-form-label" for="snel-postcode">
              {t(locale, 'search.postcode')}
            </label>
            <input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm" type="text" id="snel-postcode" name="postcode" autocomplete="postal-code" size={7} />
          </div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {t(locale, 'search.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="themas">
        <h2 class="utrecht-heading-2" id="themas">
          {t(locale, 'home.themes')}
        </h2>
        <ul class="theme-grid">
          {props.themes.map((theme) => (
            <li>
              <a class="theme-card" href={`${basePath}/zoeken?theme=${encodeURIComponent(theme.slug)}`}>
                <span class="theme-card__name">{theme.name}</span>
                {theme.description && <span class="theme-card__description">{theme.description}</span>}
                <span class="theme-card__count">{t(locale, 'home.activitiesInTheme', { count: theme.activityCount })}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="binnenkort">
        <h2 class="utrecht-heading-2" id="binnenkort">
          {t(locale, 'home.soon')}
        </h2>
        {props.soon.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'home.soonEmpty')}</p>
        ) : (
          <ul class="result-list">
            {props.soon.map((hit) => (
              <li>
                <ResultCard hit={hit} locale={locale} href={`${basePath}/activiteiten/${hit.id}`} themes={props.themeRefs} headingLevel={3} />
              </li>
            ))}
          </ul>
        )}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`${basePath}/zoeken`}>
            {t(locale, 'home.searchAll')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
