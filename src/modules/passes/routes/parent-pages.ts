import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage } from '../../../http/pages.js';
import { passDataOf } from '../../../core/modules.js';
import { ensureCsrfToken } from '../../../http/session.js';
import { randomToken } from '../../accounts/secrets.js';
import { clip, ConsentBody, consentForm, ProfileBody, profileForm, submitPassForm } from './pass-request-form.js';
import { t } from '../../../web/i18n/index.js';
import { checkConsentForm, recordConsents, type ConsentForm } from '../commands/consent-recorder.js';
import { requestPassAsParent } from '../commands/parent-pass-request.js';
import { birthYearRange, emptyProfileForm, updatePassProfile, type ProfileForm } from '../commands/parent-profile.js';
import { endParentSession, openPassForParent, parentSessionMinutes } from '../commands/parent-session.js';
import { createPrivateLink, privateLinkPath, removePrivateLink } from '../commands/pass-link.js';
import { recordPassExport } from '../commands/pass-lookup.js';
import { deletePasses } from '../commands/pass-privacy-delete.js';
import { retentionYearsOf } from '../commands/pass-privacy-retention.js';
import { consentPurposes } from '../db/schema.js';
import { passExport } from '../pass-privacy-export.js';
import { formatPassCode } from '../pass-code.js';
import { findParentSession } from '../queries/parent-session.js';
import { readPassRecord, schoolChoices, staffViewsOf, type PassRecord } from '../queries/pass-privacy-record.js';
import { DeleteConfirmPage, DeletedPage, ParentHomePage, ParentPassPage, PassIssuedPage, PassRequestPage, type ParentContext } from '../views/parent-pages.js';

const hide = { hide: true };
/** The cookie of a parent's session on one pass: httpOnly, SameSite=Strict, only sent to the parent pages. */
export const parentCookie = 'lx_ouder';
// Requesting passes: a family needs one or two; this stops someone filling the table.
const issueLimit = { rateLimit: { max: 10, timeWindow: '1 hour' } };
// Opening a pass: a parent with a typo tries a few times; a guesser gets nowhere (and each failure is logged).
const openLimit = { rateLimit: { max: 10, timeWindow: '10 minutes' } };

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Csrf = { _csrf: Type.String({ maxLength: 100 }) };
const ActionBody = Type.Object(Csrf);
const Notice = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });

function profileOf(record: PassRecord): ProfileForm {
  const p = record.profile;
  return {
    nickname: p.nickname ?? '',
    birthYear: p.birthYear === null ? '' : String(p.birthYear),
    postcode: p.postcode ?? '',
    schoolLocationId: p.schoolLocationId === null ? '' : String(p.schoolLocationId),
    gender: p.gender ?? '',
  };
}

function consentOf(record: PassRecord): ConsentForm {
  // The last parent or guardian who answered is most likely the one reading now.
  const last = record.consentHistory.find((c) => c.givenBy === 'parent' || c.givenBy === 'guardian');
  return {
    purposes: consentPurposes.filter((p) => record.consents[p]),
    email: record.profile.contactEmail ?? '',
    givenBy: last?.givenBy ?? 'parent',
    givenByName: last?.givenByName ?? '',
  };
}

/**
 * The parents' pages: a public explanation, requesting a pass, and, after the
 * code and the secret, one pass's page (profile, consent, private link,
 * download, delete). The parent's session is a random token in a short,
 * httpOnly, SameSite=Strict cookie scoped to these pages and bound to one pass
 * in one ecosystem; the secret never appears in a URL. Works without JavaScript.
 */
