import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../core/context.js';
import { manageLinksFor } from '../../../core/modules.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { IdParams } from '../../../http/schemas.js';
import { cookieOptions } from '../../../http/session.js';
import { t } from '../../../web/i18n/index.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { issueBatchWithSheet, openCards, parseCardNumbers, reprintBatch, sheetLifetimeMs, type SheetTicket } from '../commands/batch-sheets.js';
import { maxBatchSize } from '../commands/pass-issuer.js';
import { renderCardSheet, type PrintedCard } from '../pass-card-pdf.js';
import { ecosystemPublicBase } from '../pass-card-links.js';
import { authorizePasses, canPasses, mayPassesSomewhere } from '../policies.js';
import { downloadableSheets, findBatch, listBatches, schoolChoices, type BatchSummary, type SchoolScope } from '../queries/batch-list.js';
import { BatchListPage, BatchPage, batchListPath, type BatchPageContext, type IssueForm } from '../views/batch-pages.js';

const hidden = { hide: true };
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
/** Every field optional and text: the handler gives each its own Dutch message and shows the form again as typed. */
const IssueBody = Type.Object({ _csrf: Type.String({ maxLength: 100 }), label: Text(1000), size: Text(100), schoolLocationId: Text(100) });
const ReprintBody = Type.Object({ _csrf: Type.String({ maxLength: 100 }), cards: Text(1000) });
const DoneQuery = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })), aantal: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })) });

/** The cookie holding one sheet's key: one per sheet, so issuing a second class keeps the first one's download. */
const sheetCookiePrefix = 'lx_kaarten_';

