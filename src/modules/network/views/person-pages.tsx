import type { FieldProblem } from '../../../core/errors.js';
import { DataTable } from '../../../web/components/table.js';
import { t } from '../../../web/i18n/index.js';
import { ActionButton, ManageForm, SelectField, TextField } from '../../catalogue/views/manage-components.js';
import type { FormValues } from '../network-forms.js';
import type { PersonRow, RoleRow } from '../queries/network-directory.js';
import { BackLink, ButtonLink, NetworkLayout, roleName, type ManageContext } from './network-layout.js';
import { Facts, RoleTable } from './network-partner-page.js';

/** Every contact person, with their organisation and current roles. */
export function PeoplePage(props: { ctx: ManageContext; people: PersonRow[]; currentRoles: RoleRow[]; canManage: boolean; notice?: string | undefined }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk/mensen`;
  const rolesOf = (personId: number) => props.currentRoles.filter((r) => r.personId === personId).map((r) => [roleName(locale, r.role), r.municipality ?? r.community].filter(Boolean).join(' '));
  return (
    <NetworkLayout ctx={ctx} title={t(locale, 'network.people.title')} current="/beheer/netwerk/mensen" notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'network.people.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'network.people.intro')}</p>
      {props.canManage && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${base}/nieuw`} primary>
            {t(locale, 'network.people.new')}
          </ButtonLink>
        </p>
      )}
      {props.people.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'network.people.empty')}</p>
      ) : (
        <DataTable
          class="manage-table"
          rowHeaders
          headers={[
            t(locale, 'network.column.name'), t(locale, 'network.column.jobTitle'), t(locale, 'network.column.organisation'),
            t(locale, 'network.column.email'), t(locale, 'network.column.phone'), t(locale, 'network.column.roles'),
          ]}
          rows={props.people.map((p) => [
            <a class="utrecht-link" href={`${base}/${p.id}`}>
              {p.name}
            </a>,
            p.jobTitle,
            p.organisationName ?? t(locale, 'network.people.noOrganisation'),
            p.email ?? '',
            p.phone ?? '',
            rolesOf(p.id).join(', '),
          ])}
        />
      )}
    </NetworkLayout>
  );
}

export interface PersonPageProps {
  ctx: ManageContext;
  /** Undefined: the form for a new person. */
  person?: PersonRow | undefined;
  roles: RoleRow[];
  choices: { organisations: Array<{ id: number; name: string }>; accounts: Array<{ id: number; name: string; email: string }> };
  canManage: boolean;
  raw: FormValues;
  problems: FieldProblem[];
  notice?: string | undefined;
}

/** A contact person: the form (for coordinators) or the facts (for readers), and their roles. */
export function PersonPage(props: PersonPageProps) {
  const { ctx, person, problems } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk/mensen`;
  const title = person ? person.name : t(locale, 'network.people.newTitle');
  const f = { locale, raw: props.raw, problems };
  return (
    <NetworkLayout ctx={ctx} title={title} current="/beheer/netwerk/mensen" notice={props.notice}>
      <BackLink href={base}>{t(locale, 'network.people.title')}</BackLink>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.canManage ? (
        <ManageForm ctx={ctx} action={person ? `${base}/${person.id}` : `${base}/nieuw`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={base}>
          <TextField {...f} name="name" label={t(locale, 'form.person.name')} maxLength={200} autocomplete="off" />
          <TextField {...f} name="jobTitle" label={t(locale, 'form.person.jobTitle')} optional maxLength={200} autocomplete="off" />
          <SelectField {...f} name="organisationId" label={t(locale, 'form.person.organisation')} empty={t(locale, 'form.person.organisationNone')} options={props.choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))} />
          <TextField {...f} name="email" type="email" label={t(locale, 'form.person.email')} optional maxLength={254} autocomplete="off" />
          <TextField {...f} name="phone" type="tel" label={t(locale, 'form.person.phone')} optional maxLength={30} autocomplete="off" />
          <SelectField
            {...f}
            name="userId"
            label={t(locale, 'form.person.user')}
            hint={t(locale, 'form.person.userHint')}
            empty={t(locale, 'form.person.userNone')}
            options={props.choices.accounts.map((a) => ({ value: String(a.id), label: a.name ? `${a.name} (${a.email})` : a.email }))}
          />
        </ManageForm>
      ) : (
        person && (
          <Facts
            items={[
              [t(locale, 'form.person.jobTitle'), person.jobTitle],
              [t(locale, 'form.person.organisation'), person.organisationName ?? t(locale, 'network.people.noOrganisation')],
              [t(locale, 'network.column.email'), person.email ?? ''],
              [t(locale, 'network.column.phone'), person.phone ?? ''],
              [t(locale, 'network.people.account'), person.userEmail ?? t(locale, 'network.people.noAccount')],
            ]}
          />
        )
      )}
      {person && (
        <section aria-labelledby="rollen">
          <h2 class="utrecht-heading-2" id="rollen">
            {t(locale, 'network.people.roles')}
          </h2>
          {props.roles.length === 0 ? (
            <p class="utrecht-paragraph">{t(locale, 'network.people.rolesEmpty')}</p>
          ) : (
            <RoleTable locale={locale} basePath={basePath} roles={props.roles} editable={props.canManage} />
          )}
          {props.canManage && (
            <p class="utrecht-paragraph">
              <ButtonLink href={`${basePath}/beheer/netwerk/rollen/nieuw?persoon=${person.id}`}>{t(locale, 'network.partner.addRole')}</ButtonLink>
            </p>
          )}
        </section>
      )}
      {person && props.canManage && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${base}/${person.id}/verwijderen`} label={t(locale, 'network.people.delete')} describedBy="verwijderen-uitleg" />
          <p class="utrecht-paragraph hint" id="verwijderen-uitleg">
            {t(locale, 'network.people.deleteHint')}
          </p>
        </div>
      )}
    </NetworkLayout>
  );
}
