import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';

export interface LinkRequestPageProps {
  locale: Locale;
  purpose: 'sign_in' | 'password_reset';
  csrfToken: string;
  email: string;
  problems: FieldProblem[];
  sent: boolean;
}

/** Asks for an e-mail address to mail a sign-in or reset link to; says the same thing whether or not the address is known. */
export function LinkRequestPage(props: LinkRequestPageProps) {
  const { locale } = props;
  const signIn = props.purpose === 'sign_in';
  const title = t(locale, signIn ? 'accounts.signInLink.title' : 'accounts.reset.title');
  return (
    <Layout title={title} locale={locale}>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.sent ? (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, signIn ? 'accounts.signInLink.sent' : 'accounts.reset.sent')}</p>
        </Alert>
      ) : (
        <>
          <ErrorSummary problems={props.problems} locale={locale} />
          <p class="utrecht-paragraph">{t(locale, signIn ? 'accounts.signInLink.intro' : 'accounts.reset.intro')}</p>
          <form class="utrecht-form narrow-form" method="post" action={signIn ? '/inloggen/link' : '/wachtwoord-vergeten'} novalidate>
            <CsrfField token={props.csrfToken} />
            <TextField locale={locale} name="email" type="email" label={t(locale, 'accounts.email')} value={props.email} autocomplete="username" required problems={props.problems} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t(locale, signIn ? 'accounts.signInLink.submit' : 'accounts.reset.submit')}
            </button>
          </form>
        </>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/inloggen">
          {t(locale, 'accounts.signIn.title')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * The page a sign-in link opens. Signing in takes one more click (a POST), so
 * mail scanners that open links do not use up the link or sign anyone in.
 */
export function LinkConfirmPage({ locale, csrfToken, email, token }: { locale: Locale; csrfToken: string; email: string; token: string }) {
  return (
    <Layout title={t(locale, 'accounts.signInLink.confirmTitle')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'accounts.signInLink.confirmTitle')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'accounts.signInLink.confirmIntro', { email })}</p>
      <form class="utrecht-form" method="post" action={`/inloggen/link/${token}`}>
        <CsrfField token={csrfToken} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'accounts.signInLink.confirm')}
        </button>
      </form>
    </Layout>
  );
}

/** Choosing a new password through a reset link. */
export function ResetPasswordPage({ locale, csrfToken, email, token, problems }: { locale: Locale; csrfToken: string; email: string; token: string; problems: FieldProblem[] }) {
  return (
    <Layout title={t(locale, 'accounts.reset.chooseTitle')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'accounts.reset.chooseTitle')}</h1>
      <ErrorSummary problems={problems} locale={locale} />
      <p class="utrecht-paragraph">{t(locale, 'accounts.reset.chooseIntro', { email })}</p>
      <form class="utrecht-form narrow-form" method="post" action={`/wachtwoord-herstellen/${token}`} novalidate>
        <CsrfField token={csrfToken} />
        {/* A hidden username lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <TextField locale={locale} name="password" type="password" label={t(locale, 'accounts.password.new')} hint={t(locale, 'accounts.password.hint')} autocomplete="new-password" required problems={problems} />
        <TextField locale={locale} name="repeat" type="password" label={t(locale, 'accounts.password.repeat')} autocomplete="new-password" required problems={problems} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'accounts.reset.choose')}
        </button>
      </form>
    </Layout>
  );
}
