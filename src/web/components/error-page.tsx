import type { Ecosystem } from '../../modules/ecosystems/db/schema.js';
import { t, type Locale } from '../i18n/index.js';
import { Layout } from '../layout.js';
import { Alert } from './alert.js';

export interface ErrorPageProps {
  locale: Locale;
  message: string;
  problems: Array<{ field: string; message: string }>;
  ecosystem?: Ecosystem | undefined;
  basePath?: string;
}

export function ErrorPage(props: ErrorPageProps) {
  const { locale } = props;
  return (
    <Layout title={t(locale, 'error.pageTitle')} locale={locale} ecosystem={props.ecosystem} basePath={props.basePath ?? ''}>
      <h1 class="utrecht-heading-1">{t(locale, 'error.pageTitle')}</h1>
      <Alert type="error" role="alert">
        <p class="utrecht-paragraph">{props.message}</p>
        {props.problems.length > 0 && (
          <ul class="utrecht-unordered-list">
            {props.problems.map((p) => (
              <li class="utrecht-unordered-list__item">{p.message}</li>
            ))}
          </ul>
        )}
      </Alert>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={props.ecosystem ? `${props.basePath ?? ''}/` : '/'}>
          {t(locale, 'error.backHome')}
        </a>
      </p>
    </Layout>
  );
}
