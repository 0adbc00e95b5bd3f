import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams } from '../../../http/schemas.js';
import { isoDay } from '../../../web/format.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import type { FormValues } from '../../catalogue/forms.js';
import { parseMultipart, UploadedFile } from '../../catalogue/exchange/multipart.js';
import { ActionBody, attempt, DoneQuery, FormBody, manageContext, sendPage, signInFirst } from '../../catalogue/routes/manage-helpers.js';
import { checkPdf, cleanFileName, maxDocumentBytes, maxDocumentText } from '../agreement-document.js';
import {
  addSignatory, createAgreement, deleteAgreement, removeAgreementDocument, removeSignatory, storeAgreementDocument, updateAgreement,
} from '../commands/agreement-commands.js';
import { createContribution } from '../commands/contribution-commands.js';
import { parseAgreementForm, parseContributionForm, parseSignatoryForm } from '../finance-forms.js';
import { authorizeFinance, canFinance, readableFor } from '../finance-policies.js';
import {
  agreementChoices, agreementDocument, agreementDocumentMeta, agreementPartyIds, findAgreement, listAgreements, organisationChoices, signatoriesOf,
  type AgreementRow,
} from '../queries/agreement-queries.js';
import { listContributions, listGrants } from '../queries/finance-queries.js';
import { AgreementFormPage, AgreementListPage, AgreementPage, type AgreementPageProps } from '../views/agreement-views.js';

const hide = { hide: true };

const notices: Record<string, MessageKey> = {
  aangemaakt: 'agreement.created',
  opgeslagen: 'manage.saved',
  verwijderd: 'agreement.deleted',
  ondertekenaar: 'agreement.signatory.added',
  ondertekenaarweg: 'agreement.signatory.removed',
  bijdrage: 'agreement.contribution.added',
  document: 'agreement.document.stored',
  documentweg: 'agreement.document.removed',
  bevestigd: 'finance.confirm.done',
  albevestigd: 'finance.confirm.already',
  bijdragegewijzigd: 'manage.saved',
  bijdrageweg: 'finance.contribution.deleted',
};

const SignatoryParams = Type.Object({ id: IdParams.properties.id, signatoryId: IdParams.properties.id });

function agreementForm(a: AgreementRow): FormValues {
  return {
    title: a.title, kind: a.kind, status: a.status, startsOn: a.startsOn, endsOn: a.endsOn ?? '', reminderDays: String(a.reminderDays),
    documentUrl: a.documentUrl ?? '', notes: a.notes,
  };
}

/** "attachment" with a plain-ASCII name and the exact name for browsers that read RFC 5987. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'overeenkomst.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The agreements of the partnership: the list, one agreement with its
 * document, signatories and the contributions made under it, and the forms.
 * Coordinators change them; the steering group reads them; a partner editor
 * reads the agreements its organisation is party to.
 */
