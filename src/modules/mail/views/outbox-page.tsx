import type { MailMessage } from '../db/schema.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { Alert } from '../../../web/components/alert.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';

type Row = Pick<MailMessage, 'id' | 'to_address' | 'subject' | 'kind' | 'status' | 'created_at'>;

const when = (date: Date, locale: Locale) => `${formatDay(date, locale)} ${formatTime(date, locale)}`;

/** The platform administrator's view of all mail: what went out, what is waiting, what failed. */
export function OutboxPage({ locale, items, more, delivers }: { locale: Locale; items: Row[]; more: boolean; delivers: boolean }) {
  return (
    <Layout title={t(locale, 'outbox.title')} locale={locale}>
      <h1 class="utrecht-heading-1">{t(locale, 'outbox.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'outbox.intro')}</p>
      {!delivers && (
        <Alert type="info" role="status">
          <p class="utrecht-paragraph">{t(locale, 'outbox.noSmtp')}</p>
        </Alert>
      )}
      {items.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'outbox.empty')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'outbox.created'), t(locale, 'outbox.to'), t(locale, 'outbox.subject'), t(locale, 'outbox.status')]}
          rows={items.map((m) => [
            when(m.created_at, locale),
            m.to_address,
            <a class="utrecht-link" href={`/beheer/post/${m.id}`}>
              {m.subject}
            </a>,
            t(locale, `outbox.status.${m.status}` as MessageKey),
          ])}
        />
      )}
      {more && items.length > 0 && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/beheer/post?voor=${items[items.length - 1]?.id}`}>
            {t(locale, 'outbox.older')}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** One mail as it was (or will be) sent: plain text, which is what every mail client can show. */
export function MailPage({ locale, mail }: { locale: Locale; mail: MailMessage }) {
  return (
    <Layout title={mail.subject} locale={locale}>
      <p class="utrecht-paragraph breadcrumb">
        <a class="utrecht-link" href="/beheer/post">
          {t(locale, 'outbox.back')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{mail.subject}</h1>
      <dl class="facts">
        <dt>{t(locale, 'outbox.to')}</dt>
        <dd>{mail.to_address}</dd>
        <dt>{t(locale, 'outbox.kind')}</dt>
        <dd>{mail.kind}</dd>
        <dt>{t(locale, 'outbox.status')}</dt>
        <dd>{t(locale, `outbox.status.${mail.status}` as MessageKey)}</dd>
        <dt>{t(locale, 'outbox.created')}</dt>
        <dd>{when(mail.created_at, locale)}</dd>
        {mail.last_error && (
          <>
            <dt>{t(locale, 'outbox.lastError')}</dt>
            <dd>{mail.last_error}</dd>
          </>
        )}
      </dl>
      <h2 class="utrecht-heading-2">{t(locale, 'outbox.body')}</h2>
      {mail.text_body ? <pre class="mail-body">{mail.text_body}</pre> : <p class="utrecht-paragraph">{t(locale, 'outbox.bodyGone')}</p>}
    </Layout>
  );
}
