import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors } from '../../../core/errors.js';
import { parseMultipart, UploadedFile } from '../../catalogue/exchange/multipart.js';
import { problemOut, type ImportProblem } from '../../catalogue/exchange/problems.js';
import { applySchoolImport } from '../commands/school-commands.js';
import { deleteSchoolUpload, storeSchoolUpload, type StoredSchoolFile } from '../commands/school-import-uploads.js';
import { authorize, can } from '../network-policies.js';
import { loadSchoolImportContext } from '../queries/school-import-context.js';
import { findSchoolUpload } from '../queries/school-import-uploads.js';
import { maxSchoolFileBytes, readSchoolFile } from '../school-csv.js';
import { duoSampleCsv } from '../school-duo-sample.js';
import { resolveColumns } from '../school-duo-format.js';
import { planSchoolImport } from '../school-import-rows.js';
import { defaultTypeChoices, SchoolImportPage, SchoolPreviewPage } from '../views/school-import-pages.js';
import { ActionBody, hide, networkContext, sendPage, signInFirst } from './network-route-helpers.js';

const uploadGone = () => new AppError('not_found', 404, 'schools.import.upload.gone');
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });
const userIdOf = (request: FastifyRequest) => (request.actor.kind === 'user' ? request.actor.userId : null);
const bodyLimit = maxSchoolFileBytes + 64 * 1024;
const maxMegabytes = maxSchoolFileBytes / 1024 / 1024;

/**
 * Importing school locations from DUO's list: upload → preview → confirm.
 * The preview keeps the file's rows on the server (a table row behind a
 * random token); the confirmation checks them again in the import's own
 * transaction and writes all of them or nothing.
 */
