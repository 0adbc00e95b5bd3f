import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../../../core/errors.js';
import type { ManageLink } from '../../../core/modules.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { formatPassCode } from '../pass-code.js';
import type { PassRecord } from '../queries/pass-privacy-record.js';
import { consentGiver, consentSummary } from './parent-pages.js';

export interface StaffContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  links: ManageLink[];
}

export const lookupPath = '/beheer/passen/opzoeken';

function StaffLayout(props: { ctx: StaffContext; title: string; current: string; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <ManageFrame ctx={ctx} title={props.title} current={props.current}>
      {props.children}
    </ManageFrame>
  );
}

function DataList({ items }: { items: Array<[string, string]> }) {
  return (
    <dl class="utrecht-data-list">
      {items.map(([key, value]) => (
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The coordinator's form to look up one pass by its code. */
export function PassLookupPage(props: { ctx: StaffContext; code: string; problems: FieldProblem[] }) {
  const { ctx, problems } = props;
  const { locale } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t(locale, 'passLookup.title')} current={lookupPath}>
      <h1 class="utrecht-heading-1">{t(locale, 'passLookup.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'passLookup.intro')}</p>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form narrow-form" method="post" action={`${ctx.basePath}${lookupPath}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField locale={locale} name="code" label={t(locale, 'parent.code')} hint={t(locale, 'parent.code.hint')} value={props.code} maxLength={30} autocomplete="off" problems={problems} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'passLookup.submit')}
        </button>
      </form>
    </StaffLayout>
  );
}

/** One pass as the coordinator sees it: profile, consent, steps and badges. Every showing is in the audit log. */
export function PassRecordPage(props: { ctx: StaffContext; record: PassRecord }) {
  const { ctx, record } = props;
  const { locale } = ctx;
  const none = t(locale, 'passLookup.notGiven');
  const p = record.profile;
  const title = t(locale, 'passLookup.passTitle', { code: formatPassCode(record.code) });
  return (
    <StaffLayout ctx={ctx} title={title} current={lookupPath}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <Alert type="info" role="status">
        <p class="utrecht-paragraph">{t(locale, 'passLookup.logged')}</p>
      </Alert>
      <h2 class="utrecht-heading-2">{t(locale, 'passLookup.pass')}</h2>
      <DataList
        items={[
          [t(locale, 'passLookup.issuedVia'), t(locale, `passLookup.issuedVia.${record.issuedVia}` as MessageKey)],
          [t(locale, 'passLookup.created'), formatDay(record.createdAt, locale)],
          [t(locale, 'passLookup.lastActive'), formatDay(record.lastActiveAt, locale)],
          [t(locale, 'passLink.title'), t(locale, record.hasPrivateLink ? 'passConsent.yes' : 'passConsent.no')],
        ]}
      />
      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.profile')}</h2>
      <DataList
        items={[
          [t(locale, 'passProfile.nickname'), p.nickname ?? none],
          [t(locale, 'passProfile.birthYear'), p.birthYear === null ? none : String(p.birthYear)],
          [t(locale, 'passProfile.postcode'), p.postcode ?? none],
          [t(locale, 'passLookup.neighbourhood'), p.neighbourhood ?? none],
          [t(locale, 'passProfile.school'), p.school ?? none],
          [t(locale, 'passProfile.gender'), p.gender ? t(locale, `passProfile.gender.${p.gender}` as MessageKey) : none],
          [t(locale, 'passLookup.email'), p.contactEmail ?? none],
        ]}
      />
      <h2 class="utrecht-heading-2">{t(locale, 'passLookup.consents')}</h2>
      <DataList items={consentSummary(locale, record.consents)} />
      <h3 class="utrecht-heading-3">{t(locale, 'passConsent.history')}</h3>
      {record.consentHistory.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'passConsent.history.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'passConsent.when'), t(locale, 'passConsent.what'), t(locale, 'passConsent.state'), t(locale, 'passConsent.who')]}
          rows={record.consentHistory.map((c) => [
            `${formatDay(c.recordedAt, locale)}, ${formatTime(c.recordedAt, locale)}`,
            t(locale, `passConsent.${c.purpose}` as MessageKey),
            t(locale, c.granted ? 'passConsent.granted' : 'passConsent.withdrawn'),
            c.recordedByStaff ? `${consentGiver(locale, c)}, ${t(locale, 'passLookup.staff')}` : consentGiver(locale, c),
          ])}
        />
      )}
      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.steps')}</h2>
      {record.participations.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'parent.pass.steps.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'parent.pass.when'), t(locale, 'parent.pass.activity'), t(locale, 'parent.pass.organisation')]}
          rows={record.participations.map((s) => [`${formatDay(s.scannedAt, locale)}, ${formatTime(s.scannedAt, locale)}`, s.activity, s.organisation])}
        />
      )}
      <h2 class="utrecht-heading-2">{t(locale, 'parent.pass.badges')}</h2>
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
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${ctx.basePath}${lookupPath}`}>
          {t(locale, 'passLookup.another')}
        </a>
      </p>
    </StaffLayout>
  );
}