/** Whose batches someone may see and issue: a coordinator every school's (and none), a school contact their own schools'. */
export function issueScope(actor: Actor, ecosystemId: number): SchoolScope {
  if (canPasses(actor, 'passes.issue', { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  const own = actor.memberships.filter((m) => m.ecosystemId === ecosystemId).flatMap((m) => m.locationIds);
  return [...new Set(own)].filter((schoolLocationId) => canPasses(actor, 'passes.issue', { ecosystemId, schoolLocationId }));
}

function authorizeBatch(actor: Actor, ecosystemId: number, batch: BatchSummary): void {
  authorizePasses(actor, 'passes.issue', { ecosystemId, schoolLocationId: batch.schoolLocationId ?? undefined });
}

/** Sheet ids and keys from this browser's sheet cookies. */
function sheetKeys(request: FastifyRequest): Map<number, string> {
  const keys = new Map<number, string>();
  for (const [name, value] of Object.entries(request.cookies)) {
    if (!name.startsWith(sheetCookiePrefix) || !value) continue;
    const id = Number(name.slice(sheetCookiePrefix.length));
    if (Number.isSafeInteger(id) && id > 0 && /^[A-Za-z0-9_-]{43}$/.test(value)) keys.set(id, value);
  }
  return keys;
}

/**
 * The class-pass pages: `/beheer/passen` lists batches (counts only) and
 * issues a new one; a batch's page offers its freshly made cards as a PDF and
 * a reprint with new secrets.
 *
 * How the teacher gets the PDF: secrets exist in plain text only at issue, so
 * issuing seals the cards (AES-256-GCM) in a row that expires after half an
 * hour, and hands the key to the issuing browser alone, in an httpOnly cookie
 * scoped to the batch's page. The POST redirects there (so a reload issues
 * nothing twice) and the page offers the download, which decrypts and renders
 * the PDF on the fly. Neither the database nor the logs ever hold a secret in
 * plain text, and it works the same behind several server processes.
 */
export async function batchPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config } = app.ctx;
  const db = database.db;

  const context = (request: FastifyRequest): BatchPageContext => ({
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: request.csrfToken,
    links: manageLinksFor(app.ctx.modules, request.actor, request.ecosystem.id),
  });

  /** 401 or 403 for someone who may issue passes nowhere in this ecosystem. */
  function refuseUnlessIssuer(request: FastifyRequest): void {
    if (mayPassesSomewhere(request.actor, 'passes.issue', request.ecosystem.id)) return;
    throw request.actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, form: IssueForm, problems: FieldProblem[], notice?: string) {
    const ecosystemId = request.ecosystem.id;
    const scope = issueScope(request.actor, ecosystemId);
    const [batches, schools] = await Promise.all([listBatches(db, ecosystemId, scope), schoolChoices(db, ecosystemId, scope)]);
    const page = BatchListPage({ ctx: context(request), batches, schools, allowNoSchool: scope === 'all', form, problems, notice });
    return sendPrivatePage(reply, page, problems.length > 0 ? 400 : 200);
  }

  function giveKey(request: FastifyRequest, reply: FastifyReply, batchId: number, ticket: SheetTicket): void {
    reply.setCookie(`${sheetCookiePrefix}${ticket.sheetId}`, ticket.key, {
      ...cookieOptions(request, Math.floor(sheetLifetimeMs / 1000)),
      path: `${request.basePath}${batchListPath}/${batchId}`,
      sameSite: 'strict',
    });
  }

  /** The newest sheet this browser holds the key to, opened; undefined when there is none (or none left). */
  async function openSheet(request: FastifyRequest, batchId: number): Promise<{ cards: PrintedCard[]; expiresAt: Date } | undefined> {
    if (request.actor.kind !== 'user') return undefined;
    const keys = sheetKeys(request);
    const sheets = await downloadableSheets(db, { ecosystemId: request.ecosystem.id, batchId, userId: request.actor.userId, sheetIds: [...keys.keys()], now: new Date() });
    for (const sheet of sheets) {
      const cards = openCards(sheet.sealed, keys.get(sheet.id)!);
      if (cards) return { cards, expiresAt: sheet.expiresAt };
    }
    return undefined;
  }

  async function loadBatch(request: FastifyRequest, id: number): Promise<BatchSummary> {
    refuseUnlessIssuer(request);
    const batch = await findBatch(db, request.ecosystem.id, id);
    if (!batch) throw errors.notFound('batch');
    authorizeBatch(request.actor, request.ecosystem.id, batch);
    return batch;
  }

  async function batchPage(request: FastifyRequest, reply: FastifyReply, batch: BatchSummary, cardsValue: string, problems: FieldProblem[], notice?: string) {
    const sheet = await openSheet(request, batch.id);
    const page = BatchPage({
      ctx: context(request),
      batch,
      download: sheet && { expiresAt: sheet.expiresAt, cards: sheet.cards.length },
      cardsValue,
      problems,
      notice,
    });
    return sendPrivatePage(reply, page, problems.length > 0 ? 400 : 200);
  }

  app.get(batchListPath, { schema: hidden }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    refuseUnlessIssuer(request);
    return listPage(request, reply, { label: '', size: '', schoolLocationId: '' }, []);
  });

  app.post(batchListPath, { schema: { ...hidden, body: IssueBody } }, async (request, reply) => {
    refuseUnlessIssuer(request);
    const ecosystemId = request.ecosystem.id;
    const form: IssueForm = { label: request.body.label ?? '', size: (request.body.size ?? '').trim(), schoolLocationId: (request.body.schoolLocationId ?? '').trim() };
    const problems: FieldProblem[] = [];
    if (form.label.trim() === '') problems.push({ field: 'label', key: 'field.required' });
    const size = /^\d{1,3}$/.test(form.size) ? Number(form.size) : Number.NaN;
    if (!(size >= 1 && size <= maxBatchSize)) problems.push({ field: 'size', key: 'passes.batch.size', params: { max: maxBatchSize } });
    let schoolLocationId: number | null = null;
    if (form.schoolLocationId === '') {
      // Without a school only a coordinator issues (a club, a BSO group); a school contact picks one of their schools.
      if (!canPasses(request.actor, 'passes.issue', { ecosystemId })) problems.push({ field: 'schoolLocationId', key: 'batch.field.schoolRequired' });
    } else if (/^[1-9]\d{0,9}$/.test(form.schoolLocationId) && Number(form.schoolLocationId) <= 2_147_483_647) {
      schoolLocationId = Number(form.schoolLocationId);
      // A school contact of another school is refused outright, as anywhere else.
      authorizePasses(request.actor, 'passes.issue', { ecosystemId, schoolLocationId });
    } else {
      problems.push({ field: 'schoolLocationId', key: 'passes.batch.unknownSchool' });
    }
    if (problems.length === 0) {
      const result = await attempt(() =>
        database.transaction((tx) => issueBatchWithSheet(tx, request.actor, { ecosystemId, label: form.label, size, schoolLocationId })),
      );
      if (result.ok) {
        giveKey(request, reply, result.value.batchId, result.value.ticket);
        return reply.redirect(`${request.basePath}${batchListPath}/${result.value.batchId}?klaar=uitgegeven`, 303);
      }
      problems.push(...result.problems);
    }
    return listPage(request, reply, form, problems);
  });

  app.get(`${batchListPath}/:id`, { schema: { ...hidden, params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const batch = await loadBatch(request, request.params.id);
    const { klaar, aantal = 0 } = request.query;
    const notice =
      klaar === 'uitgegeven' ? t(request.locale, 'batch.issued', { size: batch.size }) : klaar === 'opnieuw' ? t(request.locale, 'batch.reprinted', { count: aantal }) : undefined;
    return batchPage(request, reply, batch, '', [], notice);
  });

  app.get(`${batchListPath}/:id/kaarten.pdf`, { schema: { ...hidden, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const batch = await loadBatch(request, request.params.id);
    const sheet = await openSheet(request, batch.id);
    if (!sheet) throw errors.conflict('batch.cards.goneError');
    const pdf = await renderCardSheet({
      locale: request.locale,
      ecosystemName: request.ecosystem.name,
      base: ecosystemPublicBase(config.publicUrl, request.ecosystem.slug),
      label: batch.label,
      size: batch.size,
      cards: sheet.cards,
    });
    // Who saw a class's secrets, and when: the sheet is the only place they exist.
    await database.transaction((tx) =>
      recordAudit(tx, request.actor, { ecosystemId: request.ecosystem.id, action: 'passes.batch.cardsDownloaded', subjectType: 'pass_batch', subjectId: batch.id, details: { cards: sheet.cards.length } }),
    );
    const fileName = `leerpassen-${batch.label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || batch.id}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.post(`${batchListPath}/:id/opnieuw`, { schema: { ...hidden, params: IdParams, body: ReprintBody } }, async (request, reply) => {
    const batch = await loadBatch(request, request.params.id);
    const cardsValue = request.body.cards ?? '';
    const parsed = parseCardNumbers(cardsValue, batch.size);
    let problems: FieldProblem[];
    if ('problem' in parsed) problems = [parsed.problem];
    else {
      const result = await attempt(() =>
        database.transaction((tx) => reprintBatch(tx, request.actor, { ecosystemId: request.ecosystem.id, batchId: batch.id, cards: parsed.numbers })),
      );
      if (result.ok) {
        giveKey(request, reply, batch.id, result.value.ticket);
        return reply.redirect(`${request.basePath}${batchListPath}/${batch.id}?klaar=opnieuw&aantal=${result.value.reprinted}`, 303);
      }
      problems = result.problems;
    }
    return batchPage(request, reply, batch, cardsValue, problems);
  });
}
