import type { ManageLink } from '../../../core/modules.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { Alert } from '../../../web/components/alert.js';
import { t, type Locale } from '../../../web/i18n/index.js';

/** The start of managing an ecosystem: every management page this person may open, and nothing else. */
export function ManagePage({ locale, ecosystem, basePath, links, welcome }: { locale: Locale; ecosystem: Ecosystem; basePath: string; links: ManageLink[]; welcome: boolean }) {
  return (
    <ManageFrame ctx={{ locale, ecosystem, basePath, links }} title={t(locale, 'manage.title')} current="/beheer">
      <h1 class="utrecht-heading-1">{t(locale, 'manage.title')}</h1>
      {welcome && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, 'accounts.invitation.accepted', { ecosystem: ecosystem.name })}</p>
        </Alert>
      )}
      <ul class="manage-list">
        {links.map((link) => (
          <li>
            <a class="utrecht-link manage-list__link" href={`${basePath}${link.path}`}>
              {t(locale, link.label)}
            </a>
            <p class="utrecht-paragraph">{t(locale, link.description)}</p>
          </li>
        ))}
      </ul>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/account">
          {t(locale, 'accounts.account.title')}
        </a>
      </p>
    </ManageFrame>
  );
}
