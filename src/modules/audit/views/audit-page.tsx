import type { ManageLink } from '../../../core/modules.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import type { AuditEvent } from '../db/schema.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { hasMessage, t, type Locale, type MessageKey } from '../../../web/i18n/index.js';

type Row = Pick<AuditEvent, 'id' | 'actor_kind' | 'actor_label' | 'action' | 'subject_type' | 'subject_id' | 'details' | 'at'>;

export interface AuditPageProps {
  /** The management pages this person may open, for the menu. */
  manageLinks: ManageLink[];
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  items: Row[];
  more: boolean;
  groups: string[];
  group: string;
}

/** An action in words where the catalogue has them (`audit.action.<action>`), else as stored. */
function actionLabel(locale: Locale, action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(locale, key as MessageKey) : action;
}

function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** The coordinator's read-only view of the ecosystem's audit log. */
export function AuditPage(props: AuditPageProps) {
  const { locale, basePath } = props;
  const who = (row: Row) => (row.actor_kind === 'user' ? row.actor_label : row.actor_kind === 'admin' ? t(locale, 'audit.apiKey') : t(locale, 'audit.system'));
  const last = props.items[props.items.length - 1];
  return (
    <ManageFrame ctx={{ locale, ecosystem: props.ecosystem, basePath, links: props.manageLinks }} title={t(locale, 'audit.title')} current="/beheer/logboek">
      <h1 class="utrecht-heading-1">{t(locale, 'audit.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'audit.intro', { ecosystem: props.ecosystem.name })}</p>
      <form class="utrecht-form inline-filter" method="get" action={`${basePath}/beheer/logboek`}>
        <div class="utrecht-form-field utrecht-form-field--select">
          <label class="utrecht-form-label" for="veld-actie">
            {t(locale, 'audit.filterAction')}
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="veld-actie" name="actie">
            <option value="">{t(locale, 'audit.filterAll')}</option>
            {props.groups.map((g) => (
              <option value={g} selected={g === props.group}>
                {actionLabel(locale, g)}
              </option>
            ))}
          </select>
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {t(locale, 'audit.filter')}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'audit.empty')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'audit.when'), t(locale, 'audit.who'), t(locale, 'audit.what'), t(locale, 'audit.subject'), t(locale, 'audit.details')]}
          class="audit-table"
          rows={props.items.map((row) => [
            `${formatDay(row.at, locale)} ${formatTime(row.at, locale)}`,
            who(row),
            actionLabel(locale, row.action),
            row.subject_type ? `${row.subject_type} ${row.subject_id}` : '',
            detailText(row.details),
          ])}
        />
      )}
      {props.more && last && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`${basePath}/beheer/logboek?voor=${last.id}${props.group ? `&actie=${encodeURIComponent(props.group)}` : ''}`}>
            {t(locale, 'audit.older')}
          </a>
        </p>
      )}
    </ManageFrame>
  );
}
