import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { formatDay, formatEuros, formatShortDay, formatTime } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import type { Suggestion, SuggestionKind } from '../queries/next-step-suggestions.js';
import type { DoneStep, EarnedBadge, LearningPathProgress } from '../queries/path-page.js';
import { IslandPicture, islandsOf, IslandSteps } from './path-world.js';

interface PageBase {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
}

/** The form that opens the path page: the code on the pass and its short secret. */
export function PathOpenPage(props: PageBase & { csrfToken: string; code: string; problems: FieldProblem[]; notice?: 'closed' | 'expired' | undefined }) {
  const { locale, basePath } = props;
  return (
    <Layout title={t(locale, 'path.open.title')} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <div class="narrow-form path-open">
        <h1 class="utrecht-heading-1">{t(locale, 'path.open.title')}</h1>
        {props.notice && (
          <Alert type="info" role="status">
            <p class="utrecht-paragraph">{t(locale, props.notice === 'closed' ? 'path.open.closed' : 'path.open.expired')}</p>
          </Alert>
        )}
        <p class="utrecht-paragraph utrecht-paragraph--lead">{t(locale, 'path.open.intro')}</p>
        <ErrorSummary problems={props.problems} locale={locale} title="path.open.problemsTitle" />
        <form class="utrecht-form" method="post" action={`${basePath}/mijn-pad`} novalidate>
          <CsrfField token={props.csrfToken} />
          <TextField
            locale={locale}
            name="code"
            label={t(locale, 'path.open.code')}
            hint={t(locale, 'path.open.codeHint')}
            value={props.code}
            problems={props.problems}
            maxLength={40}
            autocomplete="off"
          />
          <TextField
            locale={locale}
            name="secret"
            type="password"
            label={t(locale, 'path.open.secret')}
            hint={t(locale, 'path.open.secretHint')}
            problems={props.problems}
            maxLength={20}
            autocomplete="off"
          />
          <div class="button-row">
            <button class="utrecht-button utrecht-button--primary-action path-big-button" type="submit">
              {t(locale, 'path.open.submit')}
            </button>
          </div>
        </form>
        <p class="utrecht-paragraph">{t(locale, 'path.open.noPass')}</p>
      </div>
    </Layout>
  );
}