export async function agreementPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;
  const { database } = app.ctx;

  // Inside this plugin only: the document upload is a multipart form.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxDocumentBytes + 64 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  const scopeOf = (request: FastifyRequest, organisationIds?: number[]) => ({ ecosystemId: request.ecosystem.id, organisationIds });

  /** The agreement after checking the action on it: 403 for those who may not, 404 when it is not in this ecosystem. */
  async function loadAgreement(request: FastifyRequest, id: number, action: 'agreement.read' | 'agreement.manage'): Promise<AgreementRow> {
    const parties = action === 'agreement.read' && !canFinance(request.actor, 'finance.read', scopeOf(request)) ? await agreementPartyIds(db, request.ecosystem.id, id) : [];
    authorizeFinance(request.actor, action, scopeOf(request, parties));
    const agreement = await findAgreement(db, request.ecosystem.id, id);
    if (!agreement) throw errors.notFound('agreement');
    return agreement;
  }

  async function agreementPage(request: FastifyRequest, agreement: AgreementRow, o: { failed?: AgreementPageProps['failed']; notice?: string | undefined } = {}) {
    const ecosystemId = request.ecosystem.id;
    const actor = request.actor;
    const canManage = canFinance(actor, 'agreement.manage', scopeOf(request));
    const [signatories, document, contributions, organisations, agreements, grants] = await Promise.all([
      signatoriesOf(db, ecosystemId, agreement.id),
      agreementDocumentMeta(db, ecosystemId, agreement.id),
      listContributions(db, ecosystemId, { organisations: readableFor(actor, 'contribution.read', ecosystemId), agreementId: agreement.id }),
      canManage ? organisationChoices(db, ecosystemId) : [],
      canManage ? agreementChoices(db, ecosystemId) : [],
      canManage ? listGrants(db, ecosystemId) : [],
    ]);
    const manageContributions = canFinance(actor, 'finance.manage', scopeOf(request));
    return AgreementPage({
      ctx: manageContext(request),
      agreement,
      signatories,
      document,
      contributions,
      mayContribution: (row) => ({ edit: manageContributions, confirm: canFinance(actor, 'contribution.confirm', scopeOf(request, [row.organisationId])) }),
      canManage,
      organisations,
      contributionChoices: { organisations, agreements, grants },
      today: isoDay(new Date()),
      failed: o.failed,
      notice: o.notice,
    });
  }

  app.get('/beheer/overeenkomsten', { schema: { ...hide, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    const readable = readableFor(request.actor, 'agreement.read', ecosystemId);
    if (readable !== 'all' && readable.length === 0) throw errors.forbidden();
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(
      reply,
      AgreementListPage({
        ctx: manageContext(request),
        agreements: await listAgreements(db, ecosystemId, readable),
        canCreate: canFinance(request.actor, 'agreement.manage', scopeOf(request)),
        today: isoDay(new Date()),
        notice: notice && t(request.locale, notice),
      }),
    );
  });

  app.get('/beheer/overeenkomsten/nieuw', { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizeFinance(request.actor, 'agreement.manage', scopeOf(request));
    const today = isoDay(new Date());
    return sendPage(reply, AgreementFormPage({ ctx: manageContext(request), raw: { kind: 'covenant', status: 'draft', startsOn: today, reminderDays: '60' }, problems: [] }));
  });

  app.post('/beheer/overeenkomsten/nieuw', { schema: { ...hide, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'agreement.manage', scopeOf(request));
    const raw = request.body as FormValues;
    const parsed = parseAgreementForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createAgreement(tx, request.actor, request.ecosystem.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${result.value}?klaar=aangemaakt`, 303);
      problems = result.problems;
    }
    return sendPage(reply, AgreementFormPage({ ctx: manageContext(request), raw, problems }), 400);
  });

  app.get('/beheer/overeenkomsten/:id', { schema: { ...hide, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const agreement = await loadAgreement(request, request.params.id, 'agreement.read');
    const notice = request.query.klaar ? notices[request.query.klaar] : undefined;
    return sendPage(reply, await agreementPage(request, agreement, { notice: notice && t(request.locale, notice) }));
  });

  app.get('/beheer/overeenkomsten/:id/bewerken', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    return sendPage(reply, AgreementFormPage({ ctx: manageContext(request), id: agreement.id, raw: agreementForm(agreement), problems: [] }));
  });

  app.post('/beheer/overeenkomsten/:id/bewerken', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    const raw = request.body as FormValues;
    const parsed = parseAgreementForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateAgreement(tx, request.actor, request.ecosystem.id, agreement.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${agreement.id}?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, AgreementFormPage({ ctx: manageContext(request), id: agreement.id, raw, problems }), 400);
  });

  app.post('/beheer/overeenkomsten/:id/verwijderen', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    await database.transaction((tx) => deleteAgreement(tx, request.actor, request.ecosystem.id, agreement.id));
    return reply.redirect(`${request.basePath}/beheer/overeenkomsten?klaar=verwijderd`, 303);
  });

  app.post('/beheer/overeenkomsten/:id/ondertekenaars', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    const raw = request.body as FormValues;
    const parsed = parseSignatoryForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => addSignatory(tx, request.actor, request.ecosystem.id, agreement.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${agreement.id}?klaar=ondertekenaar#ondertekenaars-titel`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await agreementPage(request, agreement, { failed: { form: 'signatory', raw, problems } }), 400);
  });

  app.post('/beheer/overeenkomsten/:id/ondertekenaars/:signatoryId/verwijderen', { schema: { ...hide, params: SignatoryParams, body: ActionBody } }, async (request, reply) => {
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    await database.transaction((tx) => removeSignatory(tx, request.actor, request.ecosystem.id, agreement.id, request.params.signatoryId));
    return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${agreement.id}?klaar=ondertekenaarweg#ondertekenaars-titel`, 303);
  });

  app.post('/beheer/overeenkomsten/:id/bijdragen', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    authorizeFinance(request.actor, 'finance.manage', scopeOf(request));
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    // The agreement is the one of this page, whatever the form says.
    const raw = { ...(request.body as FormValues), agreementId: String(agreement.id) };
    const parsed = parseContributionForm(raw);
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => createContribution(tx, request.actor, request.ecosystem.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${agreement.id}?klaar=bijdrage#bijdragen-titel`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await agreementPage(request, agreement, { failed: { form: 'contribution', raw, problems } }), 400);
  });

  app.post(
    '/beheer/overeenkomsten/:id/document',
    {
      bodyLimit: maxDocumentBytes + 64 * 1024,
      schema: { ...hide, params: IdParams, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }) }) },
      // A file far over the limit is refused before it is read; say so in words rather than with a bare 413.
      errorHandler(error: FastifyError) {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new AppError('payload_too_large', 413, 'finance.document.tooLarge', { max: maxDocumentText });
        throw error;
      },
    },
    async (request, reply) => {
      const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
      const body = request.body as Record<string, unknown>;
      const file = body.document instanceof UploadedFile ? body.document : undefined;
      const problem = checkPdf(file);
      if (!problem && file) {
        await database.transaction((tx) =>
          storeAgreementDocument(tx, request.actor, request.ecosystem.id, agreement.id, { fileName: cleanFileName(file.fileName), data: file.data }),
        );
        return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${agreement.id}?klaar=document#document-titel`, 303);
      }
      const problems: FieldProblem[] = problem ? [problem] : [];
      return sendPage(reply, await agreementPage(request, agreement, { failed: { form: 'document', raw: {}, problems } }), 400);
    },
  );

  app.get('/beheer/overeenkomsten/:id/document', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const agreement = await loadAgreement(request, request.params.id, 'agreement.read');
    const document = await agreementDocument(db, request.ecosystem.id, agreement.id);
    if (!document) throw errors.notFound('agreement');
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition(document.fileName))
      .header('cache-control', 'no-store')
      .send(document.content);
  });

  app.post('/beheer/overeenkomsten/:id/document/verwijderen', { schema: { ...hide, params: IdParams, body: ActionBody } }, async (request, reply) => {
    const agreement = await loadAgreement(request, request.params.id, 'agreement.manage');
    await database.transaction((tx) => removeAgreementDocument(tx, request.actor, request.ecosystem.id, agreement.id));
    return reply.redirect(`${request.basePath}/beheer/overeenkomsten/${agreement.id}?klaar=documentweg#document-titel`, 303);
  });

}
