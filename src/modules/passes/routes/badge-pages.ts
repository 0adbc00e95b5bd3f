import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { IdParams } from '../../../http/schemas.js';
import { ensureCsrfToken } from '../../../http/session.js';
import { manageLinksFor } from '../../../core/modules.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { parseMultipart, UploadedFile } from '../../catalogue/exchange/multipart.js';
import { badgeAddresses, useBadgeOrigin } from '../badge-addresses.js';
import { credentialContexts, credentialOf, decodeJws, type CredentialPayload } from '../badge-credential.js';
import { badgeColour, badgeSvg, bakeSvg } from '../badge-image.js';
import { revokeBadge, saveActivityAchievement } from '../commands/achievement-commands.js';
import { authorizePasses, canPasses } from '../policies.js';
import { activityWithAchievement, awardIdPattern, publicKey, publicKeys, readAchievement, readAward } from '../queries/badge-queries.js';
import { maxFileBytes, verifyJws, verifySubmitted, type Verification } from '../queries/badge-verifier.js';
import { AchievementPage, BadgeAwardPage, BadgeDeletedPage, BadgeVerifyPage, type AchievementFormValues } from '../views/badge-pages.js';

const hide = { hide: true };
const AwardParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const KidParams = Type.Object({ kid: Type.String({ maxLength: 200 }) });
const DoneQuery = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });
/** Form bodies are checked field by field in the handler, for a message beside the field. */
const LooseForm = Type.Object({ _csrf: Type.String({ maxLength: 100 }) }, { additionalProperties: true });
/** Anyone may check badges, but not flood the server doing it. */
const verifyLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Open Badges pages: the issuer's profile and keys (JSON, for any verifier),
 * the public verification page, one issued badge with its downloads, and the
 * partner's page to switch an activity's badge on. Every public address here
 * shows nothing about a child: a badge names no one.
 */
