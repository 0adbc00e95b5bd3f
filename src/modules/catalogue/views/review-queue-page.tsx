import type { ManageLink } from '../../../core/modules.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { Alert } from '../../../web/components/alert.js';
import { formatDay } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { SubmittedActivity } from '../queries/review-queue.js';

export interface ReviewQueuePageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  items: SubmittedActivity[];
  csrfToken: string;
  done: 'published' | 'returned' | undefined;
  /** The management pages this person may open, for the menu. */
  manageLinks: ManageLink[];
}

/** The coordinator's review queue: publish what partners submitted, or send it back saying what to change. */
export function ReviewQueuePage(props: ReviewQueuePageProps) {
  const { locale, basePath } = props;
  return (
    <ManageFrame ctx={{ locale, ecosystem: props.ecosystem, basePath, links: props.manageLinks }} title={t(locale, 'review.title')} current="/beheer/beoordelen">
      <h1 class="utrecht-heading-1">{t(locale, 'review.title')}</h1>
      {props.done && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, props.done === 'published' ? 'review.published' : 'review.returned')}</p>
        </Alert>
      )}
      {props.items.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'review.empty')}</p>
      ) : (
        <ul class="result-list">
          {props.items.map((item) => (
            <li>
              <article class="result-card" aria-labelledby={`beoordeel-${item.id}`}>
                <h2 class="utrecht-heading-3" id={`beoordeel-${item.id}`}>
                  <a class="utrecht-link" href={`${basePath}/activiteiten/${item.id}`}>
                    {item.title}
                  </a>
                </h2>
                <p class="utrecht-paragraph">
                  {t(locale, 'review.submittedBy', { organisation: item.organisationName, date: item.submittedAt ? formatDay(item.submittedAt, locale) : '' })}
                </p>
                {item.summary && <p class="utrecht-paragraph">{item.summary}</p>}
                <div class="button-row">
                  <form method="post" action={`${basePath}/beheer/beoordelen/${item.id}/publiceren`}>
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-describedby={`beoordeel-${item.id}`}>
                      {t(locale, 'review.publish')}
                    </button>
                  </form>
                  <form method="post" action={`${basePath}/beheer/beoordelen/${item.id}/terugsturen`} class="return-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <div class="utrecht-form-field utrecht-form-field--text">
                      <label class="utrecht-form-label" for={`opmerking-${item.id}`}>
                        {t(locale, 'review.comment')}
                      </label>
                      <textarea class="utrecht-textarea utrecht-textbox utrecht-textbox--html-input" id={`opmerking-${item.id}`} name="comment" rows={3} maxLength={2000} required />
                    </div>
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                      {t(locale, 'review.return')}
                    </button>
                  </form>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </ManageFrame>
  );
}
