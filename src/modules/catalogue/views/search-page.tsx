import type { FieldProblem } from '../../../core/errors.js';
import type { ThemeRef } from '../../../core/tenancy.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { SearchResult } from '../queries/activity-search.js';
import { searchQueryString, type RawQuery, type SearchParams } from '../queries/search-params.js';
import { ResultCard } from './result-card.js';
import { ErrorSummary, SearchForm } from './search-form.js';

export interface SearchPageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  raw: RawQuery;
  params: SearchParams | undefined;
  problems: FieldProblem[];
  result: SearchResult | undefined;
  themes: ThemeRef[];
  places: string[];
  originLabel: string | undefined;
}

export function SearchPage(props: SearchPageProps) {
  const { locale, basePath, params, result } = props;
  const query = params ? searchQueryString(params, { page: 1 }) : '';
  const title = params?.q ? t(locale, 'search.titleWith', { q: params.q }) : t(locale, 'search.title');
  const pages = result ? Math.max(1, Math.ceil(result.total / result.perPage)) : 1;
  return (
    <Layout
      title={props.problems.length > 0 ? `${t(locale, 'search.problems')}: ${t(locale, 'search.title')}` : title}
      locale={locale}
      ecosystem={props.ecosystem}
      basePath={basePath}
      current="search"
      description={t(locale, 'home.intro')}
    >
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary problems={props.problems} locale={locale} title="search.problems" />
      {result && (
        <p class="to-results">
          <a class="utrecht-link" href="#resultaten">
            {t(locale, 'search.toResults')}
          </a>
        </p>
      )}
      <div class="search-layout">
        <SearchForm
          locale={locale}
          action={`${basePath}/zoeken`}
          raw={props.raw}
          themes={props.themes}
          places={props.places}
          problems={props.problems}
          withSort
        />
        <section class="search-results" id="resultaten" tabIndex={-1} aria-labelledby="resultaten-titel">
          <h2 class="visually-hidden" id="resultaten-titel">
            {t(locale, 'search.resultsHeading')}
          </h2>
          {result && params && (
            <>
              <p class="result-summary" role="status">
                {result.total === 0
                  ? t(locale, 'search.resultsNone')
                  : result.totalCapped
                    ? t(locale, 'search.resultsMany', { count: result.total.toLocaleString('nl-NL') })
                    : result.total === 1
                      ? t(locale, 'search.resultsOne')
                      : t(locale, 'search.results', { count: result.total.toLocaleString('nl-NL') })}
                {props.originLabel && ` ${t(locale, 'search.within', { km: params.km, origin: props.originLabel })}`}
                {' '}
                <a class="utrecht-link" href={`${basePath}/kaart${query}`}>
                  {t(locale, 'search.showOnMap')}
                </a>
              </p>
              <ol class="result-list">
                {result.hits.map((hit) => (
                  <li>
                    <ResultCard
                      hit={hit}
                      locale={locale}
                      href={`${basePath}/activiteiten/${hit.id}${query}`}
                      themes={props.themes}
                      headingLevel={3}
                    />
                  </li>
                ))}
              </ol>
              {pages > 1 && <Pagination locale={locale} basePath={basePath} params={params} page={result.page} pages={pages} />}
            </>
          )}
        </section>
      </div>
    </Layout>
  );
}

function Pagination({ locale, basePath, params, page, pages }: { locale: Locale; basePath: string; params: SearchParams; page: number; pages: number }) {
  const href = (p: number) => `${basePath}/zoeken${searchQueryString(params, { page: p })}`;
  // First, last and a window around the current page; gaps shown as an ellipsis.
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t(locale, 'search.pagination')}>
      <p class="utrecht-paragraph">{t(locale, 'search.pageOf', { page, pages })}</p>
      <ul class="pagination__list">
        {page > 1 && (
          <li>
            <a class="utrecht-link pagination__link" href={href(page - 1)} rel="prev">
              {t(locale, 'search.previous')}
            </a>
          </li>
        )}
        {shown.map((p, i) => (
          <>
            {i > 0 && p - shown[i - 1]! > 1 && (
              <li aria-hidden="true" class="pagination__gap">
                …
              </li>
            )}
            <li>
              {p === page ? (
                <span class="pagination__current" aria-current="page">
                  <span class="visually-hidden">{t(locale, 'search.currentPage')} </span>
                  {p}
                </span>
              ) : (
                <a class="utrecht-link pagination__link" href={href(p)} aria-label={t(locale, 'search.goToPage', { page: p })}>
                  {p}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pages && (
          <li>
            <a class="utrecht-link pagination__link" href={href(page + 1)} rel="next">
              {t(locale, 'search.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
