import type { MessageKey } from '../web/i18n/index.js';

/** One problem with one input field, shown beside the field on pages and listed in API errors. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * An error the user can act on. `id` is stable (clients may switch on it);
 * the message is looked up in the catalogue in the reader's language.
 */
export class AppError extends Error {
  constructor(
    readonly id: string,
    readonly status: number,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly problems: FieldProblem[] = [],
  ) {
    super(`${id}: ${key}`);
  }
}

export const errors = {
  invalidInput: (problems: FieldProblem[]) => new AppError('invalid_input', 400, 'error.invalidInput', {}, problems),
  notFound: (what: 'activity' | 'invitation' | 'membership' | 'mail' | 'organisation' | 'location' | 'theme' | 'session' | 'nextStep' | 'ecosystem' | 'neighbourhood' | 'page' | 'pass' | 'batch' | 'learningPath' | 'achievement' | 'badge' | 'school' | 'person' | 'networkRole' | 'agreement' | 'contribution' | 'grant' | 'budgetLine' | 'expense' | 'signup' | 'draw' | 'classBooking') =>
    new AppError('not_found', 404, `error.notFound.${what}`),
  unauthenticated: () => new AppError('unauthenticated', 401, 'error.unauthenticated'),
  forbidden: () => new AppError('forbidden', 403, 'error.forbidden'),
  writingDisabled: () => new AppError('writing_disabled', 403, 'error.writingDisabled'),
  conflict: (key: MessageKey, params?: Record<string, string | number>) => new AppError('conflict', 409, key, params),
  payloadTooLarge: () => new AppError('payload_too_large', 413, 'error.payloadTooLarge'),
  tooManyRequests: () => new AppError('too_many_requests', 429, 'error.tooManyRequests'),
  csrf: () => new AppError('csrf', 403, 'error.csrf'),
};
