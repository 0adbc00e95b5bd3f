import { signInFirst } from '../../../../http/pages.js';
import { manageLinksFor } from '../../../../core/modules.js';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors } from '../../../../core/errors.js';
import { isoDay } from '../../../../web/format.js';
import { renderDocument } from '../../../../web/render.js';
import { authorize, can } from '../../policies.js';
import { deleteUpload, storeUpload } from '../commands/import-uploads.js';
import { applyOfferImport } from '../commands/offer-importer.js';
import { parseMultipart, UploadedFile } from '../multipart.js';
import { problemOut } from '../problems.js';
import { loadImportContext, organisationInEcosystem, organisationsFor } from '../queries/import-context.js';
import { findUpload } from '../queries/import-uploads.js';
import { offerExportRows } from '../queries/offer-export.js';
import { validateSheet } from '../row-validator.js';
import { maxFileBytes, readSheet } from '../sheet-reader.js';
import { toCsv, toXlsx } from '../sheet-writer.js';
import { ExchangePage, type ExchangePageProps } from '../views/exchange-page.js';
import { PreviewPage } from '../views/preview-page.js';

export const csvType = 'text/csv; charset=utf-8';
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a spreadsheet as a download. */
export async function sendSheet(reply: FastifyReply, format: 'csv' | 'xlsx', baseName: string, rows: string[][]): Promise<FastifyReply> {
  const name = `${baseName}-${isoDay(new Date())}.${format}`;
  return reply
    .type(format === 'csv' ? csvType : xlsxType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(format === 'csv' ? toCsv(rows) : await toXlsx(rows));
}

const FormatParams = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) });
const uploadGone = () => new AppError('not_found', 404, 'exchange.upload.gone');

/**
 * Pages for moving an offer in and out as spreadsheets: upload → preview →
 * confirm, the template, and exports. The preview keeps the uploaded cells on
 * the server (a table row behind a random token), and the confirmation checks
 * them again in the import's own transaction.
 */
