import { Alert } from '../../../web/components/alert.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';

export interface SignInPageProps {
  locale: Locale;
  csrfToken: string;
  next: string;
  email: string;
  failed: boolean;
  signedOut: boolean;
}

/** Sign-in with e-mail and password. One message for every failure, so the page never tells which addresses exist. */
export function SignInPage(props: SignInPageProps) {
  const { locale } = props;
  return (
    <Layout title={t(locale, 'accounts.signIn.title')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'accounts.signIn.title')}</h1>
      {props.signedOut && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, 'accounts.signOut.done')}</p>
        </Alert>
      )}
      {props.failed && (
        <Alert type="error" role="alert">
          <p class="utrecht-paragraph">{t(locale, 'accounts.signIn.failed')}</p>
        </Alert>
      )}
      <form class="utrecht-form narrow-form" method="post" action="/inloggen" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="volgende" value={props.next} />
        <div class="utrecht-form-field utrecht-form-field--text">
          <label class="utrecht-form-label" for="veld-email">
            {t(locale, 'accounts.email')}
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="email" id="veld-email" name="email" value={props.email} autocomplete="username" required />
        </div>
        <div class="utrecht-form-field utrecht-form-field--text">
          <label class="utrecht-form-label" for="veld-wachtwoord">
            {t(locale, 'accounts.password')}
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="password" id="veld-wachtwoord" name="password" autocomplete="current-password" required />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'accounts.signIn.submit')}
        </button>
      </form>
      <h2 class="utrecht-heading-2">{t(locale, 'accounts.signIn.otherWays')}</h2>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href="/inloggen/link">
            {t(locale, 'accounts.signIn.withLink')}
          </a>
        </li>
        <li class="utrecht-unordered-list__item">
          <a class="utrecht-link" href="/wachtwoord-vergeten">
            {t(locale, 'accounts.signIn.forgot')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
