import { attempt } from '../../../http/pages.js';
import { manageLinksFor } from '../../../core/modules.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../../core/errors.js';
import { renderDocument } from '../../../web/render.js';
import { authorizeManage } from '../../accounts/policies.js';
import { signInFirst } from '../../accounts/routes/manage-pages.js';
import { themeCss, updateSettings, type SettingsInput } from '../commands/settings-updater.js';
import { SettingsPage } from '../views/settings-page.js';
import { retentionYearsOf } from '../../passes/commands/pass-privacy-retention.js';

const Field = (max: number) => Type.String({ maxLength: max });

/** The ecosystem's settings page, and its colours as a style sheet for every page. */
export async function settingsPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, ecosystems } = app.ctx;

  // Linked with ?v=<last change>, so it can be cached for long.
  app.get('/thema.css', { schema: { hide: true } }, async (request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(themeCss(request.ecosystem.settings)),
  );

  function page(request: FastifyRequest, reply: FastifyReply, form: SettingsInput, problems: FieldProblem[], saved: boolean) {
    const html = renderDocument(
      SettingsPage({ manageLinks: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id), locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, csrfToken: request.csrfToken, form, problems, saved }),
    );
    return reply.code(problems.length ? 400 : 200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  app.get('/beheer/instellingen', { schema: { hide: true, querystring: Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 10 })) }) } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeManage(request.actor, 'settings.manage', request.ecosystem.id);
    const { name, settings } = request.ecosystem;
    const form: SettingsInput = {
      name,
      logoUrl: settings.logoUrl ?? '',
      primaryColor: settings.primaryColor ?? '',
      tileUrl: settings.tileUrl ?? '',
      tileAttribution: settings.tileAttribution ?? '',
      passRetentionYears: String(retentionYearsOf(settings)),
    };
    return page(request, reply, form, [], request.query.klaar === '1');
  });

  app.post(
    '/beheer/instellingen',
    {
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Field(100),
          name: Field(1000),
          logoUrl: Type.Optional(Field(2000)),
          primaryColor: Type.Optional(Field(100)),
          tileUrl: Type.Optional(Field(2000)),
          tileAttribution: Type.Optional(Field(2000)),
          passRetentionYears: Type.Optional(Field(100)),
        }),
      },
    },
    async (request, reply) => {
      authorizeManage(request.actor, 'settings.manage', request.ecosystem.id);
      const { name, logoUrl = '', primaryColor = '', tileUrl = '', tileAttribution = '', passRetentionYears } = request.body;
      const form: SettingsInput = { name, logoUrl, primaryColor, tileUrl, tileAttribution, passRetentionYears };
      const result = await attempt(() =>
        database.transaction(async (tx) => {
          await updateSettings(tx, request.actor, request.ecosystem, form);
          tx.afterCommit(() => ecosystems.reload());
        }),
      );
      if (!result.ok) return page(request, reply, form, result.problems, false);
      return reply.redirect(`${request.basePath}/beheer/instellingen?klaar=1`, 303);
    },
  );
}
