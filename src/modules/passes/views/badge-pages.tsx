import type { ManageLink } from '../../../core/modules.js';
import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { ChoiceField, CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { formatDay } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import type { Verification } from '../queries/badge-verifier.js';

interface PageContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
}

/** Dates in a check's message come as ISO days; the reader gets them written out. */
function withDates(params: Record<string, string | number> | undefined, locale: Locale): Record<string, string | number> | undefined {
  if (typeof params?.date !== 'string') return params;
  return { ...params, date: formatDay(new Date(`${params.date}T12:00:00Z`), locale) };
}

/** The outcome of a check: "Echt" or "Niet echt" first, then each check in words, then what the badge says. */
export function VerificationResult({ ctx, result, headingLevel = 2 }: { ctx: PageContext; result: Verification; headingLevel?: 2 | 3 }) {
  const { locale } = ctx;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const s = result.summary;
  return (
    <section class="badge-result" aria-labelledby="uitslag">
      <Alert type={result.genuine ? 'ok' : 'error'} role="status" labelledBy="uitslag">
        <Heading class={`utrecht-heading-${headingLevel} badge-verdict`} id="uitslag">
          {t(locale, result.genuine ? 'badges.verify.genuine' : 'badges.verify.notGenuine')}
        </Heading>
        <p class="utrecht-paragraph">
          {result.genuine ? t(locale, 'badges.verify.genuineText', { issuer: s?.issuerName ?? ctx.ecosystem.name }) : t(locale, 'badges.verify.notGenuineText')}
        </p>
      </Alert>
      <h3 class="utrecht-heading-3">{t(locale, 'badges.verify.checksTitle')}</h3>
      <ul class="badge-checks">
        {result.checks.map((c) => (
          <li class={`badge-check badge-check--${c.ok ? 'ok' : 'failed'}`}>
            <span class="badge-check__mark" aria-hidden="true">
              {c.ok ? '✓' : '✗'}
            </span>
            <strong>{t(locale, c.ok ? 'badges.verify.passed' : 'badges.verify.failed')}:</strong> {t(locale, c.key, withDates(c.params, locale))}
          </li>
        ))}
      </ul>
      {s && (
        <>
          <h3 class="utrecht-heading-3">{t(locale, 'badges.verify.contentTitle')}</h3>
          <dl class="activity-facts">
            <dt>{t(locale, 'badges.verify.achievement')}</dt>
            <dd>{s.achievementName}</dd>
            {s.achievementDescription && (
              <>
                <dt>{t(locale, 'badges.verify.description')}</dt>
                <dd>{s.achievementDescription}</dd>
              </>
            )}
            <dt>{t(locale, 'badges.verify.issuer')}</dt>
            <dd>{s.issuerName}</dd>
            <dt>{t(locale, 'badges.verify.issuedOn')}</dt>
            <dd>
              <time dateTime={s.validFrom.toISOString()}>{formatDay(s.validFrom, locale)}</time>
            </dd>
            <dt>{t(locale, 'badges.verify.recipient')}</dt>
            <dd>{t(locale, 'badges.verify.recipientText', { issuer: s.issuerName })}</dd>
          </dl>
        </>
      )}
    </section>
  );
}

export interface VerifyPageProps extends PageContext {
  csrfToken: string;
  /** What was pasted, to show it back after a problem. */
  text: string;
  problem?: MessageKey | undefined;
  result?: Verification | undefined;
}

