import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage } from '../../../http/pages.js';
import { Id } from '../../../http/schemas.js';
import { ensureCsrfToken } from '../../../http/session.js';
import { randomToken } from '../../accounts/secrets.js';
import { clip, ConsentBody, consentForm, ProfileBody, profileForm, submitPassForm } from '../../passes/routes/pass-request-form.js';
import { t } from '../../../web/i18n/index.js';
import { checkConsentForm, type ConsentForm } from '../../passes/commands/consent-recorder.js';
import { requestPassAsParent } from '../../passes/commands/parent-pass-request.js';
import { birthYearRange, emptyProfileForm, type ProfileForm } from '../../passes/commands/parent-profile.js';
import { endParentSession, openPassForParent, parentSessionMinutes } from '../../passes/commands/parent-session.js';
import { findParentSession } from '../../passes/queries/parent-session.js';
import { schoolChoices } from '../../passes/queries/pass-privacy-record.js';
import { parentCookie } from '../../passes/routes/parent-pages.js';
import { acceptOffer, cancelSignup, declineOffer, findOffer, moveSignup, signUp, signUpForSeries, type SignupOutcome } from '../commands/signup-commands.js';
import { offerSession, passCodeOf, signupHasOwnAddress, signupOfPass } from '../queries/route-lookups.js';
import { sessionForSignup, signupsOfPass } from '../queries/signup-queries.js';
import { emptySignupForm, MySignupsPage, OfferPage, SignupDonePage, SignupPage, type ParentSignupContext, type SignupForm } from '../views/parent-signup-pages.js';

const hide = { hide: true };
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Csrf = { _csrf: Type.String({ maxLength: 100 }) };
const SessionParams = Type.Object({ sessionId: Id });
const SignupParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) });
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const SignupBody = { code: Text(200), secret: Text(200), email: Text(1000), stadspas: Text(10), reeks: Text(10), siblingCode: Text(200), siblingSecret: Text(200) };
// Signing up may try a code and secret: enough for a family signing several children up, too few to guess
// (and every pass locks itself after ten wrong secrets an hour, see passes/commands/parent-session.ts).
const openLimit = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
const issueLimit = { rateLimit: { max: 10, timeWindow: '1 hour' } };

/**
 * Parents sign a child up: with the open pass (the parents' session cookie,
 * scoped to /ouders, which is why these pages live under it), with a pass's
 * code and secret, or with a new pass requested on the spot through the
 * passes module. Also the parent's overview (move, cancel), and the page a
 * promotion mail links to (its token is the key; no cookie needed).
 */
