import { Type } from '@sinclair/typebox';
import type { FieldProblem } from '../../../core/errors.js';
import { attempt } from '../../../http/pages.js';
import { randomToken } from '../../accounts/secrets.js';
import type { ConsentForm } from '../commands/consent-recorder.js';
import type { ProfileForm } from '../commands/parent-profile.js';

// The fields of the forms with a pass's profile and consents: the parent's request form, the parent's pass page,
// and a new pass made while signing up. Strings at most this long; what they must be, the commands check.
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export const ProfileBody = { nickname: Text(1000), birthYear: Text(100), postcode: Text(100), schoolLocationId: Text(100), gender: Text(100) };
export const ConsentBody = {
  purposes: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })])),
  email: Text(1000),
  givenBy: Text(100),
  givenByName: Text(1000),
};

type ProfileFields = { nickname?: string; birthYear?: string; postcode?: string; schoolLocationId?: string; gender?: string };
type ConsentFields = { purposes?: string | string[]; email?: string; givenBy?: string; givenByName?: string };

export function profileForm(body: ProfileFields): ProfileForm {
  return { nickname: body.nickname ?? '', birthYear: body.birthYear ?? '', postcode: body.postcode ?? '', schoolLocationId: body.schoolLocationId ?? '', gender: body.gender ?? '' };
}

export function consentForm(body: ConsentFields): ConsentForm {
  const purposes = body.purposes === undefined ? [] : Array.isArray(body.purposes) ? body.purposes : [body.purposes];
  return { purposes, email: body.email ?? '', givenBy: body.givenBy ?? '', givenByName: body.givenByName ?? '' };
}

/** A form shows back at most this much of what was typed, so an oversize value does not come back whole. */
export function clip<T extends object>(form: T): T {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 300) : Array.isArray(v) ? v.slice(0, 10) : v])) as T;
}

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
