import type { FieldProblem } from '../../core/errors.js';
import type { MessageKey } from '../../web/i18n/index.js';
import { formValue, formValues, isCalendarDay, type FormValues } from '../catalogue/forms.js';
import {
  networkRoles, partnerStatuses, schoolParticipations, schoolTypes,
  type NetworkRole, type PartnerStatus, type SchoolParticipation, type SchoolType,
} from './db/schema.js';
import { roleHolders } from './role-rules.js';

/**
 * Parsers for the network's management forms: posted strings in, command
 * input or a specific Dutch problem per field out. The form goes back as
 * typed when something is wrong. Field names are the commands' field names,
 * so a problem a command raises (an overlap, a stale id) lands on its field.
 */
export type { FormValues };

const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

class Fields {
  readonly problems: FieldProblem[] = [];
  constructor(readonly raw: FormValues) {}

  add(field: string, key: MessageKey, params?: Record<string, string | number>): undefined {
    if (!this.problems.some((p) => p.field === field)) this.problems.push({ field, key, ...(params && { params }) });
    return undefined;
  }

  text(field: string, o: { max: number; required?: MessageKey }): string {
    const v = formValue(this.raw, field);
    if (o.required && v === '') this.add(field, o.required);
    else if (v.length > o.max) this.add(field, 'field.tooLong', { max: o.max });
    else if (controlCharacters.test(v)) this.add(field, 'field.controlCharacters');
    return v;
  }

  choice<T extends string>(field: string, allowed: readonly T[], empty: MessageKey = 'manage.field.choose'): T | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return this.add(field, empty);
    if (!(allowed as readonly string[]).includes(v)) return this.add(field, 'field.unknownValue', { value: v.slice(0, 40) });
    return v as T;
  }

  /** An id from a list of choices; empty gives null. An id not on the list is refused, whatever it is. */
  id(field: string, allowed: readonly number[]): number | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return null;
    if (!/^[1-9]\d{0,9}$/.test(v) || !allowed.includes(Number(v))) return this.add(field, 'network.field.unknownChoice');
    return Number(v);
  }

  day(field: string, required: MessageKey | false): string | null | undefined {
    const v = formValue(this.raw, field);
    if (v === '') return required ? this.add(field, required) : null;
    if (!isCalendarDay(v)) return this.add(field, 'field.invalidDate');
    return v;
  }
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[0-9 +()-]{6,30}$/;

// ---- partners ----

export interface PartnerInput {
  organisationId: number;
  status: PartnerStatus;
  statusSince: string;
  note: string;
}

/** The partner form. `organisationIds`: organisations that may be added (not yet partners); undefined when editing. */
export function parsePartnerForm(raw: FormValues, organisationIds?: readonly number[]): { input?: PartnerInput; problems: FieldProblem[] } {
  const f = new Fields(raw);
  let organisationId: number | null | undefined = 0;
  if (organisationIds) {
    organisationId = f.id('organisationId', organisationIds);
    if (organisationId === null) f.add('organisationId', 'network.field.organisation.required');
  }
  const status = f.choice('status', partnerStatuses);
  const statusSince = f.day('statusSince', 'network.field.statusSince.required');
  const note = f.text('note', { max: 1000 });
  if (f.problems.length > 0) return { problems: f.problems };
  return { problems: [], input: { organisationId: organisationId!, status: status!, statusSince: statusSince!, note } };
}

// ---- people ----

export interface PersonInput {
  name: string;
  jobTitle: string;
  organisationId: number | null;
  email: string | null;
  phone: string | null;
  userId: number | null;
}

export function parsePersonForm(raw: FormValues, choices: { organisationIds: readonly number[]; userIds: readonly number[] }): { input?: PersonInput; problems: FieldProblem[] } {
  const f = new Fields(raw);
  const name = f.text('name', { max: 200, required: 'manage.field.name.required' });
  const jobTitle = f.text('jobTitle', { max: 200 });
  const organisationId = f.id('organisationId', choices.organisationIds);
  const email = f.text('email', { max: 254 });
  if (email !== '' && !emailPattern.test(email)) f.add('email', 'manage.field.email.invalid');
  const phone = f.text('phone', { max: 30 });
  if (phone !== '' && !phonePattern.test(phone)) f.add('phone', 'manage.field.phone.invalid');
  const userId = f.id('userId', choices.userIds);
  if (f.problems.length > 0) return { problems: f.problems };
  return { problems: [], input: { name, jobTitle, organisationId: organisationId!, email: email ? email.toLowerCase() : null, phone: phone || null, userId: userId! } };
}

// ---- roles ----

export interface RoleInput {
  role: NetworkRole;
  personId: number | null;
  organisationId: number | null;
  municipality: string | null;
  community: string | null;
  startsOn: string;
  endsOn: string | null;
  note: string;
}

