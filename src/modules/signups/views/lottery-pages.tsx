import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { ChoiceField, CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { formatDay, formatTime } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { StaffContext } from '../../passes/views/pass-lookup-page.js';
import type { LotterySettings, StoredDraw } from '../commands/lottery-commands.js';
import { pseudonymOf } from '../queries/signup-queries.js';
import { manageSignupsPath } from './provider-pages.js';

export const lotterySettingsPath = '/beheer/loting';

function when(date: Date, locale: Locale): string {
  return `${formatDay(date, locale)}, ${formatTime(date, locale)}`;
}

/** The priorities in words, for the draw page. */
export function rulesText(locale: Locale, settings: LotterySettings): string {
  const rules = [
    settings.firstTimers ? t(locale, 'signups.lottery.rules.firstTimers') : null,
    settings.prioritySesTierMax !== null ? t(locale, 'signups.lottery.rules.priorityAreas', { tier: settings.prioritySesTierMax }) : null,
    settings.siblingsTogether ? t(locale, 'signups.lottery.rules.siblings') : null,
    settings.oneBeforeTwo ? t(locale, 'signups.lottery.rules.oneBeforeTwo') : null,
  ].filter((r): r is string => r !== null);
  return rules.length ? rules.join('; ') : t(locale, 'signups.lottery.rules.none');
}

export interface WindowForm {
  opensAt: string;
  closesAt: string;
  offerHours: string;
}

/** A lottery activity: its window, the draw, and the report of who got what and why, with the re-run check. */
export function LotteryPage(props: {
  ctx: StaffContext;
  activity: { id: number; title: string };
  window: WindowForm;
  entries: number;
  sessions: Map<number, Date>;
  settings: LotterySettings;
  draw: (StoredDraw & { drawnAt: Date }) | undefined;
  verified?: { same: boolean } | undefined;
  problems: FieldProblem[];
  notice?: string | undefined;
}) {
  const { ctx, activity, draw, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.lottery.title', { activity: activity.title });
  const path = `${basePath}${manageSignupsPath}/activiteit/${activity.id}/loting`;
  const sessionWhen = (id: number) => {
    const d = props.sessions.get(id);
    return d ? when(d, locale) : `#${id}`;
  };
  return (
    <ManageFrame ctx={ctx} title={title} current={manageSignupsPath} notice={props.notice}>
      <h1 class="utrecht-heading-1">{title}</h1>
      {props.verified ? (
        <Alert type={props.verified.same ? 'ok' : 'error'} role="status">
          <p class="utrecht-paragraph">{t(locale, props.verified.same ? 'signups.lottery.verify.same' : 'signups.lottery.verify.different', { seed: draw?.seed ?? '' })}</p>
        </Alert>
      ) : null}
      <ErrorSummary problems={problems} locale={locale} />
      <p class="utrecht-paragraph">{t(locale, 'signups.lottery.entries', { n: props.entries, sessions: props.sessions.size })}</p>
      {draw ? null : (
        <>
          <h2 class="utrecht-heading-2">{t(locale, 'signups.lottery.window')}</h2>
          <p class="utrecht-paragraph">{t(locale, 'signups.lottery.window.intro')}</p>
          <form class="utrecht-form narrow-form" method="post" action={`${path}/venster`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField locale={locale} name="opensAt" label={t(locale, 'signups.lottery.opensAt')} hint={t(locale, 'signups.lottery.momentHint')} value={props.window.opensAt} maxLength={30} problems={problems} />
            <TextField locale={locale} name="closesAt" label={t(locale, 'signups.lottery.closesAt')} hint={t(locale, 'signups.lottery.momentHint')} value={props.window.closesAt} maxLength={30} problems={problems} />
            <TextField locale={locale} name="offerHours" label={t(locale, 'signups.lottery.offerHours')} hint={t(locale, 'signups.lottery.offerHours.hint')} value={props.window.offerHours} maxLength={5} problems={problems} />
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
              {t(locale, 'signups.lottery.saveWindow')}
            </button>
          </form>
          <h2 class="utrecht-heading-2">{t(locale, 'signups.lottery.draw')}</h2>
          <p class="utrecht-paragraph">{t(locale, 'signups.lottery.draw.intro', { ecosystem: ctx.ecosystem.name, rules: rulesText(locale, props.settings) })}</p>
          <form class="utrecht-form" method="post" action={`${path}/trekken`}>
            <CsrfField token={ctx.csrfToken} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t(locale, 'signups.lottery.draw.submit')}
            </button>
          </form>
        </>
      )}
      {draw ? (
        <>
          <h2 class="utrecht-heading-2" id="uitslag">
            {t(locale, 'signups.lottery.report')}
          </h2>
          <p class="utrecht-paragraph">{t(locale, 'signups.lottery.report.intro', { when: when(draw.drawnAt, locale), seed: draw.seed })}</p>
          <DataTable
            headers={[
              t(locale, 'signups.lottery.report.column.rank'),
              t(locale, 'signups.lottery.report.column.child'),
              t(locale, 'signups.lottery.report.column.why'),
              t(locale, 'signups.lottery.report.column.lot'),
              t(locale, 'signups.lottery.report.column.outcome'),
            ]}
            rows={draw.result.units.flatMap((u) =>
              u.childKeys.map((childKey) => {
                const reasons = [
                  draw.policy.firstTimers && u.firstTimer ? t(locale, 'signups.lottery.reason.firstTimer') : null,
                  draw.policy.priorityAreas && u.priorityArea ? t(locale, 'signups.lottery.reason.priorityArea') : null,
                  u.childKeys.length > 1 ? t(locale, 'signups.lottery.reason.family') : null,
                ].filter((r): r is string => r !== null);
                const outcomes = draw.result.assignments
                  .filter((a) => a.childKey === childKey)
                  .map((a) =>
                    a.outcome === 'place'
                      ? t(locale, 'signups.lottery.outcome.place', { when: sessionWhen(a.sessionId), round: a.round ?? 1 })
                      : t(locale, 'signups.lottery.outcome.waiting', { when: sessionWhen(a.sessionId), position: a.position ?? 0 }),
                  );
                return [String(u.rank), pseudonymOf(null, childKey), reasons.length ? reasons.join(', ') : t(locale, 'signups.lottery.reason.none'), u.lot.toFixed(6), outcomes.join('; ')];
              }),
            )}
          />
          <form class="utrecht-form" method="post" action={`${path}/controleren`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="drawId" value={String(draw.id)} />
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
              {t(locale, 'signups.lottery.verify')}
            </button>
          </form>
        </>
      ) : null}
    </ManageFrame>
  );
}

export interface SettingsForm {
  firstTimers: boolean;
  prioritySesTierMax: string;
  siblingsTogether: boolean;
  oneBeforeTwo: boolean;
  seasonStartMonth: string;
}

/** The ecosystem's lottery priorities (coordinator). */
export function LotterySettingsPage(props: { ctx: StaffContext; form: SettingsForm; problems: FieldProblem[]; notice?: string | undefined }) {
  const { ctx, form, problems } = props;
  const { locale, basePath } = ctx;
  const title = t(locale, 'signups.lottery.settings.title');
  const selected = [form.firstTimers ? 'firstTimers' : '', form.siblingsTogether ? 'siblingsTogether' : '', form.oneBeforeTwo ? 'oneBeforeTwo' : ''].filter(Boolean);
  return (
    <ManageFrame ctx={ctx} title={title} current={lotterySettingsPath} notice={props.notice}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'signups.lottery.settings.intro', { ecosystem: ctx.ecosystem.name })}</p>
      <ErrorSummary problems={problems} locale={locale} />
      <form class="utrecht-form narrow-form" method="post" action={`${basePath}${lotterySettingsPath}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <ChoiceField
          locale={locale}
          name="rules"
          type="checkbox"
          legend={t(locale, 'signups.lottery.settings.rules')}
          options={[
            { value: 'firstTimers', label: t(locale, 'signups.lottery.settings.firstTimers') },
            { value: 'siblingsTogether', label: t(locale, 'signups.lottery.settings.siblings') },
            { value: 'oneBeforeTwo', label: t(locale, 'signups.lottery.settings.oneBeforeTwo') },
          ]}
          selected={selected}
          problems={problems}
        />
        <TextField locale={locale} name="prioritySesTierMax" label={t(locale, 'signups.lottery.settings.tier')} hint={t(locale, 'signups.lottery.settings.tier.hint')} value={form.prioritySesTierMax} maxLength={2} problems={problems} />
        <TextField locale={locale} name="seasonStartMonth" label={t(locale, 'signups.lottery.settings.month')} hint={t(locale, 'signups.lottery.settings.month.hint')} value={form.seasonStartMonth} maxLength={2} problems={problems} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'signups.lottery.settings.save')}
        </button>
      </form>
    </ManageFrame>
  );
}
