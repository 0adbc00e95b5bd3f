import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { manageLinksFor } from '../../../core/modules.js';
import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { IdParams } from '../../../http/schemas.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { renderDocument } from '../../../web/render.js';
import { changeLearningPathStep, createLearningPath, updateLearningPath } from '../commands/learning-path-commands.js';
import type { LearningPath } from '../db/schema.js';
import { parseLearningPathForm, parseStepChange, type FormValues } from '../learning-path-forms.js';
import { authorizePasses } from '../policies.js';
import { activityChoices, findLearningPath, findPublishedLearningPath, learningPathSteps, listLearningPaths } from '../queries/learning-path-queries.js';
import { LearningPathListPage, LearningPathPublicPage } from '../views/learning-path-pages.js';
import {
  LearningPathEditPage, LearningPathManageListPage, LearningPathNewPage, learningPathsPath, type LearningPathEditProps, type ManageContext,
} from '../views/learning-path-manage-pages.js';

const hidden = { hide: true };
/** A management form: its CSRF token and strings; the parser gives each field its own Dutch message. */
const FormBody = Type.Object({ _csrf: Type.String({ maxLength: 100 }) }, { additionalProperties: Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 20 })]) });
const EditQuery = Type.Object({ zoek: Type.Optional(Type.String({ maxLength: 200 })), klaar: Type.Optional(Type.String({ maxLength: 30 })) });
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

const notices: Record<string, MessageKey> = {
  aangemaakt: 'learningPaths.done.created',
  opgeslagen: 'learningPaths.done.saved',
  toegevoegd: 'learningPaths.done.added',
  verplaatst: 'learningPaths.done.moved',
  verwijderd: 'learningPaths.done.removed',
};
const stepNotice = { add: 'toegevoegd', up: 'verplaatst', down: 'verplaatst', remove: 'verwijderd' } as const;

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page));
}

function pathForm(path: LearningPath): FormValues {
  return {
    title: path.title,
    slug: path.slug,
    description: path.description,
    themeId: path.theme_id === null ? '' : String(path.theme_id),
    ordered: path.ordered ? 'ordered' : 'free',
    status: path.status,
  };
}

/** Curated learning paths: the public pages, and the coordinator's pages to make and keep them. */
export async function learningPathPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, ecosystems } = app.ctx;
  const db = database.db;

  // ---- public ----

  app.get('/leerroutes', { schema: hidden }, async (request, reply) => {
    const paths = await listLearningPaths(db, request.ecosystem.id, { publishedOnly: true });
    return html(reply, LearningPathListPage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, paths }));
  });

  app.get('/leerroutes/:slug', { schema: { ...hidden, params: SlugParams } }, async (request, reply) => {
    const path = await findPublishedLearningPath(db, request.ecosystem.id, request.params.slug);
    if (!path) throw errors.notFound('learningPath');
    const steps = await learningPathSteps(db, request.ecosystem.id, path.id);
    return html(reply, LearningPathPublicPage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, path, steps }));
  });

  // ---- management ----

  const allow = (request: FastifyRequest) => authorizePasses(request.actor, 'learningPaths.manage', { ecosystemId: request.ecosystem.id });
  const context = (request: FastifyRequest): ManageContext => ({
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: request.csrfToken,
    links: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id),
  });
  const themesOf = (request: FastifyRequest) => ecosystems.themes(request.ecosystem.id);

  async function loadPath(request: FastifyRequest, id: number): Promise<LearningPath> {
    allow(request);
    const path = await findLearningPath(db, request.ecosystem.id, id);
    if (!path) throw errors.notFound('learningPath');
    return path;
  }

  async function editPage(
    request: FastifyRequest,
    path: LearningPath,
    over: Partial<Pick<LearningPathEditProps, 'raw' | 'problems' | 'stepProblems' | 'search' | 'notice'>>,
  ): Promise<VNode> {
    const ecosystemId = request.ecosystem.id;
    const search = (over.search ?? '').trim();
    const steps = await learningPathSteps(db, ecosystemId, path.id);
    const [themes, choices] = await Promise.all([
      themesOf(request),
      activityChoices(db, ecosystemId, { q: search, themeId: path.theme_id, exclude: steps.map((s) => s.activityId) }),
    ]);
    return LearningPathEditPage({
      ctx: context(request),
      path,
      raw: over.raw ?? pathForm(path),
      problems: over.problems ?? [],
      themes,
      steps,
      stepProblems: over.stepProblems ?? [],
      search,
      choices,
      notice: over.notice,
    });
  }

  app.get(learningPathsPath, { schema: { ...hidden, querystring: EditQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    allow(request);
    const paths = await listLearningPaths(db, request.ecosystem.id, { publishedOnly: false });
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPrivatePage(reply, LearningPathManageListPage({ ctx: context(request), paths, notice: notice && t(request.locale, notice) }));
  });

  app.get(`${learningPathsPath}/nieuw`, { schema: hidden }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    allow(request);
    return sendPrivatePage(reply, LearningPathNewPage({ ctx: context(request), raw: { ordered: 'ordered' }, problems: [], themes: await themesOf(request) }));
  });

  app.post(`${learningPathsPath}/nieuw`, { schema: { ...hidden, body: FormBody } }, async (request, reply) => {
    allow(request);
    const raw = request.body as FormValues;
    const parsed = parseLearningPathForm(raw, { withStatus: false });
    let problems: FieldProblem[] = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createLearningPath(tx, request.actor, request.ecosystem.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${learningPathsPath}/${result.value.id}?klaar=aangemaakt`, 303);
      problems = result.problems;
    }
    return sendPrivatePage(reply, LearningPathNewPage({ ctx: context(request), raw, problems, themes: await themesOf(request) }), 400);
  });

  app.get(`${learningPathsPath}/:id`, { schema: { ...hidden, params: IdParams, querystring: EditQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const path = await loadPath(request, request.params.id);
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPrivatePage(reply, await editPage(request, path, { search: request.query.zoek ?? '', notice: notice && t(request.locale, notice) }));
  });

  app.post(`${learningPathsPath}/:id`, { schema: { ...hidden, params: IdParams, body: FormBody } }, async (request, reply) => {
    const path = await loadPath(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseLearningPathForm(raw, { withStatus: true });
    let problems: FieldProblem[] = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateLearningPath(tx, request.actor, request.ecosystem.id, path.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}${learningPathsPath}/${path.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPrivatePage(reply, await editPage(request, path, { raw, problems }), 400);
  });

  app.post(`${learningPathsPath}/:id/stappen`, { schema: { ...hidden, params: IdParams, body: FormBody } }, async (request, reply) => {
    const path = await loadPath(request, request.params.id);
    const change = parseStepChange(request.body as FormValues);
    let stepProblems: FieldProblem[] = [{ field: 'activityId', key: 'learningPaths.field.step.invalid' }];
    if (change) {
      const result = await attempt(() => database.transaction((tx) => changeLearningPathStep(tx, request.actor, request.ecosystem.id, path.id, change)));
      if (result.ok) return reply.redirect(`${request.basePath}${learningPathsPath}/${path.id}?klaar=${stepNotice[change.action]}#stappen`, 303);
      stepProblems = result.problems;
    }
    const fresh = (await findLearningPath(db, request.ecosystem.id, path.id)) ?? path;
    return sendPrivatePage(reply, await editPage(request, fresh, { stepProblems }), 400);
  });
}
