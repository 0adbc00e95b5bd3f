import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../db/schema.js';

/** The platform's front page when it hosts several ecosystems. */
export function ChooserPage({ locale, ecosystems }: { locale: Locale; ecosystems: Ecosystem[] }) {
  return (
    <Layout title={t(locale, 'home.chooseEcosystem')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'home.chooseEcosystem')}</h1>
      {ecosystems.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'home.noEcosystems')}</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {ecosystems.map((e) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`/e/${e.slug}/`}>
                {e.name}
              </a>
              {e.municipalities.length > 0 && ` (${e.municipalities.join(', ')})`}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
