import type { ComponentChildren } from 'preact';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { ManageContext } from '../../catalogue/views/manage-components.js';
import { domainOf } from '../domain-check.js';
import type { NetworkRole, PartnerStatus } from '../db/schema.js';

export type { ManageContext };

/** The menu entries of the network's pages, for `aria-current` in the management menu. */
export type NetworkArea = '/beheer/netwerk' | '/beheer/netwerk/structuur' | '/beheer/netwerk/mensen' | '/beheer/netwerk/scholen';

/** A network management page: the site layout, the management menu, a notice after a change. */
export function NetworkLayout(props: { ctx: ManageContext; title: string; current: NetworkArea; notice?: string | undefined; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <ManageFrame ctx={ctx} title={props.title} current={props.current} notice={props.notice}>
      {props.children}
    </ManageFrame>
  );
}

export function ButtonLink({ href, children, primary }: { href: string; children: ComponentChildren; primary?: boolean }) {
  return (
    <a class={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${primary ? 'primary' : 'secondary'}-action`} href={href}>
      {children}
    </a>
  );
}

export function BackLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p class="utrecht-paragraph back-link">
      <a class="utrecht-link" href={href}>
        {children}
      </a>
    </p>
  );
}

/** A partner status in words, as a tag (colour is never the only cue). */
export function PartnerStatusTag({ locale, status }: { locale: Locale; status: PartnerStatus }) {
  return <span class={`tag status-tag network-status network-status--${status}`}>{t(locale, `network.status.${status}`)}</span>;
}

export function sectorName(locale: Locale, sector: string): string {
  return t(locale, `sector.${sector}` as MessageKey);
}

export function domainName(locale: Locale, sector: string): string {
  const domain = domainOf(sector);
  return t(locale, domain ? `network.domain.${domain}` : 'network.domain.none');
}

export function roleName(locale: Locale, role: NetworkRole): string {
  return t(locale, `network.role.${role}`);
}

/** A yyyy-mm-dd day as people read it: 14 maart 2026. */
export function dayText(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A role's period in words. */
export function periodText(locale: Locale, role: { startsOn: string; endsOn: string | null }): string {
  return role.endsOn
    ? t(locale, 'network.roles.period', { start: dayText(role.startsOn, locale), end: dayText(role.endsOn, locale) })
    : t(locale, 'network.roles.periodOpen', { start: dayText(role.startsOn, locale) });
}