export async function parentPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;
  const db = database.db;

  const context = (request: FastifyRequest, reply: FastifyReply): ParentContext => ({
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: ensureCsrfToken(request, reply),
  });
  const cookieOptions = (request: FastifyRequest) => ({
    path: `${request.basePath}/ouders`,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.env === 'production',
  });
  const setParentCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(parentCookie, token, { ...cookieOptions(request), maxAge: parentSessionMinutes * 60 });
  const clearParentCookie = (request: FastifyRequest, reply: FastifyReply) => reply.clearCookie(parentCookie, cookieOptions(request));

  /** The pass this browser's parent session opens here, or undefined (no cookie, expired, another ecosystem's). */
  const sessionPass = (request: FastifyRequest) => findParentSession(db, request.ecosystem.id, request.cookies[parentCookie]);
  const backToStart = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.cookies[parentCookie]) clearParentCookie(request, reply);
    return reply.redirect(`${request.basePath}/ouders?klaar=verlopen`, 303);
  };
  const exampleYear = () => birthYearRange(new Date()).max - 5;

  function homePage(request: FastifyRequest, reply: FastifyReply, code: string, problems: FieldProblem[], notice?: string) {
    const page = ParentHomePage({ ctx: context(request, reply), retentionYears: retentionYearsOf(request.ecosystem.settings), form: { code: code.slice(0, 30) }, problems, notice });
    return sendPrivatePage(reply, page, problems.length ? 400 : 200);
  }

  async function passPage(request: FastifyRequest, reply: FastifyReply, passId: number, extra: { problems?: FieldProblem[]; profile?: ProfileForm; consent?: ConsentForm; notice?: string; newLink?: string } = {}) {
    const ecosystemId = request.ecosystem.id;
    const [record, staffViews, schools] = await Promise.all([readPassRecord(db, ecosystemId, passId), staffViewsOf(db, ecosystemId, passId), schoolChoices(db, ecosystemId)]);
    if (!record) return backToStart(request, reply);
    const problems = extra.problems ?? [];
    const page = ParentPassPage({
      ctx: context(request, reply),
      record,
      staffViews,
      schools,
      exampleYear: exampleYear(),
      profile: extra.profile ?? profileOf(record),
      consent: extra.consent ?? consentOf(record),
      problems,
      notice: extra.notice,
      newLink: extra.newLink,
    });
    return sendPrivatePage(reply, page, problems.length ? 400 : 200);
  }

  app.get('/ouders', { schema: { ...hide, querystring: Notice } }, async (request, reply) => {
    const notices: Record<string, string> = { verlopen: t(request.locale, 'parent.expired'), gesloten: t(request.locale, 'parent.closed') };
    return homePage(request, reply, '', [], notices[request.query.klaar ?? '']);
  });

  app.post('/ouders/openen', { config: openLimit, schema: { ...hide, body: Type.Object({ ...Csrf, code: Text(200), secret: Text(200) }) } }, async (request, reply) => {
    const { code = '', secret = '' } = request.body;
    const result = await database.transaction((tx) => openPassForParent(tx, request.ecosystem.id, { code, secret }));
    if (!result.ok) return homePage(request, reply, code, result.problems);
    setParentCookie(request, reply, result.token);
    return reply.redirect(`${request.basePath}/ouders/pas`, 303);
  });

  // ---- requesting a pass ----
  app.get('/ouders/nieuw', { schema: hide }, async (request, reply) => {
    const schools = await schoolChoices(db, request.ecosystem.id);
    const consent: ConsentForm = { purposes: [], email: '', givenBy: 'parent', givenByName: '' };
    return sendPrivatePage(reply, PassRequestPage({ ctx: context(request, reply), profile: emptyProfileForm, consent, requestToken: randomToken(), problems: [], schools, exampleYear: exampleYear() }));
  });

  app.post('/ouders/nieuw', { config: issueLimit, schema: { ...hide, body: Type.Object({ ...Csrf, ...ProfileBody, ...ConsentBody, aanvraag: Text(100) }) } }, async (request, reply) => {
    const profile = profileForm(request.body);
    const consent = consentForm(request.body);
    const requestToken = request.body.aanvraag ?? '';
    const { ecosystem, locale } = request;
    const repeated = () => reply.redirect(`${request.basePath}/ouders/pas?klaar=al-gemaakt`, 303);
    const result = await submitPassForm(requestToken, () =>
      database.transaction((tx) => requestPassAsParent(tx, { profile, consent, requestToken }, { ecosystem, mailer, publicUrl: config.publicUrl, locale })),
    );
    if (result.status === 'problems') {
      const schools = await schoolChoices(db, ecosystem.id);
      const page = PassRequestPage({ ctx: context(request, reply), profile: clip(profile), consent: clip(consent), requestToken: result.requestToken, problems: result.problems, schools, exampleYear: exampleYear() });
      return sendPrivatePage(reply, page, 400);
    }
    if (result.status === 'repeat' || result.value.repeat) return repeated();
    const { pass, linkToken, mailed, sessionToken } = result.value;
    setParentCookie(request, reply, sessionToken);
    const link = linkToken ? `${request.protocol}://${request.host}${request.basePath}${privateLinkPath(linkToken)}` : null;
    const mailedTo = mailed ? checkConsentForm(consent).consent.email : null;
    return sendPrivatePage(reply, PassIssuedPage({ ctx: context(request, reply), code: pass.code, secret: pass.secret, link, mailedTo }));
  });

  // ---- one pass, for its parent ----
  app.get('/ouders/pas', { schema: { ...hide, querystring: Notice } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    const notices: Record<string, string> = {
      gegevens: t(request.locale, 'parent.pass.saved'),
      toestemming: t(request.locale, 'parent.pass.consentSaved'),
      'link-gestopt': t(request.locale, 'passLink.removed'),
      'al-gemaakt': t(request.locale, 'parent.request.repeated'),
    };
    return passPage(request, reply, passId, { notice: notices[request.query.klaar ?? ''] });
  });

  app.post('/ouders/pas/gegevens', { schema: { ...hide, body: Type.Object({ ...Csrf, ...ProfileBody }) } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    const profile = profileForm(request.body);
    const result = await attempt(() => database.transaction((tx) => updatePassProfile(tx, { kind: 'anonymous' }, request.ecosystem.id, passId, profile)));
    if (!result.ok) return passPage(request, reply, passId, { problems: result.problems, profile: clip(profile) });
    return reply.redirect(`${request.basePath}/ouders/pas?klaar=gegevens#gegevens`, 303);
  });

  app.post('/ouders/pas/toestemming', { schema: { ...hide, body: Type.Object({ ...Csrf, ...ConsentBody }) } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    const consent = consentForm(request.body);
    const checked = checkConsentForm(consent);
    if (checked.problems.length > 0) return passPage(request, reply, passId, { problems: checked.problems, consent: clip(consent) });
    await database.transaction((tx) => recordConsents(tx, { kind: 'anonymous' }, request.ecosystem.id, passId, checked.consent));
    return reply.redirect(`${request.basePath}/ouders/pas?klaar=toestemming#toestemming`, 303);
  });

  app.post('/ouders/pas/link', { schema: { ...hide, body: ActionBody } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    const result = await attempt(() => database.transaction((tx) => createPrivateLink(tx, { kind: 'anonymous' }, request.ecosystem.id, passId)));
    if (!result.ok) return passPage(request, reply, passId, { problems: result.problems });
    // Shown in this answer only: the token is not kept, so there is no page to come back to.
    return passPage(request, reply, passId, { newLink: `${request.protocol}://${request.host}${request.basePath}${privateLinkPath(result.value)}` });
  });

  app.post('/ouders/pas/link/stoppen', { schema: { ...hide, body: ActionBody } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    await database.transaction((tx) => removePrivateLink(tx, { kind: 'anonymous' }, request.ecosystem.id, passId));
    return reply.redirect(`${request.basePath}/ouders/pas?klaar=link-gestopt#link`, 303);
  });

  app.get('/ouders/pas/alle-gegevens.json', { schema: hide }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    const ecosystemId = request.ecosystem.id;
    const [record, staffViews, more] = await Promise.all([
      readPassRecord(db, ecosystemId, passId),
      staffViewsOf(db, ecosystemId, passId),
      passDataOf(app.ctx.modules, db, ecosystemId, passId),
    ]);
    if (!record) return backToStart(request, reply);
    await database.transaction((tx) => recordPassExport(tx, ecosystemId, passId));
    const body = JSON.stringify(passExport(record, staffViews, request.ecosystem, more), null, 2);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="kinderpas-${formatPassCode(record.code).slice(-6, -2)}.json"`)
      .send(body);
  });

  app.get('/ouders/pas/verwijderen', { schema: hide }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    const record = await readPassRecord(db, request.ecosystem.id, passId);
    if (!record) return backToStart(request, reply);
    return sendPrivatePage(reply, DeleteConfirmPage({ ctx: context(request, reply), hasBadges: record.badges.length > 0 }));
  });

  app.post('/ouders/pas/verwijderen', { schema: { ...hide, body: ActionBody } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return backToStart(request, reply);
    await database.transaction((tx) => deletePasses(tx, { kind: 'anonymous' }, request.ecosystem.id, [passId], 'parent'));
    clearParentCookie(request, reply);
    return sendPrivatePage(reply, DeletedPage({ ctx: context(request, reply) }));
  });

  app.post('/ouders/pas/sluiten', { schema: { ...hide, body: ActionBody } }, async (request, reply) => {
    const token = request.cookies[parentCookie];
    if (token) await database.transaction((tx) => endParentSession(tx, token));
    clearParentCookie(request, reply);
    return reply.redirect(`${request.basePath}/ouders?klaar=gesloten`, 303);
  });
}
