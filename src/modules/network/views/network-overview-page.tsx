import { Alert } from '../../../web/components/alert.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { partnerStatuses, type PartnerStatus } from '../db/schema.js';
import { domains, minimumActivePartners, type DomainCheck } from '../domain-check.js';
import type { PartnerRow } from '../queries/network-directory.js';
import { ButtonLink, dayText, domainName, NetworkLayout, PartnerStatusTag, sectorName, type ManageContext } from './network-layout.js';

export interface OverviewPageProps {
  ctx: ManageContext;
  partners: PartnerRow[];
  counts: Record<PartnerStatus, number>;
  check: DomainCheck;
  status: PartnerStatus | undefined;
  canManage: boolean;
  canReadSchools: boolean;
  notice?: string | undefined;
}

/** The checklist of the domain check: each domain and the number of partners, in words, met or missing. */
export function DomainChecklist({ locale, check }: { locale: Locale; check: DomainCheck }) {
  const items = [
    ...domains.map((domain) => {
      const count = check.perDomain[domain];
      return count > 0
        ? { met: true, text: t(locale, count === 1 ? 'network.check.domain.metOne' : 'network.check.domain.met', { domain: t(locale, `network.domain.${domain}`), count }) }
        : { met: false, text: t(locale, `network.check.domain.missing.${domain}`) };
    }),
    check.partnersNeeded === 0
      ? { met: true, text: t(locale, 'network.check.partners.met', { count: check.activePartners, min: minimumActivePartners }) }
      : {
          met: false,
          text: t(locale, check.partnersNeeded === 1 ? 'network.check.partners.missingOne' : 'network.check.partners.missing', {
            needed: check.partnersNeeded, count: check.activePartners, min: minimumActivePartners,
          }),
        },
  ];
  return (
    <section class="domain-check" aria-labelledby="domeincheck">
      <h2 class="utrecht-heading-2" id="domeincheck">
        {t(locale, 'network.check.title')}
      </h2>
      <p class="utrecht-paragraph">{t(locale, 'network.check.intro', { min: minimumActivePartners })}</p>
      <Alert type={check.complete ? 'ok' : 'warning'} role="status">
        <p class="utrecht-paragraph">
          {check.complete ? t(locale, 'network.check.complete', { count: check.activePartners }) : t(locale, 'network.check.incomplete')}
        </p>
      </Alert>
      <ul class="checklist">
        {items.map((item) => (
          <li class={`checklist__item checklist__item--${item.met ? 'met' : 'missing'}`}>
            <span class="checklist__state">{t(locale, item.met ? 'network.check.met' : 'network.check.missing')}</span>
            <span class="checklist__text">{item.text}</span>
          </li>
        ))}
      </ul>
      <p class="utrecht-paragraph hint">{t(locale, 'network.check.noDomainNote')}</p>
    </section>
  );
}

/** The coordinator's and the steering group's overview of the network: the domain check and the partners. */
export function NetworkOverviewPage(props: OverviewPageProps) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk`;
  return (
    <NetworkLayout ctx={ctx} title={t(locale, 'network.overview.title')} current="/beheer/netwerk" notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'network.overview.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'network.overview.intro')}</p>
      <nav aria-label={t(locale, 'network.overview.links')}>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={`${base}/structuur`}>{t(locale, 'network.nav.governance')}</a>
          </li>
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={`${base}/mensen`}>{t(locale, 'network.nav.people')}</a>
          </li>
          {props.canReadSchools && (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`${base}/scholen`}>{t(locale, 'network.nav.schools')}</a>
            </li>
          )}
        </ul>
      </nav>

      <DomainChecklist locale={locale} check={props.check} />

      <section aria-labelledby="partners">
        <h2 class="utrecht-heading-2" id="partners">
          {t(locale, 'network.overview.partners')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'network.overview.summary', props.counts)}</p>
        {props.canManage && (
          <p class="utrecht-paragraph">
            <ButtonLink href={`${base}/partners/nieuw`} primary>
              {t(locale, 'network.overview.add')}
            </ButtonLink>
          </p>
        )}
        <form class="utrecht-form quick-filter" method="get" action={base}>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-status">
              {t(locale, 'network.overview.filter')}
            </label>
            <select class="utrecht-select utrecht-select--html-select" id="veld-status" name="status">
              <option value="">{t(locale, 'network.overview.filterAll')}</option>
              {partnerStatuses.map((s) => (
                <option value={s} selected={props.status === s}>
                  {t(locale, `network.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'network.overview.filterSubmit')}
          </button>
        </form>
        {props.partners.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, props.status ? 'network.overview.emptyFilter' : 'network.overview.empty')}</p>
        ) : (
          <DataTable
            class="manage-table"
            rowHeaders
            headers={[
              t(locale, 'network.column.organisation'), t(locale, 'network.column.sector'), t(locale, 'network.column.domain'),
              t(locale, 'network.column.status'), t(locale, 'network.column.since'), t(locale, 'network.column.contacts'),
            ]}
            rows={props.partners.map((p) => [
              <a class="utrecht-link" href={`${base}/partners/${p.organisationId}`}>
                {p.name}
              </a>,
              sectorName(locale, p.sector),
              domainName(locale, p.sector),
              <PartnerStatusTag locale={locale} status={p.status} />,
              dayText(p.statusSince, locale),
              p.contacts,
            ])}
          />
        )}
      </section>
    </NetworkLayout>
  );
}

/** What a partner sees: its own organisations' entries, nothing of the others. */
export function OwnEntriesPage(props: { ctx: ManageContext; entries: Array<{ organisationId: number; name: string; status: PartnerStatus | null; statusSince: string | null }> }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <NetworkLayout ctx={ctx} title={t(locale, 'network.overview.ownTitle')} current="/beheer/netwerk">
      <h1 class="utrecht-heading-1">{t(locale, 'network.overview.ownTitle')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'network.overview.ownIntro')}</p>
      <DataTable
        class="manage-table"
        rowHeaders
        headers={[t(locale, 'network.column.organisation'), t(locale, 'network.column.status'), t(locale, 'network.column.since')]}
        rows={props.entries.map((e) => [
          <a class="utrecht-link" href={`${basePath}/beheer/netwerk/partners/${e.organisationId}`}>
            {e.name}
          </a>,
          e.status ? <PartnerStatusTag locale={locale} status={e.status} /> : t(locale, 'network.overview.ownNone'),
          e.statusSince ? dayText(e.statusSince, locale) : '',
        ])}
      />
    </NetworkLayout>
  );
}
