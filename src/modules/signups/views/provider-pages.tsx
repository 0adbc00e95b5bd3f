import type { FieldProblem } from '../../../core/errors.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatEuros, formatTime } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { StaffContext } from '../../passes/views/pass-lookup-page.js';
import type { ListedChild, ProviderSession, SessionForSignup } from '../queries/signup-queries.js';

export const manageSignupsPath = '/beheer/aanmeldingen';

function when(date: Date, locale: Locale): string {
  return `${formatDay(date, locale)}, ${formatTime(date, locale)}`;
}

/** The provider's sessions with sign-up: counts per session, a link to each list. */
export function ProviderOverviewPage(props: { ctx: StaffContext; sessions: ProviderSession[] }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.manage');
  return (
    <ManageFrame ctx={ctx} title={title} current={manageSignupsPath}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'signups.manage.intro')}</p>
      {props.sessions.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'signups.manage.none')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'signups.column.when'), t(locale, 'signups.column.activity'), t(locale, 'signups.manage.column.places'), t(locale, 'signups.manage.column.waiting'), t(locale, 'signups.manage.column.lottery')]}
          rows={props.sessions.map((s) => [
            <a class="utrecht-link" href={`${basePath}${manageSignupsPath}/sessie/${s.id}`}>
              {when(s.startsAt, locale)}
              {s.status === 'cancelled' ? ` (${t(locale, 'signups.manage.cancelledTag')})` : ''}
            </a>,
            s.activityTitle,
            `${s.confirmed + s.offered + s.classPupils} / ${s.capacity ?? '–'}`,
            String(s.waiting),
            s.mode === 'lottery' ? (
              <a class="utrecht-link" href={`${basePath}${manageSignupsPath}/activiteit/${s.activityId}/loting`}>
                {t(locale, 'signups.manage.lotteryLink', { n: s.entered })}
              </a>
            ) : (
              '–'
            ),
          ])}
        />
      )}
    </ManageFrame>
  );
}

function attendanceText(locale: Locale, c: ListedChild): string {
  if (c.scanned) return t(locale, 'signups.attendance.scanned');
  if (c.attendance === 'attended') return t(locale, 'signups.attendance.attended');
  if (c.attendance === 'no_show') return t(locale, 'signups.attendance.no_show');
  return t(locale, 'signups.attendance.unknown');
}

/** One session's list: children by pseudonym, their place, attendance and payment; and cancelling the session. */
export function SessionListPage(props: { ctx: StaffContext; session: SessionForSignup; children: ListedChild[]; started: boolean; problems: FieldProblem[]; notice?: string | undefined }) {
  const { ctx, session, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.list.title', { activity: session.activity.title, when: when(session.startsAt, locale) });
  const path = `${basePath}${manageSignupsPath}/sessie/${session.id}`;
  const confirmed = props.children.filter((c) => c.status === 'confirmed');
  const others = props.children.filter((c) => c.status !== 'confirmed');
  return (
    <ManageFrame ctx={ctx} title={title} current={manageSignupsPath} notice={props.notice}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary problems={problems} locale={locale} />
      <p class="utrecht-paragraph">
        {session.status === 'cancelled'
          ? t(locale, 'signups.list.cancelled')
          : t(locale, 'signups.list.counts', { taken: session.taken, capacity: session.capacity ?? '–', waiting: session.waiting })}
      </p>
      <p class="utrecht-paragraph">{t(locale, 'signups.list.privacy')}</p>
      <h2 class="utrecht-heading-2">{t(locale, 'signups.list.confirmed')}</h2>
      {confirmed.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'signups.list.noneConfirmed')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'signups.list.column.child'), t(locale, 'signups.list.column.attendance'), t(locale, 'signups.column.price'), t(locale, 'signups.list.column.mark')]}
          rows={confirmed.map((c) => [
            c.pseudonym,
            attendanceText(locale, c),
            c.priceCents === 0
              ? t(locale, 'price.free')
              : `${t(locale, 'price.amount', { amount: formatEuros(c.priceCents, locale) })}${c.reduction ? ` (${t(locale, 'signups.form.stadspas')})` : ''}, ${t(locale, c.paid ? 'signups.paid.yes' : 'signups.paid.no')}`,
            <div class="signup-actions">
              {props.started && !c.scanned ? (
                <form class="utrecht-form inline-form" method="post" action={`${path}/aanwezigheid`}>
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="signupId" value={c.signupId} />
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="aanwezig" value="ja">
                    {t(locale, 'signups.list.markAttended', { child: c.pseudonym })}
                  </button>
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="aanwezig" value="nee">
                    {t(locale, 'signups.list.markNoShow', { child: c.pseudonym })}
                  </button>
                </form>
              ) : null}
              {c.priceCents > 0 ? (
                <form class="utrecht-form inline-form" method="post" action={`${path}/betaald`}>
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="signupId" value={c.signupId} />
                  <input type="hidden" name="betaald" value={c.paid ? 'nee' : 'ja'} />
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                    {t(locale, c.paid ? 'signups.list.markUnpaid' : 'signups.list.markPaid', { child: c.pseudonym })}
                  </button>
                </form>
              ) : null}
            </div>,
          ])}
        />
      )}
      <h2 class="utrecht-heading-2">{t(locale, 'signups.list.others')}</h2>
      {others.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'signups.list.noneOthers')}</p>
      ) : (
        <DataTable
          headers={[t(locale, 'signups.list.column.child'), t(locale, 'signups.column.status')]}
          rows={others.map((c) => [
            c.pseudonym,
            c.status === 'waiting'
              ? t(locale, 'signups.status.waiting', { position: c.position ?? 0 })
              : c.status === 'offered'
                ? t(locale, 'signups.status.offered', { deadline: c.offerExpiresAt ? when(c.offerExpiresAt, locale) : '' })
                : t(locale, `signups.status.${c.status}`),
          ])}
        />
      )}
      {session.status === 'scheduled' && !props.started ? (
        <>
          <h2 class="utrecht-heading-2" id="afgelasten">
            {t(locale, 'signups.list.cancelSession')}
          </h2>
          <p class="utrecht-paragraph">{t(locale, 'signups.list.cancelSession.intro')}</p>
          <form class="utrecht-form narrow-form" method="post" action={`${path}/afgelasten`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField locale={locale} name="reason" label={t(locale, 'signups.list.reason')} hint={t(locale, 'signups.list.reason.hint')} maxLength={500} multiline problems={problems} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t(locale, 'signups.list.cancelSession.submit')}
            </button>
          </form>
        </>
      ) : null}
    </ManageFrame>
  );
}
