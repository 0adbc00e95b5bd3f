import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { ManageForm, Radios, SelectField, TextArea, TextField } from '../../catalogue/views/manage-components.js';
import { partnerStatuses } from '../db/schema.js';
import type { FormValues } from '../network-forms.js';
import type { PartnerEntry, PersonRow, RoleRow } from '../queries/network-directory.js';
import { BackLink, ButtonLink, dayText, domainName, NetworkLayout, PartnerStatusTag, periodText, roleName, sectorName, type ManageContext } from './network-layout.js';

/** A list of facts: term and value, as an NL Design System data list. */
export function Facts({ items }: { items: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="utrecht-data-list network-facts">
      {items.map(([key, value]) => (
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What a role is about beyond its kind: the core team's municipality or the community's name. */
export function roleDetail(role: Pick<RoleRow, 'municipality' | 'community'>): string {
  return role.municipality ?? role.community ?? '';
}

/** The holder of a role in words: the person (with their organisation) or the organisation itself. */
export function holderText(role: Pick<RoleRow, 'personName' | 'organisationName' | 'heldByOrganisation'>): string {
  if (role.heldByOrganisation) return role.organisationName ?? '';
  return role.organisationName ? `${role.personName} (${role.organisationName})` : (role.personName ?? '');
}

/** A table of roles; with `editable`, each links to its edit page. */
export function RoleTable({ locale, basePath, roles, editable }: { locale: Locale; basePath: string; roles: RoleRow[]; editable: boolean }) {
  return (
    <DataTable
      class="manage-table"
      rowHeaders
      headers={[t(locale, 'network.column.role'), t(locale, 'network.column.holder'), t(locale, 'network.column.detail'), t(locale, 'network.column.period')]}
      rows={roles.map((r) => [
        editable ? (
          <a class="utrecht-link" href={`${basePath}/beheer/netwerk/rollen/${r.id}`}>
            {roleName(locale, r.role)}
          </a>
        ) : (
          roleName(locale, r.role)
        ),
        holderText(r),
        roleDetail(r),
        periodText(locale, r),
      ])}
    />
  );
}

export interface PartnerPageProps {
  ctx: ManageContext;
  entry: PartnerEntry;
  contacts: PersonRow[];
  roles: RoleRow[];
  may: { manage: boolean; readAll: boolean };
  raw: FormValues;
  problems: FieldProblem[];
  notice?: string | undefined;
}

/** One organisation's entry in the network: its status, its contacts and its roles. */
export function PartnerPage(props: PartnerPageProps) {
  const { ctx, entry, may, problems } = props;
  const { locale, basePath } = ctx;
  const org = entry.organisation;
  const base = `${basePath}/beheer/netwerk`;
  const f = { locale, raw: props.raw, problems };
  return (
    <NetworkLayout ctx={ctx} title={org.name} current="/beheer/netwerk" notice={props.notice}>
      <BackLink href={base}>{t(locale, may.readAll ? 'network.overview.title' : 'network.overview.ownTitle')}</BackLink>
      <h1 class="utrecht-heading-1">{org.name}</h1>
      {org.status === 'archived' && (
        <Alert type="info" role="status">
          <p class="utrecht-paragraph">{t(locale, 'network.partner.archivedOrganisation')}</p>
        </Alert>
      )}
      <Facts
        items={[
          [t(locale, 'network.data.sector'), sectorName(locale, org.sector)],
          [t(locale, 'network.data.domain'), domainName(locale, org.sector)],
          ...(entry.partner
            ? ([
                [t(locale, 'network.data.status'), <><PartnerStatusTag locale={locale} status={entry.partner.status} /> {t(locale, 'schools.since', { day: dayText(entry.partner.statusSince, locale) })}</>],
                ...(entry.partner.note ? [[t(locale, 'network.data.note'), entry.partner.note] as [string, string]] : []),
              ] as Array<[string, ComponentChildren]>)
            : [[t(locale, 'network.data.status'), t(locale, 'network.partner.notInNetwork')] as [string, string]]),
          ...(org.website ? [[t(locale, 'network.data.website'), org.website] as [string, string]] : []),
          ...(org.email ? [[t(locale, 'network.data.email'), org.email] as [string, string]] : []),
          ...(org.phone ? [[t(locale, 'network.data.phone'), org.phone] as [string, string]] : []),
        ]}
      />
      {may.manage && entry.partner && (
        <section aria-labelledby="status-wijzigen">
          <h2 class="utrecht-heading-2" id="status-wijzigen">
            {t(locale, 'network.partner.details')}
          </h2>
          <p class="utrecht-paragraph hint">{t(locale, 'network.partner.endHint')}</p>
          <ManageForm ctx={ctx} action={`${base}/partners/${org.id}`} problems={problems} submit={t(locale, 'manage.save')}>
            <Radios {...f} name="status" label={t(locale, 'form.partner.status')} options={partnerStatuses.map((s) => ({ value: s, label: t(locale, `network.status.${s}`) }))} />
            <TextField {...f} name="statusSince" type="date" label={t(locale, 'form.partner.statusSince')} hint={t(locale, 'form.partner.statusSinceHint')} size={10} />
            <TextArea {...f} name="note" label={t(locale, 'form.partner.note')} optional rows={3} maxLength={1000} />
          </ManageForm>
        </section>
      )}
      {may.manage && !entry.partner && org.status === 'active' && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${base}/partners/nieuw?organisatie=${org.id}`} primary>
            {t(locale, 'network.partner.addThis')}
          </ButtonLink>
        </p>
      )}

      <section aria-labelledby="contactpersonen">
        <h2 class="utrecht-heading-2" id="contactpersonen">
          {t(locale, 'network.partner.contacts')}
        </h2>
        {props.contacts.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'network.partner.contactsEmpty')}</p>
        ) : (
          <DataTable
            class="manage-table"
            rowHeaders
            headers={[t(locale, 'network.column.name'), t(locale, 'network.column.jobTitle'), t(locale, 'network.column.email'), t(locale, 'network.column.phone')]}
            rows={props.contacts.map((p) => [
              may.readAll ? (
                <a class="utrecht-link" href={`${base}/mensen/${p.id}`}>
                  {p.name}
                </a>
              ) : (
                p.name
              ),
              p.jobTitle,
              p.email ?? '',
              p.phone ?? '',
            ])}
          />
        )}
        {may.manage && (
          <p class="utrecht-paragraph">
            <ButtonLink href={`${base}/mensen/nieuw?organisatie=${org.id}`}>{t(locale, 'network.partner.addContact')}</ButtonLink>
          </p>
        )}
      </section>

      <section aria-labelledby="rollen">
        <h2 class="utrecht-heading-2" id="rollen">
          {t(locale, 'network.partner.roles')}
        </h2>
        {props.roles.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'network.partner.rolesEmpty')}</p>
        ) : (
          <RoleTable locale={locale} basePath={basePath} roles={props.roles} editable={may.manage} />
        )}
        {may.manage && (
          <p class="utrecht-paragraph">
            <ButtonLink href={`${base}/rollen/nieuw?organisatie=${org.id}`}>{t(locale, 'network.partner.addRole')}</ButtonLink>
          </p>
        )}
      </section>
    </NetworkLayout>
  );
}

/** The form for adding an organisation of the catalogue to the network. */
export function NewPartnerPage(props: { ctx: ManageContext; organisations: Array<{ id: number; name: string; sector: string }>; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, problems } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk`;
  const f = { locale, raw: props.raw, problems };
  return (
    <NetworkLayout ctx={ctx} title={t(locale, 'network.partner.newTitle')} current="/beheer/netwerk">
      <BackLink href={base}>{t(locale, 'network.overview.title')}</BackLink>
      <h1 class="utrecht-heading-1">{t(locale, 'network.partner.newTitle')}</h1>
      {props.organisations.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'network.partner.noneLeft')}</p>
      ) : (
        <>
          <p class="utrecht-paragraph">{t(locale, 'network.partner.newIntro')}</p>
          <ManageForm ctx={ctx} action={`${base}/partners/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={base}>
            <SelectField
              {...f}
              name="organisationId"
              label={t(locale, 'form.partner.organisation')}
              empty={t(locale, 'form.partner.organisationChoose')}
              options={props.organisations.map((o) => ({ value: String(o.id), label: `${o.name} (${sectorName(locale, o.sector)})` }))}
            />
            <Radios {...f} name="status" label={t(locale, 'form.partner.status')} options={partnerStatuses.map((s) => ({ value: s, label: t(locale, `network.status.${s}`) }))} />
            <TextField {...f} name="statusSince" type="date" label={t(locale, 'form.partner.statusSince')} hint={t(locale, 'form.partner.statusSinceHint')} size={10} />
            <TextArea {...f} name="note" label={t(locale, 'form.partner.note')} optional rows={3} maxLength={1000} />
          </ManageForm>
        </>
      )}
    </NetworkLayout>
  );
}
