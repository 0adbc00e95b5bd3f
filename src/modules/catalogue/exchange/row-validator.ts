import type { MessageKey } from '../../../web/i18n/index.js';
import { findControlCharacters } from '../../../http/validation.js';
import type { ActivityPatch } from '../schemas.js';
import { maxAge, minAge } from '../vocabulary.js';
import { columnByKey, columnForHeader, columns, type ColumnKey } from './columns.js';
import { vocabulary } from './columns.js';
import type { ImportProblem } from './problems.js';
import { parseSessions, type SessionSpec } from './session-format.js';
import type { Sheet } from './sheet-reader.js';
import { unCsvSafe } from './sheet-writer.js';

/** An activity that is already there and that a row of the file may mean. */
export interface ExistingActivity {
  id: number;
  organisationId: number;
  externalId: string | null;
  status: string;
  locationId: number | null;
  online: boolean;
}

/** What the validator needs to know about the ecosystem; loaded by `loadImportContext`, invented in tests. */
export interface ImportContext {
  now: Date;
  themes: ReadonlyArray<{ id: number; slug: string; name: string }>;
  organisations: ReadonlyArray<{ id: number; name: string }>;
  locations: ReadonlyArray<{ id: number; name: string; organisationId: number }>;
  /** Whether the person importing may change this organisation's offer. */
  mayImport: (organisationId: number) => boolean;
  /** The organisation for rows that leave "Aanbieder" empty. */
  defaultOrganisationId: number | null;
  /** Existing activities named by the file's platform ids and own ids (`referencedIds`). */
  existing: readonly ExistingActivity[];
}

/** One valid row, ready for `applyOfferImport`. */
export interface PlannedActivity {
  row: number;
  action: 'create' | 'update';
  /** The activity to update; null for a new one. */
  activityId: number | null;
  organisationId: number;
  /** The own id to store; null leaves it as it is (a row with only a platform id). */
  externalId: string | null;
  title: string;
  /** The columns that are in the file; on an update the others stay as they are. */
  fields: ActivityPatch & { organisationId: number };
  /** Upcoming sessions as they should be; undefined when the file has no "Sessies" column. */
  sessions: SessionSpec[] | undefined;
  /** Sessions in the file that have already begun, left out. */
  pastSessions: number;
}

export interface ImportPlan {
  /** Every problem, in row order. */
  problems: ImportProblem[];
  /** A problem with the file as a whole (its columns): nothing can be imported, not even the valid rows. */
  blocked: boolean;
  valid: PlannedActivity[];
  /** Row numbers with at least one problem. */
  invalidRows: number[];
}

const norm = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');
const splitList = (cell: string) => cell.split(';').map((s) => s.trim()).filter((s) => s !== '');
const textLimits: Partial<Record<ColumnKey, number>> = { title: 200, summary: 500, description: 10_000, priceNote: 300, reductions: 300, externalId: 100 };

/** Platform ids and own ids in the file, so the caller can load just those activities. */
export function referencedIds(sheet: Sheet): { platformIds: number[]; externalIds: string[] } {
  const indexOf = (key: ColumnKey) => sheet.headers.findIndex((h) => columnForHeader(h) === key);
  const p = indexOf('platformId');
  const e = indexOf('externalId');
  const platformIds = new Set<number>();
  const externalIds = new Set<string>();
  for (const row of sheet.rows) {
    const id = p >= 0 ? (row[p] ?? '').trim() : '';
    if (/^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= 2_147_483_647) platformIds.add(Number(id));
    const ext = e >= 0 ? (row[e] ?? '').trim() : '';
    if (ext !== '' && ext.length <= 100) externalIds.add(ext);
  }
  return { platformIds: [...platformIds], externalIds: [...externalIds] };
}

/**
 * Checks every row of an offer file against the ecosystem and says, per row,
 * what would be created or updated, or what is wrong: row number, column and
 * a message key. Pure: it reads only its arguments.
 */
