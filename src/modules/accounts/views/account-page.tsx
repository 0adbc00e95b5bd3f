import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { Alert } from '../../../web/components/alert.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { UserActor } from '../queries/actor-loader.js';

/** The signed-in person's own page: who they are, their roles, and signing out. */
export function AccountPage(props: { locale: Locale; actor: UserActor; ecosystems: Ecosystem[]; csrfToken: string; passwordChanged: boolean; manageable: Set<number> }) {
  const { locale, actor, ecosystems, csrfToken, passwordChanged, manageable } = props;
  const name = (id: number) => ecosystems.find((e) => e.id === id);
  return (
    <Layout title={t(locale, 'accounts.account.title')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'accounts.account.title')}</h1>
      {passwordChanged && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, 'accounts.account.passwordChanged')}</p>
        </Alert>
      )}
      <p class="utrecht-paragraph">{t(locale, 'accounts.account.signedInAs', { name: actor.name || actor.email, email: actor.email })}</p>
      <h2 class="utrecht-heading-2">{t(locale, 'accounts.account.roles')}</h2>
      {actor.memberships.length === 0 && !actor.platformAdmin ? (
        <p class="utrecht-paragraph">{t(locale, 'accounts.account.noRoles')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {actor.platformAdmin && (
            <li class="utrecht-unordered-list__item">
              {t(locale, 'accounts.role.platform_admin')}
              {' — '}
              <a class="utrecht-link" href="/beheer/post">
                {t(locale, 'manage.outbox')}
              </a>
            </li>
          )}
          {actor.memberships.map((m) => {
            const eco = name(m.ecosystemId);
            return (
              <li class="utrecht-unordered-list__item">
                {t(locale, `accounts.role.${m.role}` as MessageKey)}
                {eco && (
                  <>
                    {' — '}
                    <a class="utrecht-link" href={`/e/${eco.slug}/`}>
                      {eco.name}
                    </a>
                    {manageable.has(eco.id) && (
                      <>
                        {' · '}
                        <a class="utrecht-link" href={`/e/${eco.slug}/beheer`}>
                          {t(locale, 'manage.accountLink', { name: eco.name })}
                        </a>
                      </>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {actor.platformAdmin && ecosystems.length > 0 && (
        <>
          <h2 class="utrecht-heading-2">{t(locale, 'accounts.account.allEcosystems')}</h2>
          <ul class="utrecht-unordered-list">
            {ecosystems.map((eco) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`/e/${eco.slug}/beheer`}>
                  {eco.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="button-row">
        <form method="post" action="/uitloggen">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'accounts.signOut.submit')}
          </button>
        </form>
        <form method="post" action="/uitloggen/overal">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'accounts.signOut.everywhere')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
