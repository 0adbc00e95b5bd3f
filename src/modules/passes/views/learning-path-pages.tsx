import { formatShortDay, formatTime } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import type { LearningPath } from '../db/schema.js';
import type { LearningPathStepView, LearningPathSummary } from '../queries/learning-path-queries.js';

interface PageBase {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
}

/** Every published learning path of the ecosystem. */
export function LearningPathListPage(props: PageBase & { paths: LearningPathSummary[] }) {
  const { locale, basePath } = props;
  return (
    <Layout title={t(locale, 'learningPaths.public.listTitle')} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{t(locale, 'learningPaths.public.listTitle')}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{t(locale, 'learningPaths.public.listIntro')}</p>
      {props.paths.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'learningPaths.public.none')}</p>
      ) : (
        <ul class="result-list">
          {props.paths.map((p) => (
            <li class="result-card">
              <h2 class="utrecht-heading-2">
                <a class="utrecht-link" href={`${basePath}/leerroutes/${p.slug}`}>
                  {p.title}
                </a>
              </h2>
              {p.description && <p class="utrecht-paragraph">{p.description.length > 240 ? `${p.description.slice(0, 237)}…` : p.description}</p>}
              <ul class="result-meta">
                <li>{t(locale, 'learningPaths.public.stepCount', { n: p.stepCount })}</li>
                {p.themeName && <li>{p.themeName}</li>}
                <li>{t(locale, p.ordered ? 'learningPaths.public.ordered' : 'learningPaths.public.free')}</li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One published learning path: what it is, its steps with links to the activities, and the badge at the end. */
export function LearningPathPublicPage(props: PageBase & { path: LearningPath & { themeName: string | null }; steps: LearningPathStepView[] }) {
  const { locale, basePath, path, steps } = props;
  const List = path.ordered ? 'ol' : 'ul';
  return (
    <Layout title={path.title} locale={locale} ecosystem={props.ecosystem} basePath={basePath} description={path.description.slice(0, 160) || undefined}>
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}/leerroutes`}>
          {t(locale, 'learningPaths.public.all')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{path.title}</h1>
      {path.description && <p class="utrecht-paragraph utrecht-paragraph--lead">{path.description}</p>}
      <ul class="result-meta">
        <li>{t(locale, 'learningPaths.public.stepCount', { n: steps.length })}</li>
        {path.themeName && <li>{path.themeName}</li>}
        <li>{t(locale, path.ordered ? 'learningPaths.public.ordered' : 'learningPaths.public.free')}</li>
      </ul>
      <p class="utrecht-paragraph">{t(locale, path.ordered ? 'learningPaths.public.howOrdered' : 'learningPaths.public.howFree', { title: path.title })}</p>
      <h2 class="utrecht-heading-2">{t(locale, 'learningPaths.public.steps')}</h2>
      <List class="route-steps">
        {steps.map((s) => {
          const open = s.status === 'published';
          return (
            <li class="route-steps__item">
              <h3 class="utrecht-heading-3">
                {open ? (
                  <a class="utrecht-link" href={`${basePath}/activiteiten/${s.activityId}`}>
                    {s.title}
                  </a>
                ) : (
                  s.title
                )}
              </h3>
              {open && s.summary && <p class="utrecht-paragraph">{s.summary}</p>}
              <ul class="result-meta">
                <li>{s.organisationName}</li>
                <li>{t(locale, 'search.ages', { min: s.minAge, max: s.maxAge })}</li>
                <li>{t(locale, `level.${s.level}` as MessageKey)}</li>
                <li>
                  {!open
                    ? t(locale, 'learningPaths.public.stepClosed')
                    : s.nextStartsAt
                      ? t(locale, 'search.nextSession', { date: `${formatShortDay(s.nextStartsAt, locale)} ${formatTime(s.nextStartsAt, locale)}` })
                      : t(locale, 'learningPaths.public.noSessions')}
                </li>
              </ul>
            </li>
          );
        })}
      </List>
      <p class="utrecht-paragraph">
        {t(locale, 'learningPaths.public.pathPage')}{' '}
        <a class="utrecht-link" href={`${basePath}/mijn-pad`}>
          {t(locale, 'learningPaths.public.pathPageLink')}
        </a>
      </p>
    </Layout>
  );
}
