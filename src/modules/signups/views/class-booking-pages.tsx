import type { FieldProblem } from '../../../core/errors.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { StaffContext } from '../../passes/views/pass-lookup-page.js';
import type { ClassBookingForm } from '../commands/class-booking-commands.js';
import type { ClassBookingRow } from '../queries/class-booking-queries.js';

export const classBookingsPath = '/beheer/klasboekingen';

function when(date: Date, locale: Locale): string {
  return `${formatDay(date, locale)}, ${formatTime(date, locale)}`;
}

/** A labelled select with its error, as the NL Design System marks it up. */
function Select(props: { locale: Locale; name: string; label: string; options: Array<{ value: string; label: string }>; value: string; problems: FieldProblem[]; hint?: string | undefined }) {
  const own = props.problems.filter((p) => p.field === props.name);
  const id = `veld-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', own.length ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`utrecht-form-field utrecht-form-field--select${own.length ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="utrecht-form-field-description" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {own.length ? (
        <p class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {own.map((p) => t(props.locale, p.key, p.params)).join(' ')}
        </p>
      ) : null}
      <select class="utrecht-select utrecht-select--html-select" id={id} name={props.name} aria-describedby={describedBy} aria-invalid={own.length ? 'true' : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The class bookings the reader deals with: a teacher's own requests, a provider's requests to decide. */
export function ClassBookingsPage(props: { ctx: StaffContext; rows: ClassBookingRow[]; mayDecide: (organisationId: number) => boolean; mayCancel: (schoolLocationId: number) => boolean; mayRequest: boolean; problems: FieldProblem[]; notice?: string | undefined }) {
  const { ctx, rows, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'classBookings.title');
  return (
    <ManageFrame ctx={ctx} title={title} current={classBookingsPath} notice={props.notice}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary problems={problems} locale={locale} />
      <p class="utrecht-paragraph">{t(locale, 'classBookings.intro')}</p>
      {props.mayRequest ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${basePath}${classBookingsPath}/nieuw`}>
            {t(locale, 'classBookings.new')}
          </a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'classBookings.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'signups.column.activity'), t(locale, 'classBookings.column.class'), t(locale, 'classBookings.column.when'), t(locale, 'signups.column.status'), t(locale, 'signups.column.change')]}
          rows={rows.map((r) => [
            r.activityTitle,
            t(locale, 'classBookings.class', { school: r.school, group: r.groupLabel, pupils: r.pupils }),
            r.startsAt ? `${when(r.startsAt, locale)}${r.status === 'requested' ? ` (${t(locale, 'classBookings.wish')})` : ''}${r.wishes ? `; ${r.wishes}` : ''}` : r.wishes,
            `${t(locale, `classBookings.status.${r.status}`)}${r.providerNote ? `: ${r.providerNote}` : ''}`,
            <div class="signup-actions">
              {r.status === 'requested' && props.mayDecide(r.organisationId) ? (
                <>
                  <form class="utrecht-form inline-form" method="post" action={`${basePath}${classBookingsPath}/${r.id}/bevestigen`}>
                    <CsrfField token={ctx.csrfToken} />
                    <label class="utrecht-form-label" for={`sessie-${r.id}`}>
                      {t(locale, 'classBookings.session')}
                    </label>
                    <select class="utrecht-select utrecht-select--html-select" id={`sessie-${r.id}`} name="sessionId">
                      {r.sessions.map((s) => (
                        <option value={String(s.id)} selected={s.id === r.sessionId}>
                          {when(s.startsAt, locale)}
                        </option>
                      ))}
                    </select>
                    <button class="utrecht-button utrecht-button--primary-action" type="submit">
                      {t(locale, 'classBookings.confirm')}
                    </button>
                  </form>
                  <form class="utrecht-form inline-form" method="post" action={`${basePath}${classBookingsPath}/${r.id}/afwijzen`}>
                    <CsrfField token={ctx.csrfToken} />
                    <label class="utrecht-form-label" for={`notitie-${r.id}`}>
                      {t(locale, 'classBookings.note')}
                    </label>
                    <input class="utrecht-textbox utrecht-textbox--html-input" id={`notitie-${r.id}`} name="note" maxLength={500} />
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                      {t(locale, 'classBookings.decline')}
                    </button>
                  </form>
                </>
              ) : null}
              {(r.status === 'requested' || r.status === 'confirmed') && props.mayCancel(r.schoolLocationId) ? (
                <form class="utrecht-form inline-form" method="post" action={`${basePath}${classBookingsPath}/${r.id}/annuleren`}>
                  <CsrfField token={ctx.csrfToken} />
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                    {t(locale, 'classBookings.cancel')}
                  </button>
                </form>
              ) : null}
            </div>,
          ])}
        />
      )}
    </ManageFrame>
  );
}

/** The teacher's request: first the activity (a plain GET form), then the class and the date. */
export function ClassBookingRequestPage(props: {
  ctx: StaffContext;
  activities: Array<{ id: number; title: string }>;
  schools: Array<{ id: number; name: string }>;
  sessions: Array<{ id: number; startsAt: Date }>;
  form: ClassBookingForm;
  problems: FieldProblem[];
}) {
  const { ctx, form, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'classBookings.new');
  const chosen = props.activities.find((a) => String(a.id) === form.activityId);
  return (
    <ManageFrame ctx={ctx} title={title} current={classBookingsPath}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form narrow-form" method="get" action={`${basePath}${classBookingsPath}/nieuw`}>
        <Select
          locale={locale}
          name="activiteit"
          label={t(locale, 'classBookings.activity')}
          options={[{ value: '', label: t(locale, 'classBookings.chooseActivity') }, ...props.activities.map((a) => ({ value: String(a.id), label: a.title }))]}
          value={form.activityId}
          problems={[]}
        />
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {t(locale, 'classBookings.next')}
        </button>
      </form>
      {chosen ? (
        <form class="utrecht-form narrow-form" method="post" action={`${basePath}${classBookingsPath}/nieuw`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="activityId" value={String(chosen.id)} />
          <h2 class="utrecht-heading-2">{chosen.title}</h2>
          <Select locale={locale} name="schoolLocationId" label={t(locale, 'classBookings.school')} options={props.schools.map((s) => ({ value: String(s.id), label: s.name }))} value={form.schoolLocationId} problems={problems} />
          <TextField locale={locale} name="groupLabel" label={t(locale, 'classBookings.group')} hint={t(locale, 'classBookings.group.hint')} value={form.groupLabel} maxLength={100} problems={problems} />
          <TextField locale={locale} name="pupils" label={t(locale, 'classBookings.pupils')} value={form.pupils} maxLength={3} problems={problems} />
          <Select
            locale={locale}
            name="sessionId"
            label={t(locale, 'classBookings.sessionWish')}
            options={[{ value: '', label: t(locale, 'classBookings.anyDate') }, ...props.sessions.map((s) => ({ value: String(s.id), label: when(s.startsAt, locale) }))]}
            value={form.sessionId}
            problems={problems}
          />
          <TextField locale={locale} name="wishes" label={t(locale, 'classBookings.wishes')} hint={t(locale, 'classBookings.wishes.hint')} value={form.wishes} maxLength={500} multiline problems={problems} />
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {t(locale, 'classBookings.submit')}
          </button>
        </form>
      ) : null}
    </ManageFrame>
  );
}
