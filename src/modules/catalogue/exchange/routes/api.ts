import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { errors } from '../../../../core/errors.js';
import { withErrors } from '../../../../http/schemas.js';
import { authorize } from '../../policies.js';
import { applyOfferImport } from '../commands/offer-importer.js';
import { problemOut } from '../problems.js';
import { loadImportContext, organisationInEcosystem } from '../queries/import-context.js';
import { offerExportRows } from '../queries/offer-export.js';
import { validateSheet, type ImportPlan } from '../row-validator.js';
import { maxFileBytes, readSheet } from '../sheet-reader.js';
import { sendSheet, xlsxType } from './pages.js';

const security = [{ adminToken: [] }];
const OrganisationQuery = Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Organisatie; zonder: het hele ecosysteem (export) of de kolom Aanbieder (import)' }));

const ImportResult = Type.Object({
  applied: Type.Boolean({ description: 'Waar: de import is uitgevoerd. Bij mode=preview altijd onwaar.' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  problems: Type.Array(Type.Object({ row: Type.Union([Type.Integer(), Type.Null()]), column: Type.Union([Type.String(), Type.Null()]), message: Type.String() })),
  rows: Type.Array(Type.Object({
    row: Type.Integer({ description: 'Rijnummer in het bestand (de kopregel is rij 1)' }),
    action: Type.String({ description: 'create of update' }),
    activityId: Type.Union([Type.Integer(), Type.Null()], { description: 'Bij update: de activiteit die wordt bijgewerkt' }),
    externalId: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
  })),
});

/** The exchange in the JSON API: the same files as the pages, for partners' own systems. */
export async function offerExchangeApi(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;

  app.addContentTypeParser(['text/csv', xlsxType, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: maxFileBytes + 1 }, (_request, body, done) => done(null, body));

  app.get(
    '/api/v1/offer/export',
    {
      schema: {
        tags: ['Aanbod uitwisselen'],
        summary: 'Het aanbod als spreadsheet',
        description: 'Dezelfde kolommen als het sjabloon, zodat de export weer kan worden geïmporteerd. Zonder organisationId het hele ecosysteem (alleen coördinatoren).',
        security,
        querystring: Type.Object({ organisationId: OrganisationQuery, format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { organisationId, format } = request.query;
      authorize(request.actor, 'offer.export', { ecosystemId: request.ecosystem.id, organisationId });
      if (organisationId !== undefined && !(await organisationInEcosystem(database.db, request.ecosystem.id, organisationId))) throw errors.notFound('organisation');
      const rows = await offerExportRows(database.db, request.ecosystem.id, organisationId);
      return sendSheet(reply, format ?? 'csv', `aanbod-${request.ecosystem.slug}${organisationId ? `-${organisationId}` : ''}`, rows);
    },
  );

  app.post(
    '/api/v1/offer/import',
    {
      bodyLimit: maxFileBytes + 1,
      schema: {
        tags: ['Aanbod uitwisselen'],
        summary: 'Aanbod importeren uit CSV of XLSX',
        description:
          'Stuur het bestand zelf als body (Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet of application/octet-stream). ' +
          'mode=preview verandert niets en zegt per rij wat er zou gebeuren; mode=all importeert alles of niets (400 met alle problemen); ' +
          'mode=valid importeert alleen de rijen zonder problemen. Rijen met een eigen id dat al bestaat worden bijgewerkt.',
        security,
        querystring: Type.Object(
          { organisationId: OrganisationQuery, mode: Type.Optional(Type.Union([Type.Literal('preview'), Type.Literal('all'), Type.Literal('valid')], { default: 'preview' })) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ImportResult }),
      },
    },
    async (request) => {
      const ecosystemId = request.ecosystem.id;
      const { organisationId, mode = 'preview' } = request.query;
      authorize(request.actor, 'offer.import', { ecosystemId, organisationId });
      const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const read = await readSheet(data);
      const problemsOf = (plan: Pick<ImportPlan, 'problems'>) => plan.problems.map((p) => problemOut(p, request.locale));
      if (!read.sheet) {
        throw errors.invalidInput(read.problems.map((p) => ({ field: 'file', key: p.key, ...(p.params && { params: p.params }) })));
      }
      const sheet = read.sheet;
      const present = (plan: ImportPlan, applied: boolean, created: number, updated: number) => ({
        applied, created, updated,
        problems: problemsOf(plan),
        rows: plan.valid.map((v) => ({ row: v.row, action: v.action, activityId: v.activityId, externalId: v.externalId, title: v.title })),
      });
      if (mode === 'preview') {
        const plan = validateSheet(sheet, await loadImportContext(database.db, request.actor, ecosystemId, sheet, organisationId ?? null));
        return present(plan, false, 0, 0);
      }
      const outcome = await database.transaction((tx) =>
        applyOfferImport(tx, request.actor, ecosystemId, sheet, { mode, defaultOrganisationId: organisationId ?? null, fileName: 'api' }),
      );
      if (!outcome.applied) {
        const problems = outcome.plan.problems.length > 0 ? outcome.plan.problems : [{ row: null, column: null, key: 'exchange.preview.noneGood' as const }];
        throw errors.invalidInput(problems.map((p) => ({
          field: [p.row === null ? '' : `rij ${p.row}`, p.column ?? ''].filter(Boolean).join(', ') || 'file',
          key: p.key,
          ...(p.params && { params: p.params }),
        })));
      }
      return present(outcome.plan, true, outcome.created, outcome.updated);
    },
  );
}