export interface RoleFormChoices {
  personIds: readonly number[];
  organisationIds: readonly number[];
  /** The ecosystem's municipalities; a core team works in one of them. Empty: any name. */
  municipalities: readonly string[];
}

/** The role form. When editing, the role itself cannot change (end it and add another). */
export function parseRoleForm(raw: FormValues, choices: RoleFormChoices, editing?: { role: NetworkRole }): { input?: RoleInput; problems: FieldProblem[] } {
  const f = new Fields(raw);
  const role = editing ? editing.role : f.choice('role', networkRoles, 'network.field.role.required');
  const personId = f.id('personId', choices.personIds);
  const organisationId = f.id('organisationId', choices.organisationIds);
  if (role && personId !== undefined && organisationId !== undefined) {
    const holders = roleHolders[role];
    if (personId !== null && organisationId !== null) f.add('personId', 'network.field.holder.both');
    else if (personId === null && organisationId === null) f.add(holders.person ? 'personId' : 'organisationId', holders.person && holders.organisation ? 'network.field.holder.none' : holders.person ? 'network.field.holder.personRequired' : 'network.field.holder.organisationRequired');
    else if (personId !== null && !holders.person) f.add('personId', 'network.field.holder.organisationOnly');
    else if (organisationId !== null && !holders.organisation) f.add('organisationId', 'network.field.holder.personOnly');
  }
  let municipality: string | null = null;
  if (role === 'core_team') {
    if (choices.municipalities.length > 0) municipality = f.choice('municipality', choices.municipalities, 'network.field.municipality.required') ?? null;
    else municipality = f.text('municipality', { max: 100, required: 'network.field.municipality.required' }) || null;
  }
  let community: string | null = null;
  if (role === 'community_of_practice') community = f.text('community', { max: 100, required: 'network.field.community.required' }) || null;
  const startsOn = f.day('startsOn', 'network.field.startsOn.required');
  const endsOn = f.day('endsOn', false);
  if (startsOn && endsOn && endsOn < startsOn) f.add('endsOn', 'network.field.endsOn.beforeStart', { start: startsOn });
  const note = f.text('note', { max: 500 });
  if (f.problems.length > 0) return { problems: f.problems };
  return { problems: [], input: { role: role!, personId: personId!, organisationId: organisationId!, municipality, community, startsOn: startsOn!, endsOn: endsOn!, note } };
}

/** Ending a role: the last day it is held (`lastDay`, beside the role form's own `endsOn`), on or after its first. */
export function parseEndForm(raw: FormValues, startsOn: string): { endsOn?: string; problems: FieldProblem[] } {
  const f = new Fields(raw);
  const endsOn = f.day('lastDay', 'network.field.endsOn.required');
  if (endsOn && endsOn < startsOn) f.add('lastDay', 'network.field.endsOn.beforeStart', { start: startsOn });
  if (f.problems.length > 0) return { problems: f.problems };
  return { problems: [], endsOn: endsOn! };
}

// ---- schools ----

export interface SchoolPatch {
  types: SchoolType[];
  pupilCount: number | null;
  participation: SchoolParticipation;
  /** Only kept while the school participates. */
  participatingSince: string | null;
  neighbourhoodId: number | null;
}

export function parseSchoolForm(raw: FormValues, neighbourhoodIds: readonly number[]): { input?: SchoolPatch; problems: FieldProblem[] } {
  const f = new Fields(raw);
  const types = [...new Set(formValues(raw, 'types'))];
  const unknown = types.find((t) => !(schoolTypes as readonly string[]).includes(t));
  if (unknown !== undefined) f.add('types', 'field.unknownValue', { value: unknown.slice(0, 40) });
  else if (types.length === 0) f.add('types', 'network.field.types.required');
  const pupils = formValue(raw, 'pupilCount');
  let pupilCount: number | null = null;
  if (pupils !== '') {
    if (/^-\d+$/.test(pupils)) f.add('pupilCount', 'network.field.pupils.negative');
    else if (!/^\d{1,6}$/.test(pupils) || Number(pupils) > 100_000) f.add('pupilCount', 'network.field.pupils.invalid', { max: 100_000 });
    else pupilCount = Number(pupils);
  }
  const participation = f.choice('participation', schoolParticipations);
  const since = f.day('participatingSince', participation === 'participating' ? 'network.field.participatingSince.required' : false);
  const neighbourhoodId = f.id('neighbourhoodId', neighbourhoodIds);
  if (f.problems.length > 0) return { problems: f.problems };
  return {
    problems: [],
    input: { types: types as SchoolType[], pupilCount, participation: participation!, participatingSince: participation === 'participating' ? since! : null, neighbourhoodId: neighbourhoodId! },
  };
}
