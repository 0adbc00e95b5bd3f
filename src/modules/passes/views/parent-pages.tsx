import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import type { ConsentForm } from '../commands/consent-recorder.js';
import type { ProfileForm } from '../commands/parent-profile.js';
import { consentPurposes } from '../db/schema.js';
import { formatPassCode } from '../pass-code.js';
import type { PassRecord } from '../queries/pass-privacy-record.js';
import { ConsentFields, ProfileFields, type SchoolChoice } from './parent-fields.js';

/** What every parent page gets from its route. */
export interface ParentContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
}

function ParentLayout(props: { ctx: ParentContext; title: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title} locale={props.ctx.locale} ecosystem={props.ctx.ecosystem} basePath={props.ctx.basePath}>
      <div class="parent-page">{props.children}</div>
    </Layout>
  );
}

function Notice({ text, type = 'ok' }: { text: string | undefined; type?: 'ok' | 'info' }) {
  if (!text) return null;
  return (
    <Alert type={type} role="status">
      <p class="utrecht-paragraph">{text}</p>
    </Alert>
  );
}

function when(date: Date, locale: Locale): string {
  return `${formatDay(date, locale)}, ${formatTime(date, locale)}`;
}

export interface OpenForm {
  code: string;
}

/** The public page for parents: what the pass is, what is (not) kept, and the two ways in. */
export function ParentHomePage(props: { ctx: ParentContext; retentionYears: number; form: OpenForm; problems: FieldProblem[]; notice?: string | undefined }) {
  const { ctx, problems } = props;
  const { locale, basePath } = ctx;
  return (
    <ParentLayout ctx={ctx} title={t(locale, 'parent.title')}>
      <h1 class="utrecht-heading-1">{t(locale, 'parent.title')}</h1>
      <Notice text={props.notice} type="info" />
      <p class="utrecht-paragraph">{t(locale, 'parent.intro', { ecosystem: ctx.ecosystem.name })}</p>
      <h2 class="utrecht-heading-2">{t(locale, 'parent.what')}</h2>
      <ul class="utrecht-unordered-list">
        {(['parent.what.noName', 'parent.what.optional', 'parent.what.scans', 'parent.what.partners', 'parent.what.control'] as const).map((key) => (
          <li class="utrecht-unordered-list__item">{t(locale, key)}</li>
        ))}
        <li class="utrecht-unordered-list__item">{t(locale, 'parent.what.retention', { years: props.retentionYears })}</li>
      </ul>
      <h2 class="utrecht-heading-2">{t(locale, 'parent.new')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'parent.new.intro')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${basePath}/ouders/nieuw`}>
          {t(locale, 'parent.new')}
        </a>
      </p>
      <h2 class="utrecht-heading-2" id="bestaande-pas">
        {t(locale, 'parent.existing')}
      </h2>
      <p class="utrecht-paragraph">{t(locale, 'parent.existing.intro')}</p>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form narrow-form" method="post" action={`${basePath}/ouders/openen`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField locale={locale} name="code" label={t(locale, 'parent.code')} hint={t(locale, 'parent.code.hint')} value={props.form.code} maxLength={30} autocomplete="off" problems={problems} />
        {/* The secret is never sent back into the page, also not after a mistake. */}
        <TextField locale={locale} name="secret" type="password" label={t(locale, 'parent.secret')} hint={t(locale, 'parent.secret.hint')} maxLength={20} autocomplete="off" problems={problems} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'parent.open')}
        </button>
      </form>
    </ParentLayout>
  );
}

/** The form to request a new pass: the optional profile and consent per purpose. */
export function PassRequestPage(props: { ctx: ParentContext; profile: ProfileForm; consent: ConsentForm; requestToken: string; problems: FieldProblem[]; schools: SchoolChoice[]; exampleYear: number }) {
  const { ctx, problems } = props;
  const { locale, basePath } = ctx;
  return (
    <ParentLayout ctx={ctx} title={t(locale, 'parent.request.title')}>
      <h1 class="utrecht-heading-1">{t(locale, 'parent.request.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'parent.request.intro')}</p>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form narrow-form" method="post" action={`${basePath}/ouders/nieuw`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="aanvraag" value={props.requestToken} />
        <h2 class="utrecht-heading-2">{t(locale, 'passProfile.legend')}</h2>
        <ProfileFields locale={locale} form={props.profile} problems={problems} schools={props.schools} exampleYear={props.exampleYear} />
        <h2 class="utrecht-heading-2">{t(locale, 'passConsent.legend')}</h2>
        <ConsentFields locale={locale} form={props.consent} problems={problems} />
        {/* The target of the summary's link when the form's token was missing: the button to send it again. */}
        <button class="utrecht-button utrecht-button--primary-action" type="submit" id="veld-aanvraag">
          {t(locale, 'parent.request.submit')}
        </button>
      </form>
    </ParentLayout>
  );
}

/** Shown once, right after issuing: the code and the secret (never again), and the private link. */
export function PassIssuedPage(props: { ctx: ParentContext; code: string; secret: string; link: string | null; mailedTo: string | null }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ParentLayout ctx={ctx} title={t(locale, 'parent.issued.title')}>
      <h1 class="utrecht-heading-1">{t(locale, 'parent.issued.title')}</h1>
      <Alert type="warning" role="status">
        <p class="utrecht-paragraph">{t(locale, 'parent.issued.once')}</p>
      </Alert>
      <dl class="utrecht-data-list pass-secrets">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'parent.issued.code')}</dt>
          <dd class="utrecht-data-list__item-value pass-code">{formatPassCode(props.code)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{t(locale, 'parent.issued.secret')}</dt>
          <dd class="utrecht-data-list__item-value pass-code">{props.secret}</dd>
        </div>
      </dl>
      {props.link && (
        <>
          <h2 class="utrecht-heading-2">{t(locale, 'parent.issued.link')}</h2>
          <p class="utrecht-paragraph private-link">
            <a class="utrecht-link" href={props.link}>
              {props.link}
            </a>
          </p>
          <p class="utrecht-paragraph">{t(locale, 'parent.issued.linkWarning')}</p>
        </>
      )}
      {props.mailedTo && <p class="utrecht-paragraph">{t(locale, 'parent.issued.mailed', { email: props.mailedTo })}</p>}
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${basePath}/ouders/pas`}>
          {t(locale, 'parent.issued.next')}
        </a>
      </p>
    </ParentLayout>
  );
}

