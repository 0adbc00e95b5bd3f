import type { FieldProblem } from '../../../core/errors.js';
import { attempt } from '../../../http/pages.js';
import { randomToken } from '../../accounts/secrets.js';

/** How sending a form that makes a pass (with its one-time `aanvraag` token) went. */
export type PassFormOutcome<T> =
  | { status: 'done'; value: T }
  /** The same form sent twice at the same moment: the other submission made the pass (the token's unique index refused this one). */
  | { status: 'repeat' }
  /** Refused: the form again with these problems, and this token in it (a fresh one when the form's was missing or broken, so sending it again works). */
  | { status: 'problems'; problems: FieldProblem[]; requestToken: string };

/**
 * Runs the change a pass request form asks for (requestPassAsParent, and what
 * goes with it in the same transaction). A form sent again later is the
 * command's own `repeat`; the caller checks that in the value.
 */
export async function submitPassForm<T>(requestToken: string, change: () => Promise<T>): Promise<PassFormOutcome<T>> {
  let result;
  try {
    result = await attempt(change);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return { status: 'repeat' };
    throw error;
  }
  if (result.ok) return { status: 'done', value: result.value };
  const token = result.problems.some((p) => p.field === 'aanvraag') ? randomToken() : requestToken;
  return { status: 'problems', problems: result.problems, requestToken: token };
}