export async function badgePages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;
  useBadgeOrigin(() => app.ctx.config.publicUrl);

  // Only inside this plugin: the verification form sends a file.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxFileBytes + 256 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  const addressesOf = (request: FastifyRequest) => badgeAddresses(request.ecosystem.slug);

  // ---- for verifiers: the issuer, its keys, its achievements ----
  app.get('/insignes/uitgever', { schema: hide }, async (request, reply) => {
    const a = addressesOf(request);
    const e = request.ecosystem;
    const profile: Record<string, unknown> = {
      '@context': [...credentialContexts],
      id: a.issuer,
      type: ['Profile'],
      name: e.name,
      url: a.home,
      description: t(request.locale, 'badges.issuer.description', { name: e.name }),
    };
    if (e.settings.logoUrl) profile.image = { id: e.settings.logoUrl, type: 'Image' };
    return reply.type('application/ld+json; charset=utf-8').header('cache-control', 'public, max-age=300').send(JSON.stringify(profile));
  });

  /** A public key as published: its `kid` is the address a JWT header names, so JWKS clients match it. */
  const published = (request: FastifyRequest, key: { kid: string; public_jwk: Record<string, unknown> }) => ({ ...key.public_jwk, kid: addressesOf(request).key(key.kid) });

  app.get('/.well-known/jwks.json', { schema: hide }, async (request, reply) => {
    const keys = await publicKeys(db, request.ecosystem.id);
    return reply.type('application/jwk-set+json').header('cache-control', 'public, max-age=300').send({ keys: keys.map((k) => published(request, k)) });
  });

  app.get('/insignes/sleutels/:kid', { schema: { ...hide, params: KidParams } }, async (request, reply) => {
    const key = /^[A-Za-z0-9_-]{1,100}$/.test(request.params.kid) ? await publicKey(db, request.ecosystem.id, request.params.kid) : undefined;
    if (!key) throw errors.notFound('page');
    return reply.type('application/jwk+json').header('cache-control', 'public, max-age=300').send(published(request, key));
  });

  app.get('/insignes/prestaties/:id', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const achievement = await readAchievement(db, request.ecosystem.id, request.params.id);
    if (!achievement) throw errors.notFound('achievement');
    const a = addressesOf(request);
    return reply.type('application/ld+json; charset=utf-8').send(
      JSON.stringify({
        '@context': [...credentialContexts],
        id: a.achievement(achievement.id),
        type: ['Achievement'],
        name: achievement.name,
        description: achievement.description || achievement.name,
        criteria: { narrative: achievement.criteria || achievement.description || achievement.name },
        image: { id: a.achievementImage(achievement.id), type: 'Image' },
        creator: { id: a.issuer, type: ['Profile'], name: request.ecosystem.name },
      }),
    );
  });

  app.get('/insignes/prestaties/:id/afbeelding.svg', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const achievement = await readAchievement(db, request.ecosystem.id, request.params.id);
    if (!achievement) throw errors.notFound('achievement');
    const svg = badgeSvg({ name: achievement.name, issuerName: request.ecosystem.name, colour: badgeColour(achievement.theme_slug, request.ecosystem.settings.primaryColor) });
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(svg);
  });

  // ---- the verification page ----
  function verifyPage(request: FastifyRequest, reply: FastifyReply, props: { text: string; problem?: MessageKey; result?: Verification }, status = 200) {
    const { locale, ecosystem, basePath } = request;
    return sendPrivatePage(reply, BadgeVerifyPage({ locale, ecosystem, basePath, csrfToken: ensureCsrfToken(request, reply), ...props }), status);
  }

  app.get('/insignes/controleren', { schema: hide }, async (request, reply) => verifyPage(request, reply, { text: '' }));

  app.post('/insignes/controleren', { schema: { ...hide, body: LooseForm }, config: verifyLimit }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const pasted = text(body.credential);
    const file = body.bestand instanceof UploadedFile ? body.bestand : undefined;
    const outcome = await verifySubmitted(db, request.ecosystem, { text: pasted, file });
    // Show back only what fits a text field comfortably; a huge paste is not echoed.
    const shown = pasted.length <= 20_000 ? pasted : '';
    if ('unreadable' in outcome) return verifyPage(request, reply, { text: shown, problem: outcome.unreadable }, 400);
    return verifyPage(request, reply, { text: '', result: outcome });
  });

  // ---- one issued badge ----
  async function loadAward(request: FastifyRequest<{ Params: { id: string } }>) {
    const id = request.params.id.toLowerCase();
    const award = awardIdPattern.test(id) ? await readAward(db, request.ecosystem.id, id) : undefined;
    if (!award) throw errors.notFound('badge');
    return award;
  }

  /** The signed credential of a badge that still exists; a removed one is gone (404). */
  async function signedOf(request: FastifyRequest<{ Params: { id: string } }>) {
    const award = await loadAward(request);
    if (typeof award.credential !== 'string') throw errors.notFound('badge');
    return { award, jwt: award.credential, payload: decodeJws(award.credential)!.payload as unknown as CredentialPayload };
  }

  function mayRevoke(request: FastifyRequest, award: { kind: string; organisation_id: number | null }): boolean {
    const ecosystemId = request.ecosystem.id;
    return award.kind === 'learning_path'
      ? canPasses(request.actor, 'learningPaths.manage', { ecosystemId })
      : canPasses(request.actor, 'achievements.manage', { ecosystemId, organisationIds: award.organisation_id ? [award.organisation_id] : [] });
  }

  app.get('/insignes/:id', { schema: { ...hide, params: AwardParams, querystring: DoneQuery } }, async (request, reply) => {
    const award = await loadAward(request);
    const { locale, ecosystem, basePath } = request;
    if (typeof award.credential !== 'string') return sendPrivatePage(reply, BadgeDeletedPage({ locale, ecosystem, basePath }), 410);
    const result = await verifyJws(db, ecosystem, award.credential);
    if ('unreadable' in result) throw new Error(`stored badge ${award.id} is unreadable`);
    const payload = decodeJws(award.credential)!.payload as unknown as CredentialPayload;
    return sendPrivatePage(
      reply,
      BadgeAwardPage({
        locale, ecosystem, basePath,
        csrfToken: request.csrfToken,
        awardId: award.id,
        name: payload.credentialSubject.achievement.name,
        result,
        verifyUrl: addressesOf(request).verify,
        mayRevoke: mayRevoke(request, award),
        notice: request.query.klaar === 'ingetrokken' ? t(locale, 'badges.award.revoked') : undefined,
      }),
    );
  });

  app.get('/insignes/:id/insigne.svg', { schema: { ...hide, params: AwardParams } }, async (request, reply) => {
    const { award, jwt, payload } = await signedOf(request);
    const svg = badgeSvg({
      name: payload.credentialSubject.achievement.name,
      issuerName: payload.issuer.name,
      colour: badgeColour(award.theme_slug, request.ecosystem.settings.primaryColor),
    });
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-cache').send(bakeSvg(svg, jwt));
  });

  app.get('/insignes/:id/insigne.jwt', { schema: { ...hide, params: AwardParams } }, async (request, reply) => {
    const { jwt } = await signedOf(request);
    // OB 3.0 says text/plain for a VC-JWT on the web; a client that asks for the VC media type gets it.
    const type = /application\/vc\+jwt/.test(request.headers.accept ?? '') ? 'application/vc+jwt' : 'text/plain; charset=utf-8';
    return reply.type(type).header('cache-control', 'no-cache').send(jwt);
  });

  app.get('/insignes/:id/insigne.json', { schema: { ...hide, params: AwardParams } }, async (request, reply) => {
    const { payload } = await signedOf(request);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(JSON.stringify(credentialOf(payload), null, 2));
  });

  app.post('/insignes/:id/intrekken', { schema: { ...hide, params: AwardParams, body: LooseForm } }, async (request, reply) => {
    const id = request.params.id.toLowerCase();
    if (!awardIdPattern.test(id)) throw errors.notFound('badge');
    await database.transaction((tx) => revokeBadge(tx, request.actor, request.ecosystem.id, id));
    return reply.redirect(`${request.basePath}/insignes/${id}?klaar=ingetrokken`, 303);
  });

  // ---- an activity's badge, for its partner ----
  async function loadActivity(request: FastifyRequest<{ Params: { id: number } }>) {
    const ecosystemId = request.ecosystem.id;
    const found = await activityWithAchievement(db, ecosystemId, request.params.id);
    authorizePasses(request.actor, 'achievements.manage', { ecosystemId, organisationIds: found ? [found.activity.organisation_id] : [] });
    if (!found) throw errors.notFound('activity');
    return found;
  }

  function achievementPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof activityWithAchievement>>>,
    values: AchievementFormValues,
    problems: FieldProblem[],
    notice?: string,
  ) {
    const { locale, ecosystem, basePath } = request;
    const a = found.achievement;
    return sendPrivatePage(
      reply,
      AchievementPage({
        locale, ecosystem, basePath,
        csrfToken: request.csrfToken,
        links: manageLinksFor(app.ctx.modules, request.actor, ecosystem.id),
        activity: { id: found.activity.id, title: found.activity.title },
        values,
        problems,
        imageUrl: a && a.status === 'active' ? `${basePath}/insignes/prestaties/${a.id}/afbeelding.svg` : undefined,
        issued: a?.issued ?? 0,
        notice,
      }),
      problems.length > 0 ? 400 : 200,
    );
  }

  app.get('/beheer/aanbod/:id/insigne', { schema: { ...hide, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const found = await loadActivity(request);
    const { activity, achievement } = found;
    const values: AchievementFormValues = achievement
      ? { awards: achievement.status === 'active' ? 'ja' : 'nee', name: achievement.name, description: achievement.description, criteria: achievement.criteria }
      : { awards: 'nee', name: activity.title, description: activity.summary, criteria: t(request.locale, 'badges.manage.defaultCriteria', { title: activity.title }) };
    const done = request.query.klaar;
    const notice = done === 'opgeslagen' ? t(request.locale, 'badges.manage.saved') : done === 'uit' ? t(request.locale, 'badges.manage.off') : undefined;
    return achievementPage(request, reply, found, values, [], notice);
  });

  app.post('/beheer/aanbod/:id/insigne', { schema: { ...hide, params: IdParams, body: LooseForm } }, async (request, reply) => {
    const found = await loadActivity(request);
    const body = request.body as Record<string, unknown>;
    const awards = text(body.awards);
    const values: AchievementFormValues = { awards: awards === 'ja' ? 'ja' : 'nee', name: text(body.name), description: text(body.description), criteria: text(body.criteria) };
    let problems: FieldProblem[] = awards === 'ja' || awards === 'nee' ? [] : [{ field: 'awards', key: 'badges.manage.chooseAwards' }];
    if (problems.length === 0) {
      const result = await attempt(() =>
        database.transaction((tx) => saveActivityAchievement(tx, request.actor, request.ecosystem.id, found.activity.id, { ...values, awards: awards === 'ja' })),
      );
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/aanbod/${found.activity.id}/insigne?klaar=${awards === 'ja' ? 'opgeslagen' : 'uit'}`, 303);
      problems = result.problems;
    }
    return achievementPage(request, reply, found, values, problems);
  });
}
