import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { ChoiceField, CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatEuros, formatTime } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import type { ConsentForm } from '../../passes/commands/consent-recorder.js';
import type { ProfileForm } from '../../passes/commands/parent-profile.js';
import { formatPassCode } from '../../passes/pass-code.js';
import { ConsentFields, ProfileFields, type SchoolChoice } from '../../passes/views/parent-fields.js';
import type { SignupOutcome } from '../commands/signup-commands.js';
import type { PassSignup, SessionForSignup } from '../queries/signup-queries.js';

export interface ParentSignupContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
}

/** The parts of the sign-up form a parent fills in, shown back after a mistake. */
export interface SignupForm {
  code: string;
  email: string;
  stadspas: boolean;
  series: boolean;
  siblingCode: string;
}

export const emptySignupForm: SignupForm = { code: '', email: '', stadspas: false, series: false, siblingCode: '' };

function when(date: Date, locale: Locale): string {
  return `${formatDay(date, locale)}, ${formatTime(date, locale)}`;
}

function Page(props: { ctx: ParentSignupContext; title: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title} locale={props.ctx.locale} ecosystem={props.ctx.ecosystem} basePath={props.ctx.basePath}>
      <div class="parent-page">{props.children}</div>
    </Layout>
  );
}

function SessionFacts({ session, locale }: { session: SessionForSignup; locale: Locale }) {
  const free = session.capacity === null ? null : Math.max(0, session.capacity - session.taken);
  return (
    <dl class="activity-facts">
      <dt>{t(locale, 'signups.page.when')}</dt>
      <dd>{when(session.startsAt, locale)}</dd>
      {session.location ? (
        <>
          <dt>{t(locale, 'signups.page.where')}</dt>
          <dd>{session.location}</dd>
        </>
      ) : null}
      <dt>{t(locale, 'signups.page.age')}</dt>
      <dd>{t(locale, 'signups.page.ageRange', { min: session.activity.minAge, max: session.activity.maxAge })}</dd>
      <dt>{t(locale, 'signups.page.price')}</dt>
      <dd>{session.activity.priceCents === 0 ? t(locale, 'price.free') : t(locale, 'price.amount', { amount: formatEuros(session.activity.priceCents, locale) })}</dd>
      <dt>{t(locale, 'signups.page.places')}</dt>
      <dd>
        {session.activity.mode === 'lottery' && !session.drawn
          ? t(locale, 'signups.page.lotteryPlaces', { capacity: session.capacity ?? 0, closes: session.window.closesAt ? when(session.window.closesAt, locale) : '–' })
          : free === null
            ? t(locale, 'signups.page.unlimited')
            : free > 0
              ? t(locale, 'signups.page.free', { free })
              : t(locale, 'signups.page.full', { waiting: session.waiting })}
      </dd>
    </dl>
  );
}

/**
 * The sign-up form for one session. With a parent's session on a pass open,
 * only the choices; otherwise the pass's code and secret too, and beside it
 * the way to a new pass. Personal data asked: none besides the pass; an
 * e-mail address only if the parent wants mail about this sign-up.
 */
