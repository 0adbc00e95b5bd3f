import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';

/** A link from a mail that no longer works: say so, and offer the way to a new one. */
export function LinkExpiredPage({ locale, purpose }: { locale: Locale; purpose: 'sign_in' | 'password_reset' | 'invitation' }) {
  const message = purpose === 'invitation' ? t(locale, 'error.notFound.invitation') : t(locale, 'accounts.link.expired');
  return (
    <Layout title={t(locale, 'error.pageTitle')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'error.pageTitle')}</h1>
      <p class="utrecht-paragraph">{message}</p>
      {purpose !== 'invitation' && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={purpose === 'sign_in' ? '/inloggen/link' : '/wachtwoord-vergeten'}>
            {t(locale, purpose === 'sign_in' ? 'accounts.signIn.withLink' : 'accounts.signIn.forgot')}
          </a>
        </p>
      )}
    </Layout>
  );
}
