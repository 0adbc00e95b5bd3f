import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { passCardPaths } from '../pass-card-links.js';
import { formatPassCode } from '../pass-code.js';

/**
 * What a phone's camera opens from a card's QR code: a short public page about
 * the pass, with the way to the path page. It says nothing about the child and
 * does not even look the code up, so it reveals nothing about any pass.
 */
export function PassLandingPage(props: { locale: Locale; ecosystem: Ecosystem; basePath: string; code: string; mayScan: boolean }) {
  const { locale, basePath, code } = props;
  const name = props.ecosystem.name;
  return (
    <Layout title={t(locale, 'passLanding.title')} locale={locale} ecosystem={props.ecosystem} basePath={basePath}>
      <h1 class="utrecht-heading-1">{t(locale, 'passLanding.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'passLanding.intro', { ecosystem: name })}</p>
      <p class="utrecht-paragraph">
        {t(locale, 'passLanding.code')} <strong class="pass-code">{formatPassCode(code)}</strong>
      </p>
      {props.mayScan && (
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${basePath}/scannen?code=${code}`}>
            {t(locale, 'passLanding.scan')}
          </a>
        </p>
      )}
      <h2 class="utrecht-heading-2">{t(locale, 'passLanding.pathTitle')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'passLanding.pathText')}</p>
      <p class="utrecht-paragraph">
        <a class={`utrecht-button-link utrecht-button-link--html-a ${props.mayScan ? 'utrecht-button-link--secondary-action' : 'utrecht-button-link--primary-action'}`} href={`${basePath}${passCardPaths.pathPage}?code=${code}`}>
          {t(locale, 'passLanding.pathLink')}
        </a>
      </p>
      <h2 class="utrecht-heading-2">{t(locale, 'passLanding.parentTitle')}</h2>
      <p class="utrecht-paragraph">{t(locale, 'passLanding.parentText')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${basePath}${passCardPaths.parentPage}`}>
          {t(locale, 'passLanding.parentLink')}
        </a>
      </p>
      <p class="utrecht-paragraph muted">{t(locale, 'passLanding.lost')}</p>
    </Layout>
  );
}