export function validateSheet(sheet: Sheet, context: ImportContext): ImportPlan {
  const problems: ImportProblem[] = [];
  let blocked = false;

  // ---- the header row ----
  const keyAt: Array<ColumnKey | undefined> = [];
  const seen = new Map<ColumnKey, number>();
  sheet.headers.forEach((header, i) => {
    if (header === '') {
      if (sheet.rows.some((r) => (r[i] ?? '').trim() !== '')) {
        problems.push({ row: 1, column: `kolom ${i + 1}`, key: 'exchange.header.empty' });
        blocked = true;
      }
      keyAt.push(undefined);
      return;
    }
    const key = columnForHeader(header);
    if (!key) {
      problems.push({ row: 1, column: header, key: 'exchange.header.unknown', params: { header } });
      blocked = true;
    } else if (seen.has(key)) {
      problems.push({ row: 1, column: header, key: 'exchange.header.duplicate', params: { header } });
      blocked = true;
    } else {
      seen.set(key, i);
    }
    keyAt.push(key && seen.get(key) === i ? key : undefined);
  });
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  for (const c of missing) problems.push({ row: 1, column: c.header, key: 'exchange.header.missing', params: { header: c.header } });
  if (missing.length > 0) return { problems, blocked: true, valid: [], invalidRows: [] };
  const has = (key: ColumnKey) => seen.has(key);

  // ---- lookups ----
  const themesByName = new Map<string, { id: number; slug: string }>();
  for (const th of context.themes) {
    themesByName.set(norm(th.slug), th);
    themesByName.set(norm(th.name), th);
  }
  const organisationsByName = new Map<string, number[]>();
  for (const o of context.organisations) organisationsByName.set(norm(o.name), [...(organisationsByName.get(norm(o.name)) ?? []), o.id]);
  const organisationName = new Map(context.organisations.map((o) => [o.id, o.name]));
  const byId = new Map(context.existing.map((a) => [a.id, a]));
  const byExternal = new Map(context.existing.filter((a) => a.externalId !== null).map((a) => [`${a.organisationId}:${a.externalId}`, a]));
  const firstRowOfExternal = new Map<string, number>();
  const firstRowOfId = new Map<number, number>();

  const valid: PlannedActivity[] = [];
  const invalidRows: number[] = [];

  sheet.rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const rowProblems: ImportProblem[] = [];
    const problem = (key: ColumnKey | null, message: MessageKey, params?: Record<string, string | number>) =>
      rowProblems.push({ row, column: key ? columnByKey[key].header : null, key: message, ...(params && { params }) });

    if (cells.slice(sheet.headers.length).some((c) => c.trim() !== '')) problem(null, 'exchange.row.extraCells');
    const raw = (key: ColumnKey): string | undefined => (has(key) ? (cells[seen.get(key)!] ?? '') : undefined);
    /** The trimmed text of a column, after the checks every text gets; undefined if the column is absent. */
    const text = (key: ColumnKey): string | undefined => {
      const value = raw(key);
      if (value === undefined) return undefined;
      if (findControlCharacters(value)) {
        problem(key, 'field.controlCharacters');
        return undefined;
      }
      const trimmed = unCsvSafe(value.trim());
      const max = textLimits[key];
      if (max !== undefined && trimmed.length > max) {
        problem(key, 'field.tooLong', { max });
        return undefined;
      }
      return trimmed;
    };
    const required = (key: ColumnKey): string | undefined => {
      const value = text(key);
      if (value === '') problem(key, 'field.required');
      return value === '' ? undefined : value;
    };
    const choice = <T extends string>(key: ColumnKey, find: (v: string) => T | undefined, choices: string): T | undefined => {
      const value = required(key);
      if (value === undefined) return undefined;
      const code = find(value);
      if (!code) problem(key, 'exchange.unknownChoice', { value, choices });
      return code;
    };
    const choices = <T extends string>(key: ColumnKey, find: (v: string) => T | undefined, choiceText: string, max: number): T[] | undefined => {
      const value = text(key);
      if (value === undefined) return undefined;
      const out: T[] = [];
      for (const item of splitList(value)) {
        const code = find(item);
        if (!code) problem(key, 'exchange.unknownChoice', { value: item, choices: choiceText });
        else if (out.includes(code)) problem(key, 'exchange.duplicateValue', { value: item });
        else out.push(code);
      }
      if (out.length > max) problem(key, 'field.tooMany', { max });
      return out;
    };
    const age = (key: 'minAge' | 'maxAge'): number | undefined => {
      const value = required(key);
      if (value === undefined) return undefined;
      if (!/^[0-9]{1,3}$/.test(value)) {
        problem(key, 'field.notInteger');
        return undefined;
      }
      const n = Number(value);
      if (n < minAge || n > maxAge) {
        problem(key, 'exchange.age.range', { min: minAge, max: maxAge });
        return undefined;
      }
      return n;
    };

    // ---- who and which ----
    let organisationId: number | undefined;
    const organisationCell = text('organisation');
    if (organisationCell) {
      const ids = organisationsByName.get(norm(organisationCell)) ?? [];
      if (ids.length === 0) problem('organisation', 'exchange.organisation.unknown', { value: organisationCell });
      else if (ids.length > 1) problem('organisation', 'exchange.organisation.ambiguous', { value: organisationCell });
      else organisationId = ids[0]!;
    } else if (context.defaultOrganisationId !== null) {
      organisationId = context.defaultOrganisationId;
    } else {
      problem('organisation', 'exchange.organisation.required');
    }
    if (organisationId !== undefined && !context.mayImport(organisationId)) {
      problem('organisation', 'exchange.organisation.forbidden', { value: organisationName.get(organisationId) ?? String(organisationId) });
      organisationId = undefined;
    }

    let target: ExistingActivity | undefined;
    const platformCell = text('platformId');
    let platformId: number | undefined;
    if (platformCell) {
      if (!/^[1-9][0-9]{0,9}$/.test(platformCell) || Number(platformCell) > 2_147_483_647) problem('platformId', 'field.notInteger');
      else {
        platformId = Number(platformCell);
        const found = byId.get(platformId);
        if (!found || (organisationId !== undefined && found.organisationId !== organisationId)) problem('platformId', 'exchange.platformId.unknown', { value: platformCell });
        else target = found;
        const earlier = firstRowOfId.get(platformId);
        if (earlier !== undefined) problem('platformId', 'exchange.duplicateInFile', { value: platformCell, row: earlier });
        else firstRowOfId.set(platformId, row);
      }
    }
    const externalId = text('externalId');
    if (externalId === '' && !platformCell) problem('externalId', 'exchange.externalId.required');
    if (externalId && organisationId !== undefined) {
      const fileKey = `${organisationId}:${externalId}`;
      const earlier = firstRowOfExternal.get(fileKey);
      if (earlier !== undefined) problem('externalId', 'exchange.duplicateInFile', { value: externalId, row: earlier });
      else firstRowOfExternal.set(fileKey, row);
      const owner = byExternal.get(fileKey);
      if (platformCell) {
        if (owner && target && owner.id !== target.id) problem('externalId', 'exchange.externalId.taken', { value: externalId, id: owner.id });
      } else {
        target = owner;
      }
    }
    if (target?.status === 'archived') problem(platformCell ? 'platformId' : 'externalId', 'exchange.archived');

    // ---- the activity's fields ----
    const fields: ActivityPatch = {};
    const title = required('title');
    if (title !== undefined) fields.title = title;
    const summary = text('summary');
    if (summary !== undefined) fields.summary = summary;
    const description = text('description');
    if (description !== undefined) fields.description = description;

    const themeCell = required('themes');
    if (themeCell !== undefined) {
      const slugs: string[] = [];
      for (const item of splitList(themeCell)) {
        const theme = themesByName.get(norm(item));
        if (!theme) problem('themes', 'exchange.theme.unknown', { value: item, choices: context.themes.map((th) => th.name).join('; ') });
        else if (slugs.includes(theme.slug)) problem('themes', 'exchange.duplicateValue', { value: item });
        else slugs.push(theme.slug);
      }
      if (slugs.length > 6) problem('themes', 'field.tooMany', { max: 6 });
      fields.themes = slugs;
    }
    const format = choice('format', vocabulary.format, columnByKey.format.help.replace(/^Eén van: |\.$/g, ''));
    if (format) fields.format = format;
    const setting = choice('setting', vocabulary.setting, columnByKey.setting.help.replace(/^Eén van: |\.$/g, ''));
    if (setting) fields.setting = setting;
    const level = choice('level', vocabulary.level, columnByKey.level.help.replace(/^Eén van: |\.$/g, ''));
    if (level) fields.level = level;
    const registrationMode = choice('registrationMode', vocabulary.registrationMode, 'Vrije inloop; Aanmelden; Via school');
    if (registrationMode) fields.registrationMode = registrationMode;

    const from = age('minAge');
    const to = age('maxAge');
    if (from !== undefined) fields.minAge = from;
    if (to !== undefined) fields.maxAge = to;
    if (from !== undefined && to !== undefined && from > to) problem('maxAge', 'exchange.age.order', { min: from, max: to });

    const groups = choices('schoolGroups', vocabulary.schoolGroup, 'groep 1 tot en met 8, klas 1 tot en met 6', 14);
    if (groups) fields.schoolGroups = groups as ActivityPatch['schoolGroups'];
    const accessibility = choices('accessibility', vocabulary.accessibility, columnByKey.accessibility.help.replace(/^Nul of meer van: |; gescheiden.*$/g, ''), 10);
    if (accessibility) fields.accessibility = accessibility;
    const languageList = choices('languages', vocabulary.language, columnByKey.languages.help.replace(/^Eén of meer van: |\. Leeg.*$/g, ''), 8);
    if (languageList) fields.languages = languageList.length > 0 ? languageList : ['nl'];

    const price = text('price');
    if (price !== undefined) {
      const m = /^(?:€\s*)?([0-9]{1,5})(?:[.,]([0-9]{1,2}))?$/.exec(price);
      if (price === '' || norm(price) === 'gratis') fields.priceCents = 0;
      else if (!m) problem('price', 'exchange.price.invalid');
      else {
        const cents = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
        if (cents > 1_000_000) problem('price', 'exchange.price.tooHigh', { max: '10.000' });
        else fields.priceCents = cents;
      }
    }
    const priceNote = text('priceNote');
    if (priceNote !== undefined) fields.priceNote = priceNote;
    const reductions = text('reductions');
    if (reductions !== undefined) fields.reductions = reductions;

    const goals = text('curriculumGoals');
    if (goals !== undefined) {
      const list = splitList(goals);
      const bad = list.find((g) => !/^[0-9]{1,3}[a-z]?$/.test(g));
      if (bad !== undefined) problem('curriculumGoals', 'exchange.curriculumGoal.invalid', { value: bad });
      else if (new Set(list).size !== list.length) problem('curriculumGoals', 'field.duplicate');
      else if (list.length > 30) problem('curriculumGoals', 'field.tooMany', { max: 30 });
      else fields.curriculumGoals = list;
    }

    const onlineCell = text('online');
    if (onlineCell !== undefined) {
      const yes = onlineCell === '' ? 'no' : vocabulary.boolean(onlineCell);
      if (!yes) problem('online', 'field.notBoolean');
      else fields.online = yes === 'yes';
    }
    const locationCell = text('location');
    if (locationCell !== undefined) {
      if (locationCell === '') fields.locationId = null;
      else {
        const matches = context.locations.filter((l) => norm(l.name) === norm(locationCell));
        const own = matches.filter((l) => l.organisationId === organisationId);
        const pick = own.length === 1 ? own : matches;
        if (pick.length === 0) problem('location', 'exchange.location.unknown', { value: locationCell });
        else if (pick.length > 1) problem('location', 'exchange.location.ambiguous', { value: locationCell });
        else fields.locationId = pick[0]!.id;
      }
    }
    // As it will be after the change: a place or online, at least one of them.
    const locationAfter = fields.locationId !== undefined ? fields.locationId : (target?.locationId ?? null);
    const onlineAfter = fields.online ?? target?.online ?? false;
    const locationOk = !rowProblems.some((p) => p.column === columnByKey.location.header || p.column === columnByKey.online.header);
    if (locationOk && locationAfter === null && !onlineAfter) problem('location', 'exchange.location.required');

    const partners = text('coProviders');
    if (partners !== undefined) {
      const ids: number[] = [];
      for (const name of splitList(partners)) {
        const found = organisationsByName.get(norm(name)) ?? [];
        if (found.length === 0) problem('coProviders', 'exchange.organisation.unknown', { value: name });
        else if (found.length > 1) problem('coProviders', 'exchange.organisation.ambiguous', { value: name });
        else if (!ids.includes(found[0]!)) ids.push(found[0]!);
      }
      if (ids.length > 10) problem('coProviders', 'field.tooMany', { max: 10 });
      fields.coProviderIds = ids;
    }

    let sessions: SessionSpec[] | undefined;
    let pastSessions = 0;
    const sessionCell = text('sessions');
    if (sessionCell !== undefined) {
      const parsed = parseSessions(sessionCell);
      for (const p of parsed.problems) problem('sessions', p.key, p.params);
      sessions = parsed.sessions.filter((s) => s.startsAt > context.now);
      pastSessions = parsed.sessions.length - sessions.length;
    }
    // "Status" is for reading only; nothing to check.

    if (rowProblems.length > 0 || organisationId === undefined) {
      problems.push(...rowProblems);
      invalidRows.push(row);
      return;
    }
    valid.push({
      row,
      action: target ? 'update' : 'create',
      activityId: target?.id ?? null,
      organisationId,
      externalId: externalId || null,
      title: title ?? '',
      fields: { ...fields, organisationId },
      sessions,
      pastSessions,
    });
  });

  return { problems, blocked, valid, invalidRows };
}
