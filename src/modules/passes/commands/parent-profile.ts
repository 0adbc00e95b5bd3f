import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { isoDay } from '../../../web/format.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import type { Gender } from '../db/schema.js';

/** The optional profile as a form sends it: every field text, empty when not given. */
export interface ProfileForm {
  nickname: string;
  birthYear: string;
  postcode: string;
  /** A school location id, or empty. */
  schoolLocationId: string;
  /** girl, boy, other, or empty for "not said". */
  gender: string;
}

/** The profile as stored; null everywhere is a pass without a profile, which is fine. */
export interface PassProfile {
  nickname: string | null;
  birthYear: number | null;
  postcode: string | null;
  neighbourhoodId: number | null;
  schoolLocationId: number | null;
  gender: Gender | null;
}

export const emptyProfileForm: ProfileForm = { nickname: '', birthYear: '', postcode: '', schoolLocationId: '', gender: '' };

/** The genders a parent can choose; no choice is "not said". Nothing more is asked. */
export const genderChoices: readonly Gender[] = ['girl', 'boy', 'other'];

/** A nickname is shown on the child's own page, so at most a short word or two. */
export const nicknameMaxLength = 40;
/** The platform is for children of 4 to 18 (PRODUCT.md). */
const youngest = 4;
const oldest = 18;

// Control characters and the bidirectional overrides that can make a name
// display as something else; every other letter, digit, emoji or sign is fine.
const unfitInName = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Birth years that make a child of 4 to 18 in the current (Amsterdam) year. */
export function birthYearRange(now: Date): { min: number; max: number } {
  const year = Number(isoDay(now).slice(0, 4));
  return { min: year - oldest, max: year - youngest };
}

/**
 * Checks a profile form and resolves the postcode to its neighbourhood and
 * the school to one of this ecosystem's school locations. Returns every
 * problem at once, so the form shows them together.
 *
 * A postcode outside the ecosystem is refused rather than stored without a
 * neighbourhood: its only uses are the neighbourhood for monitoring and
 * "nearby" suggestions, neither of which works outside the region, so keeping
 * it would be data without a purpose. The message says to leave it empty.
 */
export async function checkProfile(tx: Pick<Tx, 'db'>, ecosystemId: number, form: ProfileForm, now: Date = new Date()): Promise<{ profile: PassProfile; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const profile: PassProfile = { nickname: null, birthYear: null, postcode: null, neighbourhoodId: null, schoolLocationId: null, gender: null };

  const nickname = form.nickname.trim();
  if (nickname !== '') {
    if ([...nickname].length > nicknameMaxLength) problems.push({ field: 'nickname', key: 'field.tooLong', params: { max: nicknameMaxLength } });
    else if (unfitInName.test(nickname)) problems.push({ field: 'nickname', key: 'passes.profile.nickname.characters' });
    else profile.nickname = nickname;
  }

  const birthYear = form.birthYear.trim();
  if (birthYear !== '') {
    const { min, max } = birthYearRange(now);
    if (!/^\d{4}$/.test(birthYear)) problems.push({ field: 'birthYear', key: 'passes.profile.birthYear.format' });
    else if (Number(birthYear) < min || Number(birthYear) > max) problems.push({ field: 'birthYear', key: 'passes.profile.birthYear.range', params: { min, max } });
    else profile.birthYear = Number(birthYear);
  }

  // "7511 AB" is accepted, but only the four digits are kept: the letters narrow it to a street.
  const postcode = /^([1-9][0-9]{3})\s*([A-Za-z]{2})?$/.exec(form.postcode.trim());
  if (form.postcode.trim() !== '') {
    if (!postcode) problems.push({ field: 'postcode', key: 'passes.profile.postcode.format' });
    else {
      const area = await tx.db
        .selectFrom('postcode_areas')
        .select('neighbourhood_id')
        .where('ecosystem_id', '=', ecosystemId)
        .where('postcode', '=', postcode[1]!)
        .executeTakeFirst();
      if (!area) problems.push({ field: 'postcode', key: 'passes.profile.postcode.outside', params: { postcode: postcode[1]! } });
      else {
        profile.postcode = postcode[1]!;
        profile.neighbourhoodId = area.neighbourhood_id;
      }
    }
  }

  const school = form.schoolLocationId.trim();
  if (school !== '') {
    const found = /^[1-9][0-9]{0,9}$/.test(school) && Number(school) <= 2_147_483_647
      ? await tx.db
          .selectFrom('locations')
          .select('id')
          .where('ecosystem_id', '=', ecosystemId)
          .where('id', '=', Number(school))
          .where('is_school', '=', true)
          .where('status', '=', 'active')
          .executeTakeFirst()
      : undefined;
    if (!found) problems.push({ field: 'schoolLocationId', key: 'passes.batch.unknownSchool' });
    else profile.schoolLocationId = found.id;
  }

  const gender = form.gender.trim();
  if (gender !== '') {
    if (!(genderChoices as readonly string[]).includes(gender)) problems.push({ field: 'gender', key: 'passes.profile.gender.unknown' });
    else profile.gender = gender as Gender;
  }
  return { profile, problems };
}

const columnOf = {
  nickname: 'nickname',
  birthYear: 'birth_year',
  postcode: 'postcode',
  neighbourhoodId: 'neighbourhood_id',
  schoolLocationId: 'school_location_id',
  gender: 'gender',
} as const;

/**
 * Replaces a pass's profile after checking it; nothing changes when anything
 * is wrong. The audit event names the fields that changed, never their values:
 * the log is read by staff, and the profile is a child's personal data.
 */
export async function updatePassProfile(tx: Tx, actor: Actor | 'system', ecosystemId: number, passId: number, form: ProfileForm, now: Date = new Date()): Promise<{ changed: string[] }> {
  const { profile, problems } = await checkProfile(tx, ecosystemId, form, now);
  if (problems.length > 0) throw errors.invalidInput(problems);
  const current = await tx.db
    .selectFrom('passes')
    .select(['nickname', 'birth_year', 'postcode', 'neighbourhood_id', 'school_location_id', 'gender'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', passId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw errors.notFound('pass');
  const changed = (Object.keys(columnOf) as Array<keyof PassProfile>).filter((k) => current[columnOf[k]] !== profile[k]);
  if (changed.length === 0) return { changed };
  await tx.db
    .updateTable('passes')
    .set({
      nickname: profile.nickname,
      birth_year: profile.birthYear,
      postcode: profile.postcode,
      neighbourhood_id: profile.neighbourhoodId,
      school_location_id: profile.schoolLocationId,
      gender: profile.gender,
    })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', passId)
    .execute();
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.profile.updated', subjectType: 'pass', subjectId: passId, details: { fields: changed } });
  return { changed };
}
