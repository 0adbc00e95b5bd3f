import type { ComponentChildren } from 'preact';
import type { Ecosystem } from '../modules/ecosystems/db/schema.js';
import { t, type Locale } from './i18n/index.js';
import { jsonForScript } from './render.js';

export interface LayoutProps {
  title: string;
  locale: Locale;
  ecosystem?: Ecosystem | undefined;
  basePath?: string;
  /** Which main navigation item is current. */
  current?: 'home' | 'search' | 'map';
  description?: string;
  /** Client scripts (paths under /assets/js), loaded deferred. */
  scripts?: string[];
  styles?: string[];
  jsonLd?: unknown;
  canonical?: string;
  children: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { locale, ecosystem, basePath = '' } = props;
  const siteName = ecosystem?.name ?? t(locale, 'app.name');
  const nav = ecosystem
    ? [
        { id: 'home', href: `${basePath}/`, label: t(locale, 'nav.home') },
        { id: 'search', href: `${basePath}/zoeken`, label: t(locale, 'nav.search') },
        { id: 'map', href: `${basePath}/kaart`, label: t(locale, 'nav.map') },
      ]
    : [];
  return (
    <html lang={locale} class="utrecht-theme">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${siteName}`}</title>
        {props.description && <meta name="description" content={props.description} />}
        {props.canonical && <link rel="canonical" href={props.canonical} />}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/css/app.css" />
        {ecosystem?.settings.primaryColor && <link rel="stylesheet" href={`${basePath}/thema.css?v=${ecosystem.updated_at.getTime()}`} />}
        {props.styles?.map((href) => <link rel="stylesheet" href={href} />)}
        {props.scripts?.map((src) => <script src={src} defer />)}
        {props.jsonLd !== undefined && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(props.jsonLd) }} />
        )}
      </head>
      <body class="utrecht-page utrecht-document utrecht-html">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
          {t(locale, 'app.skipToContent')}
        </a>
        {ecosystem?.is_demo && (
          <div class="demo-banner" role="note">
            {t(locale, 'app.demoBanner')}
          </div>
        )}
        <header class="utrecht-page-header site-header">
          <div class="site-width">
            <a class="site-name" href={ecosystem ? `${basePath}/` : '/'}>
              {ecosystem?.settings.logoUrl && <img class="site-logo" src={ecosystem.settings.logoUrl} alt="" height={40} />}
              {siteName}
            </a>
            {nav.length > 0 && (
              <nav class="utrecht-nav-bar site-nav" aria-label={t(locale, 'nav.main')}>
                <ul class="utrecht-nav-list">
                  {nav.map((item) => (
                    <li class="utrecht-nav-list__item">
                      <a
                        class="utrecht-nav-list__link utrecht-link"
                        href={item.href}
                        aria-current={props.current === item.id ? 'page' : undefined}
                      >
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </div>
        </header>
        <main id="inhoud" class="utrecht-page-content site-width">
          {props.children}
        </main>
        <footer class="utrecht-page-footer site-footer">
          <div class="site-width">
            <p class="utrecht-paragraph">{t(locale, 'app.footer')}</p>
            <p class="utrecht-paragraph">
              <a class="utrecht-link" href="/api/docs">
                {t(locale, 'app.apiDocs')}
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
