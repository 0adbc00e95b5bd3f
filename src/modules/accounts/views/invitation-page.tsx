import type { FieldProblem } from '../../../core/errors.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { OpenInvitation } from '../commands/invitation-commands.js';

export interface InvitationPageProps {
  locale: Locale;
  csrfToken: string;
  token: string;
  invitation: OpenInvitation;
  name: string;
  problems: FieldProblem[];
}

/** Where an invitation link lands: a new person sets a name and password; someone known just accepts. */
export function InvitationPage(props: InvitationPageProps) {
  const { locale, invitation } = props;
  const isNew = invitation.user_id === null;
  return (
    <Layout title={t(locale, 'accounts.invitation.title')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'accounts.invitation.title')}</h1>
      <ErrorSummary problems={props.problems} locale={locale} />
      <p class="utrecht-paragraph">
        {t(locale, 'accounts.invitation.intro', { ecosystem: invitation.ecosystem_name, role: t(locale, `accounts.role.${invitation.role}` as MessageKey) })}
      </p>
      <p class="utrecht-paragraph">{t(locale, isNew ? 'accounts.invitation.newAccount' : 'accounts.invitation.existing', { email: invitation.email })}</p>
      <form class="utrecht-form narrow-form" method="post" action={`/uitnodiging/${props.token}`} novalidate>
        <CsrfField token={props.csrfToken} />
        {isNew && (
          <>
            <input type="hidden" name="username" value={invitation.email} autocomplete="username" />
            <TextField locale={locale} name="name" label={t(locale, 'accounts.name')} value={props.name} autocomplete="name" maxLength={200} required problems={props.problems} />
            <TextField locale={locale} name="password" type="password" label={t(locale, 'accounts.password')} hint={t(locale, 'accounts.password.hint')} autocomplete="new-password" required problems={props.problems} />
            <TextField locale={locale} name="repeat" type="password" label={t(locale, 'accounts.password.repeat')} autocomplete="new-password" required problems={props.problems} />
          </>
        )}
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, isNew ? 'accounts.invitation.create' : 'accounts.invitation.accept')}
        </button>
      </form>
    </Layout>
  );
}