export function SignupPage(props: {
  ctx: ParentSignupContext;
  session: SessionForSignup;
  openPass: { code: string } | null;
  form: SignupForm;
  problems: FieldProblem[];
  newPass: { profile: ProfileForm; consent: ConsentForm; requestToken: string; problems: FieldProblem[]; schools: SchoolChoice[]; exampleYear: number };
}) {
  const { ctx, session, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.page.title', { activity: session.activity.title });
  const action = `${basePath}/ouders/aanmelden/${session.id}`;
  const seriesPossible = session.comingSessions > 1 && session.activity.mode === 'sign_up';
  return (
    <Page ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <SessionFacts session={session} locale={locale} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/activiteiten/${session.activity.id}`}>
          {t(locale, 'signups.page.aboutActivity')}
        </a>
      </p>
      {session.activity.mode === 'lottery' && !session.drawn ? <p class="utrecht-paragraph">{t(locale, 'signups.page.lotteryIntro')}</p> : null}
      <h2 class="utrecht-heading-2" id="aanmelden">
        {props.openPass ? t(locale, 'signups.page.withOpenPass', { code: formatPassCode(props.openPass.code) }) : t(locale, 'signups.page.withPass')}
      </h2>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form narrow-form" method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {props.openPass ? null : (
          <>
            <TextField locale={locale} name="code" label={t(locale, 'parent.code')} hint={t(locale, 'parent.code.hint')} value={props.form.code} maxLength={30} autocomplete="off" problems={problems} />
            <TextField locale={locale} name="secret" type="password" label={t(locale, 'parent.secret')} hint={t(locale, 'parent.secret.hint')} maxLength={20} autocomplete="off" problems={problems} />
          </>
        )}
        <TextField locale={locale} name="email" type="email" label={t(locale, 'signups.form.email')} hint={t(locale, 'signups.form.email.hint')} value={props.form.email} maxLength={254} autocomplete="email" problems={problems} />
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'signups.form.sibling')}</legend>
          <p class="utrecht-form-field-description">{t(locale, 'signups.form.sibling.hint')}</p>
          <TextField locale={locale} name="siblingCode" label={t(locale, 'signups.form.siblingCode')} value={props.form.siblingCode} maxLength={30} autocomplete="off" problems={problems} />
          <TextField locale={locale} name="siblingSecret" type="password" label={t(locale, 'signups.form.siblingSecret')} maxLength={20} autocomplete="off" problems={problems} />
        </fieldset>
        <ChoiceField
          locale={locale}
          name="stadspas"
          type="checkbox"
          legend={t(locale, 'signups.form.reduction')}
          hint={session.activity.reductions || undefined}
          options={[{ value: '1', label: t(locale, 'signups.form.stadspas') }]}
          selected={props.form.stadspas ? ['1'] : []}
          problems={problems}
        />
        {seriesPossible ? (
          <ChoiceField
            locale={locale}
            name="reeks"
            type="checkbox"
            legend={t(locale, 'signups.form.series')}
            hint={t(locale, 'signups.form.series.hint', { n: session.comingSessions })}
            options={[{ value: '1', label: t(locale, 'signups.form.seriesAll') }]}
            selected={props.form.series ? ['1'] : []}
            problems={problems}
          />
        ) : null}
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {session.activity.mode === 'lottery' && !session.drawn ? t(locale, 'signups.form.submitLottery') : t(locale, 'signups.form.submit')}
        </button>
      </form>
      {props.openPass ? null : (
        <>
          <h2 class="utrecht-heading-2" id="nieuwe-pas">
            {t(locale, 'signups.page.newPass')}
          </h2>
          <p class="utrecht-paragraph">{t(locale, 'signups.page.newPass.intro')}</p>
          <ErrorSummary problems={props.newPass.problems} locale={locale} />
          <form class="utrecht-form narrow-form" method="post" action={`${action}/nieuwe-pas`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            {/* One pass however often the form is sent (see the passes module's pass-request-tokens migration). */}
            <input type="hidden" name="aanvraag" value={props.newPass.requestToken} />
            <ProfileFields locale={locale} form={props.newPass.profile} problems={props.newPass.problems} schools={props.newPass.schools} exampleYear={props.newPass.exampleYear} />
            <ConsentFields locale={locale} form={props.newPass.consent} problems={props.newPass.problems} />
            <ChoiceField
              locale={locale}
              name="stadspas"
              type="checkbox"
              legend={t(locale, 'signups.form.reduction')}
              options={[{ value: '1', label: t(locale, 'signups.form.stadspas') }]}
              selected={[]}
            />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" id="veld-aanvraag">
              {t(locale, 'signups.form.submitNewPass')}
            </button>
          </form>
        </>
      )}
    </Page>
  );
}

export function outcomeText(locale: Locale, outcome: SignupOutcome): string {
  if (outcome.status === 'confirmed') return t(locale, 'signups.done.confirmed');
  if (outcome.status === 'entered') return t(locale, 'signups.done.entered');
  return t(locale, 'signups.done.waiting', { position: outcome.position ?? 0 });
}

/** After signing up: what happened, and for a new pass its code and secret, shown this once. */
export function SignupDonePage(props: { ctx: ParentSignupContext; session: SessionForSignup; outcomes: SignupOutcome[]; newPass: { code: string; secret: string } | null; mailed: boolean }) {
  const { ctx, session } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.done.title');
  return (
    <Page ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <Alert type="ok" role="status">
        <p class="utrecht-paragraph">
          {session.activity.title}:{' '}
          {props.outcomes.length > 1 && props.outcomes.every((o) => o.status === 'confirmed') && new Set(props.outcomes.map((o) => o.sessionId)).size === props.outcomes.length
            ? t(locale, 'signups.done.series', { n: props.outcomes.length })
            : props.outcomes.map((o) => outcomeText(locale, o)).filter((x, i, all) => all.indexOf(x) === i).join(' ')}
        </p>
      </Alert>
      {props.newPass ? (
        <>
          <h2 class="utrecht-heading-2">{t(locale, 'signups.done.newPass')}</h2>
          <p class="utrecht-paragraph">{t(locale, 'signups.done.newPass.intro')}</p>
          <dl class="utrecht-data-list pass-secrets">
            <div class="utrecht-data-list__item">
              <dt class="utrecht-data-list__item-key">{t(locale, 'parent.issued.code')}</dt>
              <dd class="utrecht-data-list__item-value pass-code">{formatPassCode(props.newPass.code)}</dd>
            </div>
            <div class="utrecht-data-list__item">
              <dt class="utrecht-data-list__item-key">{t(locale, 'parent.issued.secret')}</dt>
              <dd class="utrecht-data-list__item-value pass-code">{props.newPass.secret}</dd>
            </div>
          </dl>
        </>
      ) : null}
      <p class="utrecht-paragraph">{props.mailed ? t(locale, 'signups.done.mailed') : t(locale, 'signups.done.notMailed')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/ouders/aanmeldingen`}>
          {t(locale, 'signups.mine.title')}
        </a>
      </p>
    </Page>
  );
}