export interface ParentPassPageProps {
  ctx: ParentContext;
  record: PassRecord;
  staffViews: Array<{ at: Date; by: string }>;
  schools: SchoolChoice[];
  exampleYear: number;
  profile: ProfileForm;
  consent: ConsentForm;
  problems: FieldProblem[];
  notice?: string | undefined;
  /** A private link just made: shown this once. */
  newLink?: string | undefined;
}

/** What a signed-in form posts back to: one small form per action, each with its CSRF token. */
function ActionForm(props: { ctx: ParentContext; action: string; label: string; primary?: boolean }) {
  return (
    <form method="post" action={`${props.ctx.basePath}${props.action}`} class="action-form">
      <CsrfField token={props.ctx.csrfToken} />
      <button class={`utrecht-button ${props.primary ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`} type="submit">
        {props.label}
      </button>
    </form>
  );
}

/** Who gave a consent, in words: "Ouder (Sanne)", or "een medewerker" when staff recorded it. */
export function consentGiver(locale: Locale, row: PassRecord['consentHistory'][number]): string {
  const role = t(locale, `passConsent.givenBy.${row.givenBy}` as MessageKey);
  return row.givenByName ? `${role} (${row.givenByName})` : role;
}

/** The parent's page of one pass: steps and badges, the profile, consent, the private link, who looked, download and delete. */
export function ParentPassPage(props: ParentPassPageProps) {
  const { ctx, record, problems } = props;
  const { locale, basePath } = ctx;
  const title = record.profile.nickname ? t(locale, 'parent.pass.titleNamed', { nickname: record.profile.nickname }) : t(locale, 'parent.pass.title');
  return (
    <ParentLayout ctx={ctx} title={t(locale, 'parent.pass.title')}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'parent.pass.code', { code: formatPassCode(record.code) })}</p>
      <ActionForm ctx={ctx} action="/ouders/pas/sluiten" label={t(locale, 'parent.pass.close')} />
      {/* Sign-ups of this pass live in the signups module, under the same parent's session. */}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/ouders/aanmeldingen`}>
          {t(locale, 'signups.mine.title')}
        </a>
      </p>
      <Notice text={props.notice} />
      {props.newLink && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, 'passLink.created')}</p>
          <p class="utrecht-paragraph private-link">
            <a class="utrecht-link" href={props.newLink}>
              {props.newLink}
            </a>
          </p>
        </Alert>
      )}
      <ErrorSummary problems={problems} locale={locale} />

      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.steps')}</h2>
      {record.participations.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'parent.pass.steps.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'parent.pass.when'), t(locale, 'parent.pass.activity'), t(locale, 'parent.pass.organisation')]}
          rows={record.participations.map((p) => [formatDay(p.scannedAt, locale), p.activity, p.organisation])}
        />
      )}
      <h3 class="utrecht-heading-3">{t(locale, 'parent.pass.badges')}</h3>
      {record.badges.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'parent.pass.badges.none')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {record.badges.map((b) => (
            <li class="utrecht-unordered-list__item">
              {b.achievement} ({formatDay(b.issuedAt, locale)})
            </li>
          ))}
        </ul>
      )}

      <h2 class="utrecht-heading-2" id="gegevens">
        {t(locale, 'parent.pass.profile')}
      </h2>
      <form class="utrecht-form narrow-form" method="post" action={`${basePath}/ouders/pas/gegevens`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ProfileFields locale={locale} form={props.profile} problems={problems} schools={props.schools} exampleYear={props.exampleYear} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'passProfile.save')}
        </button>
      </form>

      <h2 class="utrecht-heading-2" id="toestemming">
        {t(locale, 'passConsent.legend')}
      </h2>
      <form class="utrecht-form narrow-form" method="post" action={`${basePath}/ouders/pas/toestemming`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ConsentFields locale={locale} form={props.consent} problems={problems} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'passConsent.save')}
        </button>
      </form>
      <p class="utrecht-paragraph">{t(locale, 'parent.pass.badges.kept')}</p>
      <h3 class="utrecht-heading-3">{t(locale, 'passConsent.history')}</h3>
      {record.consentHistory.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'passConsent.history.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'passConsent.when'), t(locale, 'passConsent.what'), t(locale, 'passConsent.state'), t(locale, 'passConsent.who')]}
          rows={record.consentHistory.map((c) => [
            when(c.recordedAt, locale),
            t(locale, `passConsent.${c.purpose}` as MessageKey),
            t(locale, c.granted ? 'passConsent.granted' : 'passConsent.withdrawn'),
            consentGiver(locale, c),
          ])}
        />
      )}

      <h2 class="utrecht-heading-2" id="link">
        {t(locale, 'passLink.title')}
      </h2>
      <p class="utrecht-paragraph">{t(locale, 'passLink.explain')}</p>
      <p class="utrecht-paragraph">{t(locale, record.hasPrivateLink ? 'passLink.active' : 'passLink.none')}</p>
      {record.consents.path_page ? (
        <div class="button-row">
          <ActionForm ctx={ctx} action="/ouders/pas/link" label={t(locale, 'passLink.create')} />
          {record.hasPrivateLink && <ActionForm ctx={ctx} action="/ouders/pas/link/stoppen" label={t(locale, 'passLink.remove')} />}
        </div>
      ) : (
        <p class="utrecht-paragraph">{t(locale, 'passes.link.needsConsent')}</p>
      )}

      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.views')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'parent.pass.views.intro')}</p>
      {props.staffViews.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'parent.pass.views.none')}</p>
      ) : (
        <DataTable headers={[t(locale, 'passConsent.when'), t(locale, 'parent.pass.views.by')]} rows={props.staffViews.map((v) => [when(v.at, locale), v.by])} />
      )}

      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.export')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'parent.pass.export.intro')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/ouders/pas/alle-gegevens.json`} download>
          {t(locale, 'parent.pass.export.link')}
        </a>
      </p>

      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.delete')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'parent.pass.delete.intro')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}/ouders/pas/verwijderen`}>
          {t(locale, 'parent.pass.delete.link')}
        </a>
      </p>
    </ParentLayout>
  );
}