export async function schoolImportPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  // Only inside this plugin: the upload form posts multipart (the catalogue's own reader, for one file per form).
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  function uploadPage(request: FastifyRequest, reply: FastifyReply, options: { fileProblems?: ImportProblem[]; defaultType?: string; done?: { created: number; updated: number } } = {}, status = 200) {
    return sendPage(
      reply,
      SchoolImportPage({
        ctx: networkContext(request), maxMegabytes,
        ...(options.fileProblems && { fileProblems: options.fileProblems.map((p) => problemOut(p, request.locale)) }),
        ...(options.defaultType !== undefined && { defaultType: options.defaultType }),
        ...(options.done && { done: options.done }),
      }),
      status,
    );
  }

  // A file over the limit is refused before any handler runs; someone who may import
  // gets the upload form back saying so, rather than a bare error page.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && request.method === 'POST' && can(request.actor, 'schools.import', { ecosystemId: request.ecosystem.id })) {
      return uploadPage(request, reply, { fileProblems: [{ row: null, column: null, key: 'schools.import.file.tooLarge', params: { max: maxMegabytes } }] }, 413);
    }
    throw error;
  });

  app.get(
    '/beheer/netwerk/scholen/importeren',
    {
      schema: {
        ...hide,
        querystring: Type.Object({
          nieuw: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
          bijgewerkt: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
        }),
      },
    },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      authorize(request.actor, 'schools.import', { ecosystemId: request.ecosystem.id });
      const { nieuw, bijgewerkt } = request.query;
      const done = nieuw !== undefined || bijgewerkt !== undefined ? { created: nieuw ?? 0, updated: bijgewerkt ?? 0 } : undefined;
      return uploadPage(request, reply, done ? { done } : {});
    },
  );

  app.post(
    '/beheer/netwerk/scholen/importeren',
    { bodyLimit, schema: { ...hide, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }), soort: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const ecosystem = request.ecosystem;
      authorize(request.actor, 'schools.import', { ecosystemId: ecosystem.id });
      const body = request.body as { soort?: string; bestand?: unknown };
      const soort = body.soort ?? '';
      const problems: ImportProblem[] = [];
      if (soort !== '' && !(defaultTypeChoices as readonly string[]).includes(soort)) problems.push({ row: null, column: null, key: 'field.unknownValue', params: { value: soort } });
      const file = body.bestand instanceof UploadedFile ? body.bestand : undefined;
      if (!file) problems.push({ row: null, column: null, key: 'schools.import.file.missing' });
      const read = file && problems.length === 0 ? readSchoolFile(file.data) : undefined;
      if (read) problems.push(...read.problems);
      if (!read?.sheet || problems.length > 0) return uploadPage(request, reply, { fileProblems: problems, defaultType: soort }, 400);

      // Keep only the rows of the ecosystem's municipalities, so DUO's national list can be uploaded as it is.
      const { sheet, columns } = read;
      const municipalities = new Set(ecosystem.municipalities.map((m) => m.trim().toLowerCase()));
      const municipalityColumn = columns?.municipality;
      const inside = (cells: string[]) => {
        if (municipalityColumn === undefined || municipalities.size === 0) return true;
        const name = (cells[municipalityColumn] ?? '').trim().toLowerCase();
        return name === '' || municipalities.has(name);
      };
      const rows = sheet.rows.filter((r) => inside(r.cells));
      if (rows.length === 0) {
        const fileProblems: ImportProblem[] = [{ row: null, column: null, key: 'schools.import.file.nothingHere', params: { municipalities: ecosystem.municipalities.join(', '), skipped: sheet.rows.length } }];
        return uploadPage(request, reply, { fileProblems, defaultType: soort }, 400);
      }
      const stored: StoredSchoolFile = {
        sheet: { headers: sheet.headers, rows },
        skipped: sheet.rows.length - rows.length,
        defaultTypes: soort === '' ? null : [soort as (typeof defaultTypeChoices)[number]],
      };
      const token = await database.transaction((tx) => storeSchoolUpload(tx, { ecosystemId: ecosystem.id, userId: userIdOf(request), fileName: file!.fileName, file: stored }));
      return reply.redirect(`${request.basePath}/beheer/netwerk/scholen/importeren/${token}`, 303);
    },
  );

  app.get(
    '/beheer/netwerk/scholen/importeren/:token',
    { schema: { ...hide, params: TokenParams, querystring: Type.Object({ veranderd: Type.Optional(Type.Literal('1')) }) } },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      // An upload is its uploader's alone: to everyone else it does not exist; the uploader must still hold the right.
      const upload = await findSchoolUpload(db, request.ecosystem.id, request.params.token, userIdOf(request));
      if (!upload) throw uploadGone();
      authorize(request.actor, 'schools.import', { ecosystemId: request.ecosystem.id });
      const { columns } = resolveColumns(upload.file.sheet.headers);
      const plan = planSchoolImport(upload.file.sheet, columns, await loadSchoolImportContext(db, request.ecosystem.id), upload.file.defaultTypes);
      return sendPage(
        reply,
        SchoolPreviewPage({
          ctx: networkContext(request), token: request.params.token, fileName: upload.fileName, outcomes: plan.outcomes, skipped: upload.file.skipped,
          newOrganisations: plan.newOrganisations.map((o) => o.name), changed: request.query.veranderd === '1',
        }),
      );
    },
  );

  app.post('/beheer/netwerk/scholen/importeren/:token', { schema: { ...hide, params: TokenParams, body: ActionBody } }, async (request, reply) => {
    if (request.actor.kind === 'anonymous') throw errors.unauthenticated();
    const { token } = request.params;
    const upload = await findSchoolUpload(db, request.ecosystem.id, token, userIdOf(request));
    if (!upload) throw uploadGone();
    authorize(request.actor, 'schools.import', { ecosystemId: request.ecosystem.id });
    const base = `${request.basePath}/beheer/netwerk/scholen/importeren`;
    let outcome: Awaited<ReturnType<typeof applySchoolImport>>;
    try {
      outcome = await database.transaction(async (tx) => {
        const result = await applySchoolImport(tx, request.actor, request.ecosystem.id, upload.file, upload.fileName);
        if (result.applied) await deleteSchoolUpload(tx, token);
        return result;
      });
    } catch (error) {
      // Another import of the same locations committed first: nothing of this one was written.
      if ((error as { code?: string }).code === '23505') return reply.redirect(`${base}/${token}?veranderd=1`, 303);
      throw error;
    }
    if (!outcome.applied) return reply.redirect(`${base}/${token}?veranderd=1`, 303);
    return reply.redirect(`${base}?nieuw=${outcome.created}&bijgewerkt=${outcome.updated}`, 303);
  });

  // The sample holds invented schools only, so anyone may have it (like the catalogue's template).
  app.get('/beheer/netwerk/scholen/voorbeeld.csv', { schema: hide }, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="duo-vestigingen-voorbeeld.csv"')
      .send(duoSampleCsv),
  );

}
