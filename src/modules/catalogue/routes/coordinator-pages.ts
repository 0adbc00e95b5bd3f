import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { IdParams } from '../../../http/schemas.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import { archiveTheme, createTheme, updateTheme } from '../commands/theme-commands.js';
import type { Theme } from '../db/schema.js';
import { parseThemeForm, type FormValues } from '../forms.js';
import { authorize } from '../policies.js';
import { findTheme, listAllThemes } from '../queries/manage-queries.js';
import { ThemeFormPage, ThemeListPage } from '../views/organisation-pages.js';
import { ActionBody, attempt, audited, DoneQuery, FormBody, manageContext, sendPage, signInFirst } from './manage-helpers.js';

const hide = { hide: true };

const notices: Record<string, MessageKey> = { aangemaakt: 'themes.created', opgeslagen: 'themes.saved', gearchiveerd: 'themes.archivedDone' };

function themeForm(th: Theme): FormValues {
  return { name: th.name, description: th.description, position: String(th.position) };
}

/** A taken short name belongs beside the slug field, not on an error page. */
function slugProblems(error: unknown): never | FieldProblem[] {
  if (error instanceof AppError && error.key === 'error.conflict.slugTaken') return [{ field: 'slug', key: error.key, params: error.params }];
  throw error;
}

/** The coordinator's pages for the ecosystem's themes: list, add, rename, reorder, archive. */
export async function coordinatorPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;
  const registry = app.ctx.ecosystems;

  const allow = (request: FastifyRequest) => authorize(request.actor, 'theme.manage', { ecosystemId: request.ecosystem.id });

  async function loadTheme(request: FastifyRequest, id: number): Promise<Theme> {
    allow(request);
    const theme = await findTheme(db, request.ecosystem.id, id);
    if (!theme) throw errors.notFound('theme');
    if (theme.status !== 'active') throw errors.conflict('error.conflict.archived');
    return theme;
  }

  app.get('/beheer/themas', { schema: { ...hide, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    allow(request);
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(reply, ThemeListPage({ ctx: manageContext(request), themes: await listAllThemes(db, request.ecosystem.id), notice: notice && t(request.locale, notice) }));
  });

  app.get('/beheer/themas/nieuw', { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    allow(request);
    return sendPage(reply, ThemeFormPage({ ctx: manageContext(request), raw: {}, problems: [] }));
  });

  app.post('/beheer/themas/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    allow(request);
    const raw = request.body as FormValues;
    const parsed = parseThemeForm(raw, { withSlug: true });
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      try {
        const result = await attempt(() =>
          audited(request, (th) => ({ action: 'catalogue.theme.created', subjectType: 'theme', subjectId: th.id, details: { slug: th.slug } }), (tx: Tx) =>
            createTheme(tx, request.ecosystem.id, input),
          ),
        );
        if (result.ok) {
          registry.forgetThemes(request.ecosystem.id);
          return reply.redirect(`${request.basePath}/beheer/themas?klaar=aangemaakt`, 303);
        }
        problems = result.problems;
      } catch (error) {
        problems = slugProblems(error);
      }
    }
    return sendPage(reply, ThemeFormPage({ ctx: manageContext(request), raw, problems }), 400);
  });

  app.get('/beheer/themas/:id', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const theme = await loadTheme(request, request.params.id);
    return sendPage(reply, ThemeFormPage({ ctx: manageContext(request), theme, raw: themeForm(theme), problems: [] }));
  });

  app.post('/beheer/themas/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const theme = await loadTheme(request, request.params.id);
    const raw = request.body as FormValues;
    const parsed = parseThemeForm(raw, { withSlug: false });
    let problems = parsed.problems;
    if (parsed.input) {
      const { name, description, position } = parsed.input;
      const result = await attempt(() =>
        audited(request, () => ({ action: 'catalogue.theme.updated', subjectType: 'theme', subjectId: theme.id }), (tx: Tx) =>
          updateTheme(tx, request.ecosystem.id, theme.id, { name, description, position }),
        ),
      );
      if (result.ok) {
        registry.forgetThemes(request.ecosystem.id);
        return reply.redirect(`${request.basePath}/beheer/themas?klaar=opgeslagen`, 303);
      }
      problems = result.problems;
    }
    return sendPage(reply, ThemeFormPage({ ctx: manageContext(request), theme, raw, problems }), 400);
  });

  app.post('/beheer/themas/:id/archiveren', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const theme = await loadTheme(request, request.params.id);
    await audited(request, () => ({ action: 'catalogue.theme.archived', subjectType: 'theme', subjectId: theme.id }), (tx: Tx) => archiveTheme(tx, request.ecosystem.id, theme.id));
    registry.forgetThemes(request.ecosystem.id);
    return reply.redirect(`${request.basePath}/beheer/themas?klaar=gearchiveerd`, 303);
  });
}
