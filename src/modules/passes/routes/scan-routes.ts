import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type AppError, type FieldProblem } from '../../../core/errors.js';
import { sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { ErrorResponse } from '../../../http/schemas.js';
import { t } from '../../../web/i18n/index.js';
import { codeFromScan } from '../pass-card-links.js';
import { formatPassCode, parsePassCode } from '../pass-code.js';
import { mayPassesSomewhere, scanScope } from '../policies.js';
import { todaysSessions, type ScanSession } from '../queries/scan-sessions.js';
import { UnknownCodeGuard } from '../scan-guard.js';
import { actorKey, recordScan, scanningPaused, type ScanContext, type ScanOutcome } from '../scan-recorder.js';
import { CheckInBatch, CheckInResponse } from '../scan-schemas.js';
import { PassLandingPage } from '../views/pass-card-landing.js';
import { ScanPage, scanPath, type ScanNotice } from '../views/scan-page.js';

const hidden = { hide: true };
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ScanQuery = Type.Object({ bijeenkomst: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })), code: Text(200) });
const ScanBody = Type.Object({ _csrf: Type.String({ maxLength: 100 }), sessionId: Text(20), deviceScanId: Text(100), code: Text(200) });

function refuseUnlessScanner(request: FastifyRequest): void {
  if (mayPassesSomewhere(request.actor, 'passes.scan', request.ecosystem.id)) return;
  throw request.actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
}

/** The message for a refused or postponed scan, in the reader's language. */
function messageOf(request: FastifyRequest, error: AppError): string {
  // The check-in refuses another partner's session as it refuses anything not theirs; here the scanner hears why.
  if (error.id === 'forbidden') return t(request.locale, 'scan.notYourSession');
  const problem = error.problems[0];
  return problem ? t(request.locale, problem.key, problem.params) : t(request.locale, error.key, error.params);
}

/**
 * Scanning passes: the scan page (`/scannen`, a plain form that works without
 * JavaScript; the island adds the camera and an offline queue), the JSON
 * endpoint the queue sends to (`POST /api/v1/check-ins`), and the public page a
 * card's QR code opens (`/pas/<code>`). One guard against guessing codes serves
 * both doors, so switching between them does not reset the count.
 */
