import type { ManageLink } from '../../../core/modules.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { Role } from '../../../core/context.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { Alert } from '../../../web/components/alert.js';
import { DataTable } from '../../../web/components/table.js';
import { ChoiceField, CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { formatDay } from '../../../web/format.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { PendingInvitation, PersonRole } from '../queries/people.js';

export const roles: readonly Role[] = ['coordinator', 'partner_editor', 'school_contact', 'viewer'];

export interface InviteForm {
  email: string;
  role: string;
  organisationIds: string[];
  locationIds: string[];
}

export interface PeoplePageProps {
  /** The management pages this person may open, for the menu. */
  manageLinks: ManageLink[];
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  people: PersonRole[];
  invitations: PendingInvitation[];
  choices: { organisations: Array<{ id: number; name: string }>; schools: Array<{ id: number; name: string; city: string }> };
  /** Which buttons to show: decided by the policies, not by the page. */
  may: { invite: boolean; revoke: boolean };
  form: InviteForm;
  problems: FieldProblem[];
  notice: string | undefined;
  currentUserId: number | undefined;
}

/** The coordinator's page for people: who holds which role, open invitations, and inviting someone new. */
export function PeoplePage(props: PeoplePageProps) {
  const { locale, basePath, may } = props;
  const roleName = (role: Role) => t(locale, `accounts.role.${role}` as MessageKey);
  return (
    <ManageFrame ctx={{ locale, ecosystem: props.ecosystem, basePath, links: props.manageLinks }} title={t(locale, 'accounts.people.title')} current="/beheer/mensen">
      <h1 class="utrecht-heading-1">{t(locale, 'accounts.people.title')}</h1>
      <ErrorSummary problems={props.problems} locale={locale} />
      {props.notice && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph">{t(locale, 'accounts.people.intro', { ecosystem: props.ecosystem.name })}</p>

      <h2 class="utrecht-heading-2">{t(locale, 'accounts.people.members')}</h2>
      {props.people.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'accounts.people.none')}</p>
      ) : (
        <DataTable
          headers={[
            t(locale, 'accounts.people.name'),
            t(locale, 'accounts.people.role'),
            t(locale, 'accounts.people.scope'),
            t(locale, 'accounts.people.lastSignIn'),
            ...(may.revoke ? [t(locale, 'accounts.people.actions')] : []),
          ]}
          rows={props.people.map((p) => [
            <>
              {p.name || p.email}
              <br />
              <span class="muted">{p.email}</span>
            </>,
            roleName(p.role),
            p.scope.join(', '),
            p.lastSignInAt ? formatDay(p.lastSignInAt, locale) : t(locale, 'accounts.people.never'),
            ...(may.revoke
              ? [
                  p.role === 'coordinator' && p.userId === props.currentUserId ? (
                    ''
                  ) : (
                    <form method="post" action={`${basePath}/beheer/mensen/rollen/${p.membershipId}/intrekken`}>
                      <CsrfField token={props.csrfToken} />
                      <button
                        class="utrecht-button utrecht-button--secondary-action utrecht-button--small"
                        type="submit"
                        aria-label={t(locale, 'accounts.people.revokeLabel', { role: roleName(p.role), name: p.name || p.email })}
                      >
                        {t(locale, 'accounts.people.revoke')}
                      </button>
                    </form>
                  ),
                ]
              : []),
          ])}
        />
      )}

      <h2 class="utrecht-heading-2">{t(locale, 'accounts.people.pending')}</h2>
      {props.invitations.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'accounts.people.noPending')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {props.invitations.map((i) => (
            <li class="utrecht-unordered-list__item">
              {i.email} — {roleName(i.role)}
              {i.scope.length > 0 && ` (${i.scope.join(', ')})`} — {t(locale, 'accounts.people.expires')} {formatDay(i.expiresAt, locale)}
              {may.invite && (
                <form method="post" action={`${basePath}/beheer/mensen/uitnodigingen/${i.id}/intrekken`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  <button class="utrecht-button utrecht-button--subtle utrecht-button--small" type="submit" aria-label={t(locale, 'accounts.people.withdrawLabel', { email: i.email })}>
                    {t(locale, 'accounts.people.withdraw')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}

      {may.invite && (
        <>
          <h2 class="utrecht-heading-2" id="uitnodigen">
            {t(locale, 'accounts.people.invite')}
          </h2>
          <form class="utrecht-form narrow-form" method="post" action={`${basePath}/beheer/mensen/uitnodigen`} novalidate>
            <CsrfField token={props.csrfToken} />
            <TextField locale={locale} name="email" type="email" label={t(locale, 'accounts.email')} value={props.form.email} required maxLength={254} problems={props.problems} />
            <ChoiceField
              locale={locale}
              name="role"
              type="radio"
              legend={t(locale, 'accounts.people.role')}
              options={roles.map((r) => ({ value: r, label: `${roleName(r)}: ${t(locale, `accounts.people.roleHint.${r}` as MessageKey)}` }))}
              selected={[props.form.role]}
              problems={props.problems}
            />
            {props.choices.organisations.length > 0 && (
              <ChoiceField
                locale={locale}
                name="organisationIds"
                type="checkbox"
                legend={t(locale, 'accounts.people.organisations')}
                options={props.choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))}
                selected={props.form.organisationIds}
                problems={props.problems}
              />
            )}
            {props.choices.schools.length > 0 && (
              <ChoiceField
                locale={locale}
                name="locationIds"
                type="checkbox"
                legend={t(locale, 'accounts.people.schools')}
                options={props.choices.schools.map((s) => ({ value: String(s.id), label: `${s.name}${s.city ? `, ${s.city}` : ''}` }))}
                selected={props.form.locationIds}
                problems={props.problems}
              />
            )}
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t(locale, 'accounts.people.inviteSubmit')}
            </button>
          </form>
        </>
      )}
    </ManageFrame>
  );
}