/** The confirm step before deleting a pass: what goes, what stays anonymously, and that it is final. */
export function DeleteConfirmPage(props: { ctx: ParentContext; hasBadges: boolean }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ParentLayout ctx={ctx} title={t(locale, 'parent.delete.title')}>
      <h1 class="utrecht-heading-1">{t(locale, 'parent.delete.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'parent.delete.what')}</p>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t(locale, 'parent.delete.profile')}</li>
        <li class="utrecht-unordered-list__item">{t(locale, 'parent.delete.steps')}</li>
        {props.hasBadges && <li class="utrecht-unordered-list__item">{t(locale, 'parent.delete.badges')}</li>}
      </ul>
      <Alert type="warning" role="status">
        <p class="utrecht-paragraph">{t(locale, 'parent.delete.final')}</p>
      </Alert>
      <div class="button-row">
        <ActionForm ctx={ctx} action="/ouders/pas/verwijderen" label={t(locale, 'parent.delete.confirm')} primary />
        <a class="utrecht-link" href={`${basePath}/ouders/pas`}>
          {t(locale, 'parent.delete.cancel')}
        </a>
      </div>
    </ParentLayout>
  );
}

/** After deleting: it is done, and a new pass is always possible. */
export function DeletedPage(props: { ctx: ParentContext }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ParentLayout ctx={ctx} title={t(locale, 'parent.deleted.title')}>
      <h1 class="utrecht-heading-1">{t(locale, 'parent.deleted.title')}</h1>
      <Alert type="ok" role="status">
        <p class="utrecht-paragraph">{t(locale, 'parent.deleted.body')}</p>
      </Alert>
      <p class="utrecht-paragraph">
        {t(locale, 'parent.deleted.again')}{' '}
        <a class="utrecht-link" href={`${basePath}/ouders`}>
          {t(locale, 'parent.title')}
        </a>
      </p>
    </ParentLayout>
  );
}

/** Every consent purpose's state in words, for the coordinator's view. */
export function consentSummary(locale: Locale, consents: PassRecord['consents']): Array<[string, string]> {
  return consentPurposes.map((p) => [t(locale, `passConsent.${p}` as MessageKey), t(locale, consents[p] ? 'passConsent.yes' : 'passConsent.no')]);
}