/** A private link that does not (or no longer) open a path: made anew, withdrawn, or mistyped. */
export function PathLinkExpiredPage(props: PageBase) {
  const { locale, basePath } = props;
  return (
    <Layout title={t(locale, 'path.link.expiredTitle')} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{t(locale, 'path.link.expiredTitle')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t(locale, 'path.link.expired')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/mijn-pad`}>
          {t(locale, 'path.link.useCode')}
        </a>
      </p>
    </Layout>
  );
}

/** The close button of a path page opened with the code: for shared phones and school computers. */
function CloseForm({ locale, basePath, csrfToken }: { locale: Locale; basePath: string; csrfToken: string }) {
  return (
    <form class="path-close" method="post" action={`${basePath}/mijn-pad/sluiten`}>
      <CsrfField token={csrfToken} />
      <p class="utrecht-paragraph" id="sluiten-uitleg">
        {t(locale, 'path.close.hint')}
      </p>
      <button class="utrecht-button utrecht-button--secondary-action path-big-button" type="submit" aria-describedby="sluiten-uitleg">
        {t(locale, 'path.close.button')}
      </button>
    </form>
  );
}

/** Said kindly, when no parent has yet agreed to the path page: what to do, and where. */
export function PathNoConsentPage(props: PageBase & { close: { csrfToken: string } | undefined }) {
  const { locale, basePath } = props;
  return (
    <Layout title={t(locale, 'path.consent.title')} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{t(locale, 'path.consent.title')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t(locale, 'path.consent.text')}</p>
      <p class="utrecht-paragraph">{t(locale, 'path.consent.why')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action path-big-button" href={`${basePath}/ouders`}>
          {t(locale, 'path.consent.parentLink')}
        </a>
      </p>
      {props.close && <CloseForm locale={locale} basePath={basePath} csrfToken={props.close.csrfToken} />}
    </Layout>
  );
}

export interface PathPageProps extends PageBase {
  nickname: string | null;
  steps: DoneStep[];
  /** More steps than the page shows. */
  truncated: boolean;
  themes: Array<{ id: number; name: string }>;
  badges: EarnedBadge[];
  paths: LearningPathProgress[];
  suggestions: Suggestion[];
  /** Set when the page was opened with the code: then it has a close button. */
  close: { csrfToken: string } | undefined;
}

const kindLabels: Record<SuggestionKind, MessageKey> = {
  curated: 'path.kind.curated',
  learning_path: 'path.kind.learningPath',
  deepen: 'path.kind.deepen',
  broaden: 'path.kind.broaden',
  on_ramp: 'path.kind.onRamp',
  nearby: 'path.kind.nearby',
};
const curatedLabels: Record<'deepen' | 'broaden' | 'on_ramp', MessageKey> = { deepen: 'path.kind.deepen', broaden: 'path.kind.broaden', on_ramp: 'path.kind.onRamp' };

function SuggestionCard({ s, locale, basePath }: { s: Suggestion; locale: Locale; basePath: string }) {
  const a = s.activity;
  const when = a.nextStartsAt;
  const label = s.curated ? curatedLabels[s.curated.kind] : kindLabels[s.kind];
  return (
    <li class={`suggestion suggestion--${s.kind.replace('_', '-')}`}>
      <p class="suggestion__kind">{t(locale, label)}</p>
      <h3 class="utrecht-heading-3">
        <a class="utrecht-link suggestion__link" href={`${basePath}/activiteiten/${a.id}`}>
          {a.title}
        </a>
      </h3>
      <p class="suggestion__why">{t(locale, s.reason.key, s.reason.params)}</p>
      {s.curated && s.curated.note && <p class="next-step__reason">{s.curated.note}</p>}
      <ul class="result-meta">
        {when && <li>{t(locale, 'search.nextSession', { date: `${formatShortDay(when, locale)} ${formatTime(when, locale)}` })}</li>}
        <li>
          {a.organisationName}
          {a.city ? `, ${a.city}` : ''}
          {a.online && !a.city ? ` (${t(locale, 'search.online')})` : ''}
        </li>
        {s.distanceKm !== undefined && <li>{t(locale, 'search.distance', { km: (Math.round(s.distanceKm * 10) / 10).toLocaleString('nl-NL') })}</li>}
        <li>{a.priceCents === 0 ? t(locale, 'search.free') : t(locale, 'price.amount', { amount: formatEuros(a.priceCents, locale) })}</li>
      </ul>
    </li>
  );
}

/** The medal beside each badge: decoration only, the name says what it is. */
function Medal() {
  return (
    <svg class="badge-card__medal" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <path class="badge-card__ribbon" d="M14 2h8l6 16h-8zM34 2h-8l-6 16h8z" />
      <circle class="badge-card__disc" cx="24" cy="30" r="15" />
      <path class="badge-card__star" d="M24 21l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z" />
    </svg>
  );
}

/** The child's path page: the world of islands, the badges, the learning paths under way, and what to do next. */
export function PathPage(props: PathPageProps) {
  const { locale, basePath } = props;
  const islands = islandsOf(props.steps, props.themes, t(locale, 'path.world.other'));
  const title = props.nickname ? t(locale, 'path.titleNamed', { name: props.nickname }) : t(locale, 'path.title');
  const stepCount = props.steps.length;
  return (
    <Layout title={title} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">
        {stepCount === 0
          ? t(locale, 'path.summary.none')
          : t(locale, stepCount === 1 ? 'path.summary.one' : 'path.summary', { n: stepCount, islands: islands.length })}
      </p>

      <section class="path-section" aria-labelledby="wereld">
        <h2 class="utrecht-heading-2" id="wereld">
          {t(locale, 'path.world.title')}
        </h2>
        {stepCount === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'path.world.empty')}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">{t(locale, 'path.world.intro')}</p>
            <ul class="path-world">
              {islands.map((island, i) => (
                <li class={`path-island path-island--c${island.colour}`}>
                  <h3 class="utrecht-heading-3 path-island__name" id={`eiland-${i}`}>
                    {island.name}
                  </h3>
                  <p class="path-island__count">{t(locale, island.steps.length === 1 ? 'path.world.stepsOne' : 'path.world.steps', { n: island.steps.length })}</p>
                  <IslandPicture island={island} locale={locale} titleId={`eiland-${i}-tekening`} />
                  <IslandSteps island={island} locale={locale} basePath={basePath} />
                </li>
              ))}
            </ul>
            {props.truncated && <p class="utrecht-paragraph muted">{t(locale, 'path.world.truncated', { n: stepCount })}</p>}
          </>
        )}
      </section>

      <section class="path-section" aria-labelledby="volgende">
        <h2 class="utrecht-heading-2" id="volgende">
          {t(locale, 'path.next.title')}
        </h2>
        {props.suggestions.length === 0 ? (
          <p class="utrecht-paragraph">
            {t(locale, 'path.next.none')}{' '}
            <a class="utrecht-link" href={`${basePath}/zoeken`}>
              {t(locale, 'path.next.finder')}
            </a>
          </p>
        ) : (
          <ul class="suggestion-list">
            {props.suggestions.map((s) => (
              <SuggestionCard s={s} locale={locale} basePath={basePath} />
            ))}
          </ul>
        )}
      </section>

      <section class="path-section" aria-labelledby="leerroutes">
        <h2 class="utrecht-heading-2" id="leerroutes">
          {t(locale, 'path.routes.title')}
        </h2>
        {props.paths.length === 0 ? (
          <p class="utrecht-paragraph">
            {t(locale, 'path.routes.none')}{' '}
            <a class="utrecht-link" href={`${basePath}/leerroutes`}>
              {t(locale, 'path.routes.all')}
            </a>
          </p>
        ) : (
          <ul class="route-progress-list">
            {props.paths.map((p, i) => {
              const next = p.steps.find((s) => !s.done);
              return (
                <li class="route-progress">
                  <h3 class="utrecht-heading-3">
                    <a class="utrecht-link" href={`${basePath}/leerroutes/${p.slug}`}>
                      {p.title}
                    </a>
                  </h3>
                  <p class="route-progress__count" id={`route-${i}-voortgang`}>
                    {t(locale, 'path.routes.progress', { done: p.done, total: p.total })}
                  </p>
                  <progress class="route-progress__bar" max={p.total} value={p.done} aria-labelledby={`route-${i}-voortgang`}>
                    {t(locale, 'path.routes.progress', { done: p.done, total: p.total })}
                  </progress>
                  <p class="utrecht-paragraph">
                    {next ? t(locale, p.ordered ? 'path.routes.nextOrdered' : 'path.routes.nextFree', { title: next.title }) : t(locale, 'path.routes.complete')}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section class="path-section" aria-labelledby="insignes">
        <h2 class="utrecht-heading-2" id="insignes">
          {t(locale, 'path.badges.title')}
        </h2>
        {props.badges.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'path.badges.none')}</p>
        ) : (
          <ul class="badge-cards">
            {props.badges.map((b) => (
              <li class="badge-card">
                <Medal />
                <a class="utrecht-link badge-card__link" href={`${basePath}/insignes/${b.id}`}>
                  {b.name}
                </a>
                <span class="badge-card__date">
                  {t(locale, 'path.badges.earned')} <time dateTime={b.issuedAt.toISOString()}>{formatDay(b.issuedAt, locale)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {props.close ? (
        <CloseForm locale={locale} basePath={basePath} csrfToken={props.close.csrfToken} />
      ) : (
        <p class="utrecht-paragraph muted path-close">{t(locale, 'path.privateLinkNote')}</p>
      )}
    </Layout>
  );
}
