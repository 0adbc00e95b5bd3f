import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema.js';
import { t } from '../../../../web/i18n/index.js';
import { columns, registrationLabels, schoolGroupLabel, type ColumnKey } from '../columns.js';
import { formatSessions } from '../session-format.js';

const batch = 500;
const statusLabels: Record<string, string> = { draft: 'Concept', submitted: 'Ingediend', returned: 'Teruggestuurd', published: 'Gepubliceerd', archived: 'Gearchiveerd' };

function euros(cents: number): string {
  return cents === 0 ? '0' : cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
}

/**
 * The offer as spreadsheet rows in the layout of `columns`: one organisation's,
 * or the whole ecosystem's without `organisationId`. Archived activities are
 * left out (they cannot be imported again). Sessions: every scheduled one,
 * past ones included; cancelled ones are left out.
 */
export async function offerExportRows(db: Kysely<DB>, ecosystemId: number, organisationId?: number): Promise<string[][]> {
  const activities = await db
    .selectFrom('activities as a')
    .innerJoin('organisations as o', (j) => j.onRef('o.id', '=', 'a.organisation_id').onRef('o.ecosystem_id', '=', 'a.ecosystem_id'))
    .leftJoin('locations as l', (j) => j.onRef('l.id', '=', 'a.location_id').onRef('l.ecosystem_id', '=', 'a.ecosystem_id'))
    .selectAll('a')
    .select(['o.name as organisationName', 'l.name as locationName'])
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.status', '<>', 'archived')
    .$if(organisationId !== undefined, (q) => q.where('a.organisation_id', '=', organisationId!))
    .orderBy('o.name')
    .orderBy('a.title')
    .orderBy('a.id')
    .execute();

  const rows: string[][] = [];
  for (let i = 0; i < activities.length; i += batch) {
    const chunk = activities.slice(i, i + batch);
    const ids = chunk.map((a) => a.id);
    const [themes, partners, sessions] = await Promise.all([
      db.selectFrom('activity_themes as at').innerJoin('themes as th', 'th.id', 'at.theme_id')
        .select(['at.activity_id', 'th.name']).where('at.ecosystem_id', '=', ecosystemId).where('at.activity_id', 'in', ids).orderBy('th.position').orderBy('th.name').execute(),
      db.selectFrom('activity_co_providers as cp').innerJoin('organisations as o', 'o.id', 'cp.organisation_id')
        .select(['cp.activity_id', 'o.name']).where('cp.ecosystem_id', '=', ecosystemId).where('cp.activity_id', 'in', ids).orderBy('o.name').execute(),
      db.selectFrom('sessions').select(['activity_id', 'starts_at', 'ends_at', 'capacity'])
        .where('ecosystem_id', '=', ecosystemId).where('activity_id', 'in', ids).where('status', '=', 'scheduled').orderBy('starts_at').execute(),
    ]);
    const group = <T extends { activity_id: number }>(items: T[]) => {
      const map = new Map<number, T[]>();
      for (const item of items) map.set(item.activity_id, [...(map.get(item.activity_id) ?? []), item]);
      return map;
    };
    const themesOf = group(themes);
    const partnersOf = group(partners);
    const sessionsOf = group(sessions);
    for (const a of chunk) {
      const value: Record<ColumnKey, string> = {
        platformId: String(a.id),
        externalId: a.external_id ?? '',
        organisation: a.organisationName,
        title: a.title,
        summary: a.summary,
        description: a.description,
        themes: (themesOf.get(a.id) ?? []).map((th) => th.name).join('; '),
        format: t('nl', `format.${a.format}` as 'format.workshop'),
        setting: t('nl', `setting.${a.setting}`),
        minAge: String(a.min_age),
        maxAge: String(a.max_age),
        schoolGroups: a.school_groups.map(schoolGroupLabel).join('; '),
        level: t('nl', `level.${a.level}`),
        price: euros(a.price_cents),
        priceNote: a.price_note,
        reductions: a.reductions,
        accessibility: a.accessibility.map((x) => t('nl', `accessibility.${x}` as 'accessibility.wheelchair')).join('; '),
        languages: a.languages.map((x) => t('nl', `language.${x}` as 'language.nl')).join('; '),
        location: a.locationName ?? '',
        online: a.online ? 'ja' : 'nee',
        registrationMode: registrationLabels[a.registration_mode],
        curriculumGoals: a.curriculum_goals.join('; '),
        coProviders: (partnersOf.get(a.id) ?? []).map((p) => p.name).join('; '),
        sessions: formatSessions((sessionsOf.get(a.id) ?? []).map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at, capacity: s.capacity }))),
        status: statusLabels[a.status] ?? a.status,
      };
      rows.push(columns.map((c) => value[c.key]));
    }
  }
  return rows;
}
