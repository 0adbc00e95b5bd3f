import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { Id } from '../../../http/schemas.js';
import { t } from '../../../web/i18n/index.js';
import { staffContext } from '../../passes/routes/pass-lookup-pages.js';
import { loadDraw, lotterySettings, runDraw, saveLotterySettings, saveSignupWindow, verifyDraw } from '../commands/lottery-commands.js';
import { authorize } from '../policies.js';
import { lotteryActivity, lotteryPageData } from '../queries/route-lookups.js';
import { LotteryPage, LotterySettingsPage, lotterySettingsPath, type SettingsForm, type WindowForm } from '../views/lottery-pages.js';
import { manageSignupsPath } from '../views/provider-pages.js';

const hide = { hide: true };
const Csrf = { _csrf: Type.String({ maxLength: 100 }) };
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ActivityParams = Type.Object({ id: Id });
const Notice = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });

/** `2026-12-01T18:00` in Amsterdam time, for a datetime field. */
function localMoment(date: Date | null): string {
  if (!date) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * The lottery: a provider sets the window and draws (policy lottery.draw on
 * the activity's organisation); the report shows who got what and why by
 * pseudonym, and re-runs the draw from its seed on request. The coordinator
 * sets the ecosystem's priorities (policy lottery.policy).
 */
export async function lotteryRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;
  const db = database.db;
  const mail = { mailer, publicUrl: config.publicUrl };
  const base = (id: number) => `${manageSignupsPath}/activiteit/${id}/loting`;

  async function managedActivity(request: FastifyRequest, activityId: number) {
    const activity = await lotteryActivity(db, request.ecosystem.id, activityId);
    if (!activity) throw errors.notFound('activity');
    authorize(request.actor, 'lottery.draw', { ecosystemId: request.ecosystem.id, organisationId: activity.organisation_id });
    return activity;
  }

  async function page(request: FastifyRequest, reply: FastifyReply, activityId: number, extra: { problems?: FieldProblem[]; window?: WindowForm; notice?: string; verified?: { same: boolean } } = {}) {
    const ecosystemId = request.ecosystem.id;
    const activity = await managedActivity(request, activityId);
    const [settings, data] = await Promise.all([lotterySettings(database, ecosystemId), lotteryPageData(db, ecosystemId, activityId)]);
    const { window, sessions, drawId } = data;
    const draw = drawId ? await loadDraw(database, ecosystemId, activityId, drawId) : undefined;
    const problems = extra.problems ?? [];
    const html = LotteryPage({
      ctx: staffContext(request),
      activity,
      window: extra.window ?? { opensAt: localMoment(window?.opens_at ?? null), closesAt: localMoment(window?.closes_at ?? null), offerHours: String(window?.offer_hours ?? 48) },
      entries: data.entries,
      sessions: new Map(sessions.map((s) => [s.id, s.starts_at])),
      settings,
      draw,
      verified: extra.verified,
      problems,
      notice: extra.notice,
    });
    return sendPrivatePage(reply, html, problems.length ? 400 : 200);
  }

  app.get(`${manageSignupsPath}/activiteit/:id/loting`, { schema: { ...hide, params: ActivityParams, querystring: Notice } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const notices: Record<string, string> = { venster: t(request.locale, 'signups.lottery.windowSaved'), geloot: t(request.locale, 'signups.lottery.drawn') };
    return page(request, reply, request.params.id, { notice: notices[request.query.klaar ?? ''] });
  });

  app.post(`${manageSignupsPath}/activiteit/:id/loting/venster`, { schema: { ...hide, params: ActivityParams, body: Type.Object({ ...Csrf, opensAt: Text(100), closesAt: Text(100), offerHours: Text(100) }) } }, async (request, reply) => {
    const activity = await managedActivity(request, request.params.id);
    const form = { opensAt: request.body.opensAt ?? '', closesAt: request.body.closesAt ?? '', offerHours: request.body.offerHours ?? '' };
    const result = await attempt(() => database.transaction((tx) => saveSignupWindow(tx, request.actor, request.ecosystem.id, activity.id, form)));
    if (!result.ok) return page(request, reply, activity.id, { problems: result.problems, window: { opensAt: form.opensAt.slice(0, 30), closesAt: form.closesAt.slice(0, 30), offerHours: form.offerHours.slice(0, 5) } });
    return reply.redirect(`${request.basePath}${base(activity.id)}?klaar=venster`, 303);
  });

  app.post(`${manageSignupsPath}/activiteit/:id/loting/trekken`, { schema: { ...hide, params: ActivityParams, body: Type.Object(Csrf) } }, async (request, reply) => {
    const activity = await managedActivity(request, request.params.id);
    const result = await attempt(() => database.transaction((tx) => runDraw(tx, request.actor, request.ecosystem.id, activity.id, mail)));
    if (!result.ok) return page(request, reply, activity.id, { problems: result.problems });
    return reply.redirect(`${request.basePath}${base(activity.id)}?klaar=geloot#uitslag`, 303);
  });

  app.post(`${manageSignupsPath}/activiteit/:id/loting/controleren`, { schema: { ...hide, params: ActivityParams, body: Type.Object({ ...Csrf, drawId: Text(20) }) } }, async (request, reply) => {
    const activity = await managedActivity(request, request.params.id);
    const drawId = request.body.drawId ?? '';
    if (!/^[1-9][0-9]{0,9}$/.test(drawId) || Number(drawId) > 2_147_483_647) throw errors.notFound('draw');
    const { same } = await database.transaction((tx) => verifyDraw(tx, request.actor, request.ecosystem.id, activity.id, Number(drawId)));
    return page(request, reply, activity.id, { verified: { same } });
  });

  // ---- the ecosystem's priorities ----
  const settingsForm = async (ecosystemId: number): Promise<SettingsForm> => {
    const s = await lotterySettings(database, ecosystemId);
    return { firstTimers: s.firstTimers, prioritySesTierMax: s.prioritySesTierMax === null ? '' : String(s.prioritySesTierMax), siblingsTogether: s.siblingsTogether, oneBeforeTwo: s.oneBeforeTwo, seasonStartMonth: String(s.seasonStartMonth) };
  };

  app.get(lotterySettingsPath, { schema: { ...hide, querystring: Notice } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorize(request.actor, 'lottery.policy', { ecosystemId: request.ecosystem.id });
    const notice = request.query.klaar === 'opgeslagen' ? t(request.locale, 'signups.lottery.settings.saved') : undefined;
    return sendPrivatePage(reply, LotterySettingsPage({ ctx: staffContext(request), form: await settingsForm(request.ecosystem.id), problems: [], notice }));
  });

  app.post(
    lotterySettingsPath,
    {
      schema: {
        ...hide,
        body: Type.Object({ ...Csrf, rules: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 })])), prioritySesTierMax: Text(100), seasonStartMonth: Text(100) }),
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'lottery.policy', { ecosystemId: request.ecosystem.id });
      const rules = request.body.rules === undefined ? [] : Array.isArray(request.body.rules) ? request.body.rules : [request.body.rules];
      const form: SettingsForm = {
        firstTimers: rules.includes('firstTimers'),
        siblingsTogether: rules.includes('siblingsTogether'),
        oneBeforeTwo: rules.includes('oneBeforeTwo'),
        prioritySesTierMax: request.body.prioritySesTierMax ?? '',
        seasonStartMonth: request.body.seasonStartMonth ?? '',
      };
      const result = await attempt(() => database.transaction((tx) => saveLotterySettings(tx, request.actor, request.ecosystem.id, form)));
      if (!result.ok) {
        const shown = { ...form, prioritySesTierMax: form.prioritySesTierMax.slice(0, 5), seasonStartMonth: form.seasonStartMonth.slice(0, 5) };
        return sendPrivatePage(reply, LotterySettingsPage({ ctx: staffContext(request), form: shown, problems: result.problems }), 400);
      }
      return reply.redirect(`${request.basePath}${lotterySettingsPath}?klaar=opgeslagen`, 303);
    },
  );
}
