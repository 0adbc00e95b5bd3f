import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { formatDay, formatEuros, formatTime } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Alert } from '../../../web/components/alert.js';
import { Layout } from '../../../web/layout.js';
import type { ActivityDetail } from '../queries/activity-reader.js';

export interface ActivityPageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  detail: ActivityDetail;
  /** The finder query the visitor came with (`?age=9…`), kept on links so the way back and onward keeps the filters. */
  query: string;
  url: string;
  jsonLd: unknown;
  now: Date;
  /** Shown to its partner before publishing: a banner says so, with the way back to managing it. */
  preview?: { status: string; backHref: string } | undefined;
}

function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function ActivityPage(props: ActivityPageProps) {
  const { locale, basePath, detail, query, now } = props;
  const a = detail.activity;
  const upcoming = detail.sessions.filter((s) => s.ends_at >= now);
  const location = detail.location;
  const tr = (key: string) => t(locale, key as MessageKey);
  return (
    <Layout
      title={a.title}
      locale={locale}
      ecosystem={props.ecosystem}
      basePath={basePath}
      description={a.summary}
      canonical={props.url.split('?')[0]}
      jsonLd={props.jsonLd}
    >
      {props.preview ? (
        <Alert type="warning" role="status" class="preview-banner">
          <p class="utrecht-paragraph">
            <strong>{t(locale, 'preview.banner', { status: props.preview.status })}</strong>
          </p>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={props.preview.backHref}>
              {t(locale, 'preview.back')}
            </a>
          </p>
        </Alert>
      ) : (
        <p class="utrecht-paragraph back-link">
          <a class="utrecht-link" href={`${basePath}/zoeken${query}`}>
            {t(locale, 'activity.backToResults')}
          </a>
        </p>
      )}
      <article>
        <header class="activity-header">
          <h1 class="utrecht-heading-1">{a.title}</h1>
          {a.summary && <p class="utrecht-paragraph utrecht-paragraph--lead">{a.summary}</p>}
        </header>
        {a.status !== 'published' && !props.preview && (
          <Alert type="warning" role="status">
            <p class="utrecht-paragraph">{a.status === 'archived' ? t(locale, 'activity.archived') : t(locale, 'activity.notPublished')}</p>
          </Alert>
        )}
        {a.description && (
          <div class="activity-description">
            {a.description.split(/\n{2,}/).map((para) => (
              <p class="utrecht-paragraph">{para}</p>
            ))}
          </div>
        )}

        <dl class="activity-facts">
          <Fact label={t(locale, 'activity.provider')}>
            {detail.organisation.name}
            {detail.organisation.website && (
              <>
                {' '}
                (<a class="utrecht-link" href={detail.organisation.website} rel="noopener">
                  {t(locale, 'activity.website')}
                </a>)
              </>
            )}
          </Fact>
          {detail.coProviders.length > 0 && <Fact label={t(locale, 'activity.coProviders')}>{detail.coProviders.map((c) => c.name).join(', ')}</Fact>}
          <Fact label={t(locale, 'activity.where')}>
            {location ? (
              <address>
                {location.name}
                <br />
                {location.street}
                {location.street && <br />}
                {[location.postcode, location.city].filter(Boolean).join(' ')}
              </address>
            ) : null}
            {a.online && <p class="utrecht-paragraph">{t(locale, 'activity.online')}</p>}
          </Fact>
          <Fact label={t(locale, 'activity.ages')}>{t(locale, 'activity.agesValue', { min: a.min_age, max: a.max_age })}</Fact>
          {a.school_groups.length > 0 && (
            <Fact label={t(locale, 'activity.schoolGroups')}>{a.school_groups.map((g) => tr(`schoolGroup.${g.slice(0, 2)}`).replace('{n}', g.slice(2))).join(', ')}</Fact>
          )}
          <Fact label={t(locale, 'activity.format')}>{tr(`format.${a.format}`)}</Fact>
          <Fact label={t(locale, 'activity.setting')}>{tr(`setting.${a.setting}`)}</Fact>
          <Fact label={t(locale, 'activity.level')}>{tr(`level.${a.level}`)}</Fact>
          <Fact label={t(locale, 'activity.price')}>
            {a.price_cents === 0 ? t(locale, 'price.free') : t(locale, 'price.amount', { amount: formatEuros(a.price_cents, locale) })}
            {a.price_note && ` (${a.price_note})`}
          </Fact>
          {a.reductions && <Fact label={t(locale, 'activity.reductions')}>{a.reductions}</Fact>}
          {a.accessibility.length > 0 && (
            <Fact label={t(locale, 'activity.accessibility')}>{a.accessibility.map((f) => tr(`accessibility.${f}`)).join(', ')}</Fact>
          )}
          <Fact label={t(locale, 'activity.languages')}>{a.languages.map((l) => tr(`language.${l}`)).join(', ')}</Fact>
          <Fact label={t(locale, 'activity.registration')}>{tr(`registration.${a.registration_mode}`)}</Fact>
          <Fact label={t(locale, 'activity.themes')}>
            {detail.themes.map((th, i) => (
              <>
                {i > 0 && ', '}
                <a class="utrecht-link" href={`${basePath}/zoeken?theme=${encodeURIComponent(th.slug)}`}>
                  {th.name}
                </a>
              </>
            ))}
          </Fact>
          {a.curriculum_goals.length > 0 && <Fact label={t(locale, 'activity.curriculumGoals')}>{a.curriculum_goals.join(', ')}</Fact>}
          {(detail.organisation.email || detail.organisation.phone) && (
            <Fact label={t(locale, 'activity.contact')}>
              {detail.organisation.email && (
                <a class="utrecht-link" href={`mailto:${detail.organisation.email}`}>
                  {detail.organisation.email}
                </a>
              )}
              {detail.organisation.email && detail.organisation.phone && <br />}
              {detail.organisation.phone}
            </Fact>
          )}
        </dl>

        <section aria-labelledby="bijeenkomsten">
          <h2 class="utrecht-heading-2" id="bijeenkomsten">
            {t(locale, 'activity.sessions')}
          </h2>
          {upcoming.length === 0 ? (
            <p class="utrecht-paragraph">{t(locale, 'activity.noSessions')}</p>
          ) : (
            <ul class="session-list">
              {upcoming.map((s) => (
                <li class={s.status === 'cancelled' ? 'session session--cancelled' : 'session'}>
                  <time dateTime={s.starts_at.toISOString()}>
                    {t(locale, 'activity.session', {
                      date: formatDay(s.starts_at, locale),
                      start: formatTime(s.starts_at, locale),
                      end: formatTime(s.ends_at, locale),
                    })}
                  </time>
                  {s.capacity !== null && <span class="session-capacity">{` · ${t(locale, 'activity.capacity', { count: s.capacity })}`}</span>}
                  {s.status === 'cancelled' && <strong class="session-cancelled">{` · ${t(locale, 'activity.cancelled')}`}</strong>}
                  {s.note && <span class="session-note">{` · ${s.note}`}</span>}
                  {/* Sign-up (signups module): first come first served, or an entry for a lottery. */}
                  {(a.registration_mode === 'sign_up' || a.registration_mode === 'lottery') && s.status === 'scheduled' && s.starts_at > now && (
                    <>
                      {' · '}
                      <a class="utrecht-link session-signup" href={`${basePath}/ouders/aanmelden/${s.id}`}>
                        {t(locale, a.registration_mode === 'lottery' ? 'activity.signUpLottery' : 'activity.signUp')}
                        <span class="visually-hidden">{` ${formatDay(s.starts_at, locale)}`}</span>
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {/* Class bookings (signups module): a teacher books the activity for a class. */}
          {(a.setting === 'in_school' || a.setting === 'both') && a.registration_mode !== 'walk_in' && a.status === 'published' && (
            <p class="utrecht-paragraph">
              <a class="utrecht-link" href={`${basePath}/beheer/klasboekingen/nieuw?activiteit=${a.id}`}>
                {t(locale, 'activity.bookForClass')}
              </a>
            </p>
          )}
        </section>

        {detail.nextSteps.length > 0 && (
          <section class="next-steps" aria-labelledby="hierna">
            <h2 class="utrecht-heading-2" id="hierna">
              {t(locale, 'activity.nextSteps')}
            </h2>
            <ul class="next-step-list">
              {detail.nextSteps.map((n) => (
                <li class="next-step">
                  <p class="next-step__kind">{tr(`activity.nextStep.${n.kind}`)}</p>
                  <h3 class="utrecht-heading-3">
                    <a class="utrecht-link" href={`${basePath}/activiteiten/${n.to_activity_id}${query}`}>
                      {n.title}
                    </a>
                  </h3>
                  <p class="utrecht-paragraph next-step__reason">{n.reason}</p>
                  <p class="utrecht-paragraph next-step__ages">{t(locale, 'search.ages', { min: n.min_age, max: n.max_age })}</p>
                </li>
              ))}
            </ul>
          </section>
        )}

        <section class="share-link" aria-labelledby="delen">
          <h2 class="utrecht-heading-3" id="delen">
            {t(locale, 'activity.share')}
          </h2>
          <label class="utrecht-form-label" for="deel-link">
            {t(locale, 'activity.shareLink')}
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only" id="deel-link" type="url" readOnly value={props.url} />
        </section>
      </article>
    </Layout>
  );
}