export async function scanRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;
  const guard = new UnknownCodeGuard();

  const scanContext = (request: FastifyRequest, via: ScanContext['via']): ScanContext => ({
    database, guard, actor: request.actor, ecosystemId: request.ecosystem.id, address: request.ip, via,
  });

  function queueKey(request: FastifyRequest): string {
    const who = request.actor.kind === 'user' ? `u${request.actor.userId}` : request.actor.kind;
    return `lx-scans:${request.ecosystem.slug}:${who}`;
  }

  async function scanPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { sessions: ScanSession[]; session: ScanSession | undefined; code: string; problems: FieldProblem[]; notice: ScanNotice },
    status = 200,
  ) {
    const page = ScanPage({
      locale: request.locale,
      ecosystem: request.ecosystem,
      basePath: request.basePath,
      csrfToken: request.csrfToken,
      now: new Date(),
      deviceScanId: randomUUID(),
      queueKey: queueKey(request),
      ...view,
    });
    return sendPrivatePage(reply, page, status);
  }

  app.get(scanPath, { schema: { ...hidden, querystring: ScanQuery } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    refuseUnlessScanner(request);
    const sessions = await todaysSessions(db, request.ecosystem.id, scanScope(request.actor, request.ecosystem.id));
    const code = request.query.code ? codeFromScan(request.query.code) : '';
    const wanted = request.query.bijeenkomst;
    const session = wanted === undefined ? undefined : sessions.find((s) => s.id === wanted);
    if (wanted !== undefined && !session) {
      // Not today's, not this person's, or not there at all: the same answer, and the list to choose from.
      return scanPage(request, reply, { sessions, session, code, problems: [], notice: { kind: 'refused', message: t(request.locale, 'scan.sessionNotHere') } }, 404);
    }
    return scanPage(request, reply, { sessions, session, code, problems: [], notice: undefined });
  });

  app.post(scanPath, { schema: { ...hidden, body: ScanBody } }, async (request, reply) => {
    refuseUnlessScanner(request);
    const body = request.body;
    const sessions = await todaysSessions(db, request.ecosystem.id, scanScope(request.actor, request.ecosystem.id));
    const sessionId = /^[1-9]\d{0,9}$/.test(body.sessionId ?? '') ? Number(body.sessionId) : Number.NaN;
    if (!(sessionId <= 2_147_483_647)) {
      return scanPage(request, reply, { sessions, session: undefined, code: '', problems: [], notice: { kind: 'refused', message: t(request.locale, 'scan.sessionNotHere') } }, 400);
    }
    const typed = body.code ?? '';
    const outcome: ScanOutcome = await recordScan(scanContext(request, 'form'), { code: typed, sessionId, deviceScanId: body.deviceScanId ?? '', scannedAt: new Date() });
    const session = sessions.find((s) => s.id === sessionId);
    if (!outcome.error) {
      const parsed = parsePassCode(codeFromScan(typed));
      return scanPage(request, reply, { sessions, session, code: '', problems: [], notice: { kind: outcome.status, code: parsed.ok ? formatPassCode(parsed.code) : '' } });
    }
    const problem = outcome.error.problems[0];
    if (outcome.status === 'refused' && problem?.field === 'code') {
      // A wrong or unknown code: show it beside the field, as typed, to correct.
      return scanPage(request, reply, { sessions, session, code: typed, problems: [problem], notice: undefined }, outcome.error.status);
    }
    // Everything else is about the session, the device or the pace: say so above the form (or the list, when the session is not one to scan at).
    return scanPage(
      request,
      reply,
      { sessions, session, code: typed, problems: [], notice: { kind: outcome.status, message: messageOf(request, outcome.error) } },
      outcome.error.status,
    );
  });

  app.post(
    '/api/v1/check-ins',
    {
      schema: {
        tags: ['Passen'],
        summary: 'Scans van passen noteren',
        description:
          'Neemt één tot honderd scans tegelijk aan, zoals een scanapparaat ze in zijn wachtrij verzamelde, en antwoordt per scan: ' +
          'genoteerd, al genoteerd, geweigerd (met uitleg) of later opnieuw. Elke scan draagt een kenmerk (UUID) dat het apparaat maakte, ' +
          'zodat opnieuw sturen nooit dubbel telt. Alleen bij bijeenkomsten van activiteiten van je eigen organisatie(s). ' +
          'Met de sessiecookie van de scanpagina (dan alleen als JSON van deze site) of met de beheersleutel. ' +
          'Na te veel onbekende codes antwoordt het even 429.',
        security: [{ adminToken: [] }],
        body: CheckInBatch,
        response: { 200: CheckInResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      refuseUnlessScanner(request);
      const context = scanContext(request, 'api');
      const who = actorKey(request.actor);
      if (guard.blocked(who, request.ip)) {
        reply.header('retry-after', String(guard.retryAfterSeconds(who, request.ip)));
        throw scanningPaused();
      }
      const results: CheckInResponse['results'] = [];
      // One after another: a device's scans in the order they were made, each in its own transaction, so one refusal changes nothing for the others.
      for (const scan of request.body.scans) {
        const outcome = await recordScan(context, { code: scan.code, sessionId: scan.sessionId, deviceScanId: scan.deviceScanId, scannedAt: new Date(scan.scannedAt) });
        if (!outcome.error) {
          results.push({
            deviceScanId: scan.deviceScanId,
            status: outcome.status,
            message: t(request.locale, outcome.status === 'recorded' ? 'scan.result.recorded' : 'scan.result.duplicate'),
            participationId: outcome.participationId,
          });
        } else {
          const problem = outcome.error.problems[0];
          results.push({
            deviceScanId: scan.deviceScanId,
            status: outcome.status,
            message: messageOf(request, outcome.error),
            error: problem?.key ?? outcome.error.id,
            ...(problem && { field: problem.field }),
          });
        }
      }
      return { results };
    },
  );

  app.get('/pas/:code', { schema: { ...hidden, params: Type.Object({ code: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const parsed = parsePassCode(request.params.code);
    if (!parsed.ok) throw errors.notFound('pass');
    return sendPrivatePage(
      reply,
      PassLandingPage({
        locale: request.locale,
        ecosystem: request.ecosystem,
        basePath: request.basePath,
        code: parsed.code,
        mayScan: mayPassesSomewhere(request.actor, 'passes.scan', request.ecosystem.id),
      }),
    );
  });
}
