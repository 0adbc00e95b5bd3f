import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors, type FieldProblem } from '../core/errors.js';
import { t } from '../web/i18n/index.js';
import { ErrorPage } from '../web/components/error-page.js';
import { renderDocument } from '../web/render.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns schema-validation errors into specific, translatable problems per field. */
export function problemsFromValidation(validation: AjvError[], context: string | undefined): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of validation) {
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = e.keyword === 'required'
      ? [path, String(e.params.missingProperty)].filter(Boolean).join('.')
      : e.keyword === 'additionalProperties'
        ? [path, String(e.params.additionalProperty)].filter(Boolean).join('.')
        : path || context || 'body';
    if (seen.has(field)) continue; // one message per field is clearer than every failed rule
    seen.add(field);
    problems.push({ field, ...problemFor(e) });
  }
  return problems;
}

function problemFor(e: AjvError): Omit<FieldProblem, 'field'> {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { key: 'field.required' };
    case 'additionalProperties':
      return { key: 'field.unknownField' };
    case 'maxLength':
      return { key: 'field.tooLong', params: { max: Number(p.limit) } };
    case 'minLength':
      return Number(p.limit) <= 1 ? { key: 'field.required' } : { key: 'field.tooShort', params: { min: Number(p.limit) } };
    case 'minimum':
    case 'exclusiveMinimum':
      return { key: 'field.min', params: { min: Number(p.limit) } };
    case 'maximum':
    case 'exclusiveMaximum':
      return { key: 'field.max', params: { max: Number(p.limit) } };
    case 'maxItems':
      return { key: 'field.tooMany', params: { max: Number(p.limit) } };
    case 'uniqueItems':
      return { key: 'field.duplicate' };
    case 'enum':
    case 'const':
      return { key: 'field.unknownValue', params: { value: 'waarde' } };
    case 'format':
      return { key: p.format === 'date' ? 'field.invalidDate' : p.format === 'date-time' ? 'field.invalidDateTime' : 'field.invalidFormat' };
    case 'type':
      switch (p.type) {
        case 'integer':
          return { key: 'field.notInteger' };
        case 'number':
          return { key: 'field.notNumber' };
        case 'boolean':
          return { key: 'field.notBoolean' };
        case 'array':
          return { key: 'field.notArray' };
        default:
          return { key: 'field.invalidFormat' };
      }
    default:
      return { key: 'field.invalidFormat' };
  }
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return errors.invalidInput(problemsFromValidation(error.validation as AjvError[], error.validationContext));
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.invalidInput([{ field: 'body', key: 'field.invalidJson' }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 415, 'field.invalidFormat');
  }
  if (error.statusCode === 429) return errors.tooManyRequests();
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('bad_request', error.statusCode, 'field.invalidFormat');
  }
  return new AppError('internal', 500, 'error.internal');
}

/** API requests get JSON; everything else is a person in a browser and gets a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return /\/api\//.test(request.url) || request.url.endsWith('.json');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const locale = request.locale ?? 'nl';
  const message = t(locale, error.key, error.params);
  const problems = error.problems.map((p) => ({ field: p.field, message: t(locale, p.key, p.params) }));
  reply.code(error.status);
  if (wantsJson(request)) {
    return reply.send({ error: error.id, message, details: problems });
  }
  return reply
    .type('text/html; charset=utf-8')
    .send(
      renderDocument(
        ErrorPage({ locale, message, problems, ecosystem: request.ecosystem, basePath: request.basePath }),
      ),
    );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, errors.notFound('page')));
}
