import type { ManageLink } from '../../core/modules.js';
import { t, type Locale } from '../i18n/index.js';

/**
 * The menu of every management page: the pages of all modules this person may
 * open in the ecosystem (each module's manifest decides its own, by its policies).
 */
export function ManageNav({ locale, basePath, links, current }: { locale: Locale; basePath: string; links: ManageLink[]; current?: string | undefined }) {
  return (
    <nav class="manage-nav" aria-label={t(locale, 'manage.nav')}>
      <ul class="utrecht-nav-list">
        <li class="utrecht-nav-list__item">
          <a class="utrecht-nav-list__link utrecht-link" href={`${basePath}/beheer`} aria-current={current === '/beheer' ? 'page' : undefined}>
            {t(locale, 'manage.title')}
          </a>
        </li>
        {links.map((link) => (
          <li class="utrecht-nav-list__item">
            <a class="utrecht-nav-list__link utrecht-link" href={`${basePath}${link.path}`} aria-current={current === link.path ? 'page' : undefined}>
              {t(locale, link.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