/** The public page where anyone checks a badge; a plain form, so it works without JavaScript. */
export function BadgeVerifyPage(props: VerifyPageProps) {
  const { locale, ecosystem, basePath } = props;
  const problems: FieldProblem[] = props.problem ? [{ field: 'credential', key: props.problem }] : [];
  return (
    <Layout title={t(locale, 'badges.verify.title')} locale={locale} ecosystem={ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{t(locale, 'badges.verify.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'badges.verify.intro', { issuer: ecosystem.name })}</p>
      {props.result && <VerificationResult ctx={props} result={props.result} />}
      {props.result && <h2 class="utrecht-heading-2">{t(locale, 'badges.verify.again')}</h2>}
      <ErrorSummary problems={problems} locale={locale} title="badges.verify.problemTitle" />
      <form class="utrecht-form narrow-form" method="post" action={`${basePath}/insignes/controleren`} enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          locale={locale}
          name="credential"
          label={t(locale, 'badges.verify.pasteLabel')}
          hint={t(locale, 'badges.verify.pasteHint')}
          value={props.text}
          problems={problems}
          multiline
        />
        <div class="utrecht-form-field utrecht-form-field--text badge-file-field">
          <label class="utrecht-form-label" for="veld-bestand">
            {t(locale, 'badges.verify.fileLabel')}
          </label>
          <p class="utrecht-form-field-description" id="veld-bestand-hint">
            {t(locale, 'badges.verify.fileHint')}
          </p>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="file" id="veld-bestand" name="bestand" accept=".svg,.png,.jwt,.jws,.json,image/svg+xml,image/png,application/json,text/plain" aria-describedby="veld-bestand-hint" />
        </div>
        <div class="button-row">
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {t(locale, 'badges.verify.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export interface AwardPageProps extends PageContext {
  csrfToken: string;
  awardId: string;
  name: string;
  result: Verification;
  /** Absolute address of the verification page, to pass on. */
  verifyUrl: string;
  mayRevoke: boolean;
  notice?: string | undefined;
}

/** One issued badge: the picture, whether it is genuine, and the downloads. Public: it holds no personal data. */
export function BadgeAwardPage(props: AwardPageProps) {
  const { locale, ecosystem, basePath } = props;
  const base = `${basePath}/insignes/${props.awardId}`;
  return (
    <Layout title={t(locale, 'badges.award.title', { name: props.name })} locale={locale} ecosystem={ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{props.name}</h1>
      {props.notice && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <div class="badge-layout">
        <figure class="badge-figure">
          <img src={`${base}/insigne.svg`} alt={t(locale, 'badges.award.imageAlt', { name: props.name })} width={256} height={256} />
        </figure>
        <div>
          <VerificationResult ctx={props} result={props.result} />
        </div>
      </div>
      <h2 class="utrecht-heading-2">{t(locale, 'badges.award.downloads')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'badges.award.downloadsIntro')}</p>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`${base}/insigne.svg`} download={`insigne-${props.awardId}.svg`}>
            {t(locale, 'badges.award.downloadSvg')}
          </a>
        </li>
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`${base}/insigne.jwt`} download={`insigne-${props.awardId}.jwt`}>
            {t(locale, 'badges.award.downloadJwt')}
          </a>
        </li>
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href={`${base}/insigne.json`} download={`insigne-${props.awardId}.json`}>
            {t(locale, 'badges.award.downloadJson')}
          </a>
        </li>
      </ul>
      <p class="utrecht-paragraph">
        {t(locale, 'badges.award.verifyElsewhere')}{' '}
        <a class="utrecht-link" href={`${basePath}/insignes/controleren`}>
          {props.verifyUrl}
        </a>
      </p>
      {props.mayRevoke && !props.result.checks.some((c) => c.key === 'badges.check.revoked') && (
        <section aria-labelledby="intrekken">
          <h2 class="utrecht-heading-2" id="intrekken">
            {t(locale, 'badges.award.revokeTitle')}
          </h2>
          <p class="utrecht-paragraph" id="intrekken-uitleg">
            {t(locale, 'badges.award.revokeHint')}
          </p>
          <form method="post" action={`${base}/intrekken`} class="action-form">
            <CsrfField token={props.csrfToken} />
            <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-describedby="intrekken-uitleg">
              {t(locale, 'badges.award.revoke')}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** A badge removed with its pass: its address says so, and nothing more. */
export function BadgeDeletedPage(props: PageContext) {
  const { locale } = props;
  return (
    <Layout title={t(locale, 'badges.award.deletedTitle')} locale={locale} ecosystem={props.ecosystem} basePath={props.basePath}>
      <h1 class="utrecht-heading-1">{t(locale, 'badges.award.deletedTitle')}</h1>
      <Alert type="error" role="status">
        <p class="utrecht-paragraph">
          <strong>{t(locale, 'badges.verify.notGenuine')}.</strong> {t(locale, 'badges.award.deleted')}
        </p>
      </Alert>
    </Layout>
  );
}

export interface AchievementFormValues {
  awards: 'ja' | 'nee';
  name: string;
  description: string;
  criteria: string;
}

export interface AchievementPageProps extends PageContext {
  csrfToken: string;
  links: ManageLink[];
  activity: { id: number; title: string };
  values: AchievementFormValues;
  problems: FieldProblem[];
  /** The saved achievement's image, when there is one. */
  imageUrl: string | undefined;
  issued: number;
  notice?: string | undefined;
}

/** Where a partner switches an activity's badge on or off and names it. */
export function AchievementPage(props: AchievementPageProps) {
  const { locale, basePath, activity, values, problems } = props;
  const title = t(locale, 'badges.manage.title', { title: activity.title });
  const back = `${basePath}/beheer/aanbod/${activity.id}`;
  return (
    <ManageFrame ctx={{ locale, ecosystem: props.ecosystem, basePath, links: props.links }} title={title} current="/beheer/aanbod">
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={back}>
          {t(locale, 'badges.manage.back')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.notice && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph">{t(locale, 'badges.manage.intro', { issuer: props.ecosystem.name })}</p>
      <div class="badge-layout">
        <div>
          <ErrorSummary problems={problems} locale={locale} />
          <form class="utrecht-form manage-form" method="post" action={`${back}/insigne`} novalidate>
            <CsrfField token={props.csrfToken} />
            <ChoiceField
              locale={locale}
              name="awards"
              legend={t(locale, 'badges.manage.awardsLegend')}
              type="radio"
              options={[
                { value: 'ja', label: t(locale, 'badges.manage.awardsYes') },
                { value: 'nee', label: t(locale, 'badges.manage.awardsNo') },
              ]}
              selected={[values.awards]}
              problems={problems}
            />
            <TextField locale={locale} name="name" label={t(locale, 'badges.manage.name')} hint={t(locale, 'badges.manage.nameHint')} value={values.name} problems={problems} maxLength={150} />
            <TextField locale={locale} name="description" label={t(locale, 'badges.manage.description')} hint={t(locale, 'badges.manage.descriptionHint')} value={values.description} problems={problems} maxLength={2000} multiline />
            <TextField locale={locale} name="criteria" label={t(locale, 'badges.manage.criteria')} hint={t(locale, 'badges.manage.criteriaHint')} value={values.criteria} problems={problems} maxLength={2000} multiline />
            <p class="utrecht-paragraph muted">{t(locale, 'badges.manage.changeNote')}</p>
            <div class="button-row">
              <button class="utrecht-button utrecht-button--primary-action" type="submit">
                {t(locale, 'badges.manage.save')}
              </button>
            </div>
          </form>
        </div>
        {props.imageUrl && (
          <figure class="badge-figure">
            <img src={props.imageUrl} alt="" width={200} height={200} />
            <figcaption class="utrecht-paragraph">
              {t(locale, 'badges.manage.preview')}. {t(locale, 'badges.manage.issued', { count: props.issued })}
            </figcaption>
          </figure>
        )}
      </div>
    </ManageFrame>
  );
}