function statusText(locale: Locale, s: PassSignup): string {
  if (s.sessionStatus === 'cancelled' && s.status === 'cancelled') return t(locale, 'signups.status.sessionCancelled');
  if (s.status === 'waiting') return t(locale, 'signups.status.waiting', { position: s.position ?? 0 });
  if (s.status === 'offered') return t(locale, 'signups.status.offered', { deadline: s.offerExpiresAt ? when(s.offerExpiresAt, locale) : '' });
  return t(locale, `signups.status.${s.status}`);
}

/** A parent's sign-ups of the open pass: see, move to another date, cancel. */
export function MySignupsPage(props: { ctx: ParentSignupContext; signups: PassSignup[]; problems: FieldProblem[]; notice?: string | undefined; now: Date }) {
  const { ctx, signups, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.mine.title');
  const live = (s: PassSignup) => ['entered', 'confirmed', 'waiting', 'offered'].includes(s.status) && s.startsAt > props.now;
  return (
    <Page ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.notice ? (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{props.notice}</p>
        </Alert>
      ) : null}
      <ErrorSummary problems={problems} locale={locale} />
      {signups.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'signups.mine.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'signups.column.activity'), t(locale, 'signups.column.when'), t(locale, 'signups.column.status'), t(locale, 'signups.column.price'), t(locale, 'signups.column.change')]}
          rows={signups.map((s) => [
            <a class="utrecht-link" href={`${basePath}/activiteiten/${s.activityId}`}>
              {s.activityTitle}
            </a>,
            when(s.startsAt, locale),
            statusText(locale, s),
            s.priceCents === 0
              ? t(locale, 'price.free')
              : `${t(locale, 'price.amount', { amount: formatEuros(s.priceCents, locale) })}${s.reduction ? ` (${t(locale, 'signups.form.stadspas')})` : ''}, ${t(locale, s.paid ? 'signups.paid.yes' : 'signups.paid.no')}`,
            live(s) ? (
              <div class="signup-actions">
                {!s.series && s.alternatives.length > 0 ? (
                  <form class="utrecht-form inline-form" method="post" action={`${basePath}/ouders/aanmeldingen/${s.id}/verzetten`}>
                    <CsrfField token={ctx.csrfToken} />
                    <label class="utrecht-form-label" for={`verzet-${s.id}`}>
                      {t(locale, 'signups.mine.moveTo')}
                    </label>
                    <select class="utrecht-select utrecht-select--html-select" id={`verzet-${s.id}`} name="sessionId">
                      {s.alternatives.map((a) => (
                        <option value={String(a.id)}>{when(a.startsAt, locale)}</option>
                      ))}
                    </select>
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                      {t(locale, 'signups.mine.move')}
                    </button>
                  </form>
                ) : null}
                <form class="utrecht-form inline-form" method="post" action={`${basePath}/ouders/aanmeldingen/${s.id}/afmelden`}>
                  <CsrfField token={ctx.csrfToken} />
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                    {s.series ? t(locale, 'signups.mine.cancelSeries') : t(locale, 'signups.mine.cancel')}
                  </button>
                </form>
              </div>
            ) : (
              ''
            ),
          ])}
        />
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/ouders/pas`}>
          {t(locale, 'signups.mine.toPass')}
        </a>
      </p>
    </Page>
  );
}

/** The page a promotion mail links to: take the place or give it up, before the deadline. */
export function OfferPage(props: { ctx: ParentSignupContext; offer: { activityTitle: string; startsAt: Date; expiresAt: Date } | null; token: string; problems: FieldProblem[]; done?: 'accepted' | 'declined' | undefined }) {
  const { ctx, offer } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.offer.title');
  return (
    <Page ctx={ctx} title={title}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary problems={props.problems} locale={locale} />
      {props.done ? (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, props.done === 'accepted' ? 'signups.offer.accepted' : 'signups.offer.declined')}</p>
        </Alert>
      ) : offer ? (
        <>
          <p class="utrecht-paragraph">{t(locale, 'signups.offer.intro', { activity: offer.activityTitle, when: when(offer.startsAt, locale), deadline: when(offer.expiresAt, locale) })}</p>
          <form class="utrecht-form" method="post" action={`${basePath}/aanmelding/plek/${props.token}`}>
            <CsrfField token={ctx.csrfToken} />
            <div class="button-group">
              <button class="utrecht-button utrecht-button--primary-action" type="submit" name="keuze" value="ja">
                {t(locale, 'signups.offer.accept')}
              </button>
              <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="keuze" value="nee">
                {t(locale, 'signups.offer.decline')}
              </button>
            </div>
          </form>
        </>
      ) : props.problems.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'signups.offer.gone')}</p>
      ) : null}
    </Page>
  );
}