export async function offerExchangePages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  // Only inside this plugin: the upload form is the platform's one multipart form.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxFileBytes + 64 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  /** What the exchange page offers this person; 403 if nothing. */
  async function pageProps(request: FastifyRequest): Promise<Omit<ExchangePageProps, 'locale' | 'ecosystem' | 'basePath' | 'csrfToken' | 'manageLinks'>> {
    const ecosystemId = request.ecosystem.id;
    const [importOrganisations, exportOrganisations] = await Promise.all([
      organisationsFor(db, request.actor, ecosystemId, 'offer.import'),
      organisationsFor(db, request.actor, ecosystemId, 'offer.export'),
    ]);
    const importByColumn = can(request.actor, 'offer.import', { ecosystemId });
    const exportEcosystem = can(request.actor, 'offer.export', { ecosystemId });
    if (importOrganisations.length === 0 && !importByColumn && exportOrganisations.length === 0 && !exportEcosystem) {
      throw request.actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
    }
    return { importOrganisations, importByColumn, exportOrganisations, exportEcosystem };
  }

  function page(request: FastifyRequest, reply: FastifyReply, props: Omit<ExchangePageProps, 'locale' | 'ecosystem' | 'basePath' | 'csrfToken' | 'manageLinks'>) {
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderDocument(ExchangePage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, csrfToken: request.csrfToken, manageLinks: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id), ...props })));
  }

  app.get(
    '/beheer/aanbod/importeren',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          nieuw: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
          bijgewerkt: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const props = await pageProps(request);
      const { nieuw, bijgewerkt } = request.query;
      const done = nieuw !== undefined || bijgewerkt !== undefined ? { created: nieuw ?? 0, updated: bijgewerkt ?? 0 } : undefined;
      return page(request, reply, { ...props, ...(done && { done }) });
    },
  );

  app.post(
    '/beheer/aanbod/importeren',
    {
      bodyLimit: maxFileBytes + 64 * 1024,
      schema: { hide: true, body: Type.Object({ _csrf: Type.String(), organisatie: Type.Optional(Type.String({ maxLength: 12 })) }) },
    },
    async (request, reply) => {
      const ecosystemId = request.ecosystem.id;
      const body = request.body as { organisatie?: string; bestand?: unknown };
      const chosen = body.organisatie && /^[1-9][0-9]{0,9}$/.test(body.organisatie) ? Number(body.organisatie) : null;
      if (chosen === null) authorize(request.actor, 'offer.import', { ecosystemId });
      else authorize(request.actor, 'offer.import', { ecosystemId, organisationId: chosen });
      const file = body.bestand instanceof UploadedFile ? body.bestand : undefined;
      const read = file ? await readSheet(file.data) : { problems: [{ row: null, column: null, key: 'exchange.file.missing' as const }] };
      if (!read.sheet) {
        const props = await pageProps(request);
        reply.code(400);
        return page(request, reply, { ...props, chosenOrganisation: chosen, fileProblems: read.problems.map((p) => problemOut(p, request.locale)) });
      }
      const sheet = read.sheet;
      const token = await database.transaction((tx) =>
        storeUpload(tx, { ecosystemId, userId: request.actor.kind === 'user' ? request.actor.userId : null, organisationId: chosen, fileName: file!.fileName, sheet }),
      );
      return reply.redirect(`${request.basePath}/beheer/aanbod/importeren/${token}`, 303);
    },
  );

  const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });
  const userIdOf = (request: FastifyRequest) => (request.actor.kind === 'user' ? request.actor.userId : null);

  app.get(
    '/beheer/aanbod/importeren/:token',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ veranderd: Type.Optional(Type.Literal('1')) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const upload = await findUpload(db, request.ecosystem.id, request.params.token, userIdOf(request));
      if (!upload) throw uploadGone();
      const context = await loadImportContext(db, request.actor, request.ecosystem.id, upload.sheet, upload.organisationId);
      const plan = validateSheet(upload.sheet, context);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderDocument(
            PreviewPage({
              locale: request.locale,
              ecosystem: request.ecosystem,
              basePath: request.basePath,
              csrfToken: request.csrfToken,
              token: request.params.token,
              fileName: upload.fileName,
              problems: plan.problems.map((p) => problemOut(p, request.locale)),
              blocked: plan.blocked,
              valid: plan.valid,
              invalidRows: plan.invalidRows.length,
              changed: request.query.veranderd === '1',
            }),
          ),
        );
    },
  );

  app.post(
    '/beheer/aanbod/importeren/:token',
    {
      schema: {
        hide: true,
        params: TokenParams,
        body: Type.Object({ _csrf: Type.String(), modus: Type.Union([Type.Literal('alles'), Type.Literal('geldig')]) }),
      },
    },
    async (request, reply) => {
      if (request.actor.kind === 'anonymous') throw errors.unauthenticated();
      const { token } = request.params;
      const upload = await findUpload(db, request.ecosystem.id, token, userIdOf(request));
      if (!upload) throw uploadGone();
      // Each row is authorised again inside the import, against its own organisation.
      const outcome = await database.transaction(async (tx) => {
        const result = await applyOfferImport(tx, request.actor, request.ecosystem.id, upload.sheet, {
          mode: request.body.modus === 'alles' ? 'all' : 'valid',
          defaultOrganisationId: upload.organisationId,
          fileName: upload.fileName,
        });
        if (result.applied) await deleteUpload(tx, token);
        return result;
      });
      const base = `${request.basePath}/beheer/aanbod/importeren`;
      if (!outcome.applied) return reply.redirect(`${base}/${token}?veranderd=1`, 303);
      return reply.redirect(`${base}?nieuw=${outcome.created}&bijgewerkt=${outcome.updated}`, 303);
    },
  );

  // The template holds no data (only the column names), so anyone may have it.
  app.get('/beheer/aanbod/sjabloon.:format', { schema: { hide: true, params: FormatParams } }, async (request, reply) =>
    sendSheet(reply, request.params.format, 'sjabloon-aanbod', []),
  );

  app.get(
    '/beheer/aanbod/export.:format',
    { schema: { hide: true, params: FormatParams, querystring: Type.Object({ organisatie: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const organisationId = request.query.organisatie;
      authorize(request.actor, 'offer.export', { ecosystemId: request.ecosystem.id, organisationId });
      if (organisationId !== undefined && !(await organisationInEcosystem(db, request.ecosystem.id, organisationId))) throw errors.notFound('organisation');
      const rows = await offerExportRows(db, request.ecosystem.id, organisationId);
      const name = `aanbod-${request.ecosystem.slug}${organisationId ? `-${organisationId}` : ''}`;
      return sendSheet(reply, request.params.format, name, rows);
    },
  );
}