export async function parentSignupRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;
  const db = database.db;
  const mail = { mailer, publicUrl: config.publicUrl };

  const context = (request: FastifyRequest, reply: FastifyReply): ParentSignupContext => ({
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: ensureCsrfToken(request, reply),
  });
  // The same cookie as the parents' pages (passes module): one session for both.
  const setParentCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(parentCookie, token, { path: `${request.basePath}/ouders`, httpOnly: true, sameSite: 'strict', secure: config.env === 'production', maxAge: parentSessionMinutes * 60 });
  const sessionPass = (request: FastifyRequest) => findParentSession(db, request.ecosystem.id, request.cookies[parentCookie]);

  async function loadSession(request: FastifyRequest, sessionId: number) {
    const session = await sessionForSignup(db, request.ecosystem.id, sessionId);
    // Drafts are not for the public; an archived activity's page says so on sign-up instead.
    if (!session || (session.activity.status !== 'published' && session.activity.status !== 'archived')) throw errors.notFound('session');
    return session;
  }

  async function signupPage(
    request: FastifyRequest,
    reply: FastifyReply,
    sessionId: number,
    extra: { form?: SignupForm; problems?: FieldProblem[]; profile?: ProfileForm; consent?: ConsentForm; requestToken?: string; newPassProblems?: FieldProblem[] } = {},
  ) {
    const ecosystemId = request.ecosystem.id;
    const session = await loadSession(request, sessionId);
    const passId = await sessionPass(request);
    const code = passId === undefined ? undefined : await passCodeOf(db, ecosystemId, passId);
    const problems = extra.problems ?? [];
    const newPassProblems = extra.newPassProblems ?? [];
    const page = SignupPage({
      ctx: context(request, reply),
      session,
      openPass: code ? { code } : null,
      form: extra.form ?? emptySignupForm,
      problems,
      newPass: {
        profile: extra.profile ?? emptyProfileForm,
        consent: extra.consent ?? { purposes: [], email: '', givenBy: 'parent', givenByName: '' },
        requestToken: extra.requestToken ?? randomToken(),
        problems: newPassProblems,
        schools: await schoolChoices(db, ecosystemId),
        exampleYear: birthYearRange(new Date()).max - 5,
      },
    });
    return sendPrivatePage(reply, page, problems.length || newPassProblems.length ? 400 : 200);
  }

  app.get('/ouders/aanmelden/:sessionId', { schema: { ...hide, params: SessionParams } }, async (request, reply) => signupPage(request, reply, request.params.sessionId));

  app.post('/ouders/aanmelden/:sessionId', { config: openLimit, schema: { ...hide, params: SessionParams, body: Type.Object({ ...Csrf, ...SignupBody }) } }, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    const session = await loadSession(request, request.params.sessionId);
    const body = request.body;
    const form: SignupForm = { code: (body.code ?? '').slice(0, 30), email: (body.email ?? '').slice(0, 254), stadspas: body.stadspas === '1', series: body.reeks === '1', siblingCode: (body.siblingCode ?? '').slice(0, 30) };
    let passId = await sessionPass(request);
    if (passId === undefined) {
      // Opening the pass commits on its own, so a wrong secret is logged even though nothing is signed up.
      const opened = await database.transaction((tx) => openPassForParent(tx, ecosystemId, { code: body.code ?? '', secret: body.secret ?? '' }));
      if (!opened.ok) return signupPage(request, reply, session.id, { form, problems: opened.problems });
      setParentCookie(request, reply, opened.token);
      passId = opened.passId;
    }
    // A brother or sister entered together: their pass is checked like any other (and the check logged), then both go in as one family.
    const passIds = [passId];
    if ((body.siblingCode ?? '').trim() !== '') {
      const sibling = await database.transaction((tx) => openPassForParent(tx, ecosystemId, { code: body.siblingCode ?? '', secret: body.siblingSecret ?? '' }));
      if (!sibling.ok) return signupPage(request, reply, session.id, { form, problems: sibling.problems.map((p) => ({ ...p, field: p.field === 'secret' ? 'siblingSecret' : 'siblingCode' })) });
      // Only the check was needed, not a session on the sibling's pass.
      await database.transaction((tx) => endParentSession(tx, sibling.token));
      if (sibling.passId !== passId) passIds.push(sibling.passId);
    }
    const familyKey = passIds.length > 1 ? randomUUID() : null;
    const result = await attempt(() =>
      database.transaction(async (tx): Promise<SignupOutcome[]> => {
        const outcomes: SignupOutcome[] = [];
        for (const id of passIds) {
          const input = { ecosystemId, passId: id, email: form.email, stadspas: form.stadspas, familyKey };
          if (form.series) outcomes.push(...(await signUpForSeries(tx, { kind: 'anonymous' }, { ...input, activityId: session.activity.id }, mail)));
          else outcomes.push(await signUp(tx, { kind: 'anonymous' }, { ...input, sessionId: session.id }, mail));
        }
        return outcomes;
      }),
    );
    if (!result.ok) return signupPage(request, reply, session.id, { form, problems: result.problems });
    const mailed = await signupHasOwnAddress(db, result.value[0]!.signupId);
    return sendPrivatePage(reply, SignupDonePage({ ctx: context(request, reply), session, outcomes: result.value, newPass: null, mailed }));
  });

  app.post(
    '/ouders/aanmelden/:sessionId/nieuwe-pas',
    { config: issueLimit, schema: { ...hide, params: SessionParams, body: Type.Object({ ...Csrf, ...ProfileBody, ...ConsentBody, stadspas: Text(10), aanvraag: Text(100) }) } },
    async (request, reply) => {
      const { ecosystem, locale } = request;
      const session = await loadSession(request, request.params.sessionId);
      const b = request.body;
      const profile = profileForm(b);
      const consent = consentForm(b);
      const requestToken = b.aanvraag ?? '';
      // The same form sent again (a refresh, a double click): the pass and its sign-up were made the first time.
      const repeated = () => reply.redirect(`${request.basePath}/ouders/aanmeldingen?klaar=al-gemaakt`, 303);
      // A new pass and its sign-up in one transaction: if the sign-up is refused (full series, wrong age), no pass is left behind.
      const result = await submitPassForm(requestToken, () =>
        database.transaction(async (tx) => {
          const issued = await requestPassAsParent(tx, { profile, consent, requestToken }, { ecosystem, mailer, publicUrl: config.publicUrl, locale });
          if (issued.repeat) return { issued, outcome: undefined };
          const outcome = await signUp(tx, { kind: 'anonymous' }, { ecosystemId: ecosystem.id, passId: issued.pass.id, sessionId: session.id, stadspas: b.stadspas === '1' }, mail);
          return { issued, outcome };
        }),
      );
      if (result.status === 'problems') {
        return signupPage(request, reply, session.id, { profile: clip(profile), consent: clip(consent), requestToken: result.requestToken, newPassProblems: result.problems });
      }
      if (result.status === 'repeat') return repeated();
      const { issued, outcome } = result.value;
      if (issued.repeat || !outcome) return repeated();
      setParentCookie(request, reply, issued.sessionToken);
      const mailed = issued.mailed && checkConsentForm(consent).consent.purposes.has('email');
      return sendPrivatePage(reply, SignupDonePage({ ctx: context(request, reply), session, outcomes: [outcome], newPass: { code: issued.pass.code, secret: issued.pass.secret }, mailed }));
    },
  );

  // ---- the parent's overview ----
  const Notice = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });
  async function minePage(request: FastifyRequest, reply: FastifyReply, passId: number, problems: FieldProblem[] = [], notice?: string) {
    const signups = await signupsOfPass(db, request.ecosystem.id, passId);
    return sendPrivatePage(reply, MySignupsPage({ ctx: context(request, reply), signups, problems, notice, now: new Date() }), problems.length ? 400 : 200);
  }
  const toStart = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`${request.basePath}/ouders?klaar=verlopen`, 303);
  /** The sign-up, if it belongs to the open pass; anything else is "not found", also another family's. */
  async function ownSignup(request: FastifyRequest, passId: number, id: string) {
    const own = await signupOfPass(db, request.ecosystem.id, passId, id);
    if (!own) throw errors.notFound('signup');
    return own;
  }

  app.get('/ouders/aanmeldingen', { schema: { ...hide, querystring: Notice } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return toStart(request, reply);
    const notices: Record<string, string> = {
      afgemeld: t(request.locale, 'signups.mine.cancelled'),
      verzet: t(request.locale, 'signups.mine.moved'),
      'al-gemaakt': t(request.locale, 'signups.mine.repeated'),
    };
    return minePage(request, reply, passId, [], notices[request.query.klaar ?? '']);
  });

  app.post('/ouders/aanmeldingen/:id/afmelden', { schema: { ...hide, params: SignupParams, body: Type.Object(Csrf) } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return toStart(request, reply);
    const id = await ownSignup(request, passId, request.params.id);
    const result = await attempt(() => database.transaction((tx) => cancelSignup(tx, { kind: 'anonymous' }, request.ecosystem.id, id, mail)));
    if (!result.ok) return minePage(request, reply, passId, result.problems);
    return reply.redirect(`${request.basePath}/ouders/aanmeldingen?klaar=afgemeld`, 303);
  });

  app.post('/ouders/aanmeldingen/:id/verzetten', { schema: { ...hide, params: SignupParams, body: Type.Object({ ...Csrf, sessionId: Text(20) }) } }, async (request, reply) => {
    const passId = await sessionPass(request);
    if (passId === undefined) return toStart(request, reply);
    const id = await ownSignup(request, passId, request.params.id);
    const target = request.body.sessionId ?? '';
    if (!/^[1-9][0-9]{0,9}$/.test(target)) return minePage(request, reply, passId, [{ field: 'sessionId', key: 'signups.error.session' }]);
    const result = await attempt(() => database.transaction((tx) => moveSignup(tx, { kind: 'anonymous' }, request.ecosystem.id, id, Number(target), mail)));
    if (!result.ok) return minePage(request, reply, passId, result.problems);
    return reply.redirect(`${request.basePath}/ouders/aanmeldingen?klaar=verzet`, 303);
  });

  // ---- a promoted family's place ----
  async function offerFacts(token: string, ecosystemId: number) {
    const offer = await database.transaction((tx) => findOffer(tx, token, new Date()));
    if (!offer || offer.ecosystem_id !== ecosystemId) return null;
    return { ...(await offerSession(db, offer.session_id)), expiresAt: offer.offer_expires_at! };
  }

  app.get('/aanmelding/plek/:token', { schema: { ...hide, params: TokenParams } }, async (request, reply) => {
    // The token is the key to the place: it never leaves in a Referer.
    reply.header('referrer-policy', 'no-referrer');
    const offer = await offerFacts(request.params.token, request.ecosystem.id);
    return sendPrivatePage(reply, OfferPage({ ctx: context(request, reply), offer, token: encodeURIComponent(request.params.token), problems: [] }), offer ? 200 : 404);
  });

  app.post('/aanmelding/plek/:token', { schema: { ...hide, params: TokenParams, body: Type.Object({ ...Csrf, keuze: Text(10) }) } }, async (request, reply) => {
    const { token } = request.params;
    reply.header('referrer-policy', 'no-referrer');
    const choice = request.body.keuze;
    const ecosystemId = request.ecosystem.id;
    if (choice !== 'ja' && choice !== 'nee') {
      const offer = await offerFacts(token, ecosystemId);
      return sendPrivatePage(reply, OfferPage({ ctx: context(request, reply), offer, token: encodeURIComponent(token), problems: [{ field: 'keuze', key: 'signups.offer.choose' }] }), 400);
    }
    const result = await attempt(() => database.transaction(async (tx) => {
        if (choice === 'ja') await acceptOffer(tx, ecosystemId, token, mail);
        else await declineOffer(tx, ecosystemId, token, mail);
      }));
    if (!result.ok) return sendPrivatePage(reply, OfferPage({ ctx: context(request, reply), offer: null, token: '', problems: result.problems }), 400);
    return sendPrivatePage(reply, OfferPage({ ctx: context(request, reply), offer: null, token: '', problems: [], done: choice === 'ja' ? 'accepted' : 'declined' }));
  });
}
