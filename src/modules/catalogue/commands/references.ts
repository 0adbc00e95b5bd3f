import type { FieldProblem } from '../../../core/errors.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';

/**
 * Checks that ids given by a client name rows of this ecosystem. The database
 * would refuse a foreign id too (composite keys), but this gives the field's name.
 */
export async function checkReferences(
  tx: Tx,
  ecosystemId: number,
  refs: {
    organisationIds?: Array<{ field: string; id: number }>;
    locationIds?: Array<{ field: string; id: number }>;
    neighbourhoodIds?: Array<{ field: string; id: number }>;
    activityIds?: Array<{ field: string; id: number }>;
  },
): Promise<void> {
  const problems: FieldProblem[] = [];
  const check = async (table: 'organisations' | 'locations' | 'neighbourhoods' | 'activities', items: Array<{ field: string; id: number }> | undefined) => {
    if (!items || items.length === 0) return;
    const found = await tx.db
      .selectFrom(table)
      .select('id')
      .where('ecosystem_id', '=', ecosystemId)
      .where('id', 'in', items.map((i) => i.id))
      .execute();
    const ids = new Set(found.map((r) => r.id));
    for (const item of items) if (!ids.has(item.id)) problems.push({ field: item.field, key: 'field.unknownValue', params: { value: item.id } });
  };
  await check('organisations', refs.organisationIds);
  await check('locations', refs.locationIds);
  await check('neighbourhoods', refs.neighbourhoodIds);
  await check('activities', refs.activityIds);
  if (problems.length > 0) throw errors.invalidInput(problems);
}

/** Theme slugs → ids, or an error naming the unknown ones. */
export async function themeIdsForSlugs(tx: Tx, ecosystemId: number, slugs: string[]): Promise<number[]> {
  const rows = await tx.db
    .selectFrom('themes')
    .select(['id', 'slug'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('status', '=', 'active')
    .where('slug', 'in', slugs)
    .execute();
  const unknown = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (unknown.length > 0) {
    throw errors.invalidInput(unknown.map((value) => ({ field: 'themes', key: 'search.theme.unknown' as const, params: { value } })));
  }
  return slugs.map((s) => rows.find((r) => r.slug === s)!.id);
}

/** Recomputes when the activity's last scheduled session ends (it leaves the finder then); call after any change to its sessions. */
export async function refreshLastSession(tx: Tx, ecosystemId: number, activityId: number): Promise<void> {
  await tx.db
    .updateTable('activities')
    .set((eb) => ({
      last_session_at: eb
        .selectFrom('sessions')
        .select((s) => s.fn.max('ends_at').as('m'))
        .where('activity_id', '=', activityId)
        .where('status', '=', 'scheduled'),
    }))
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', activityId)
    .execute();
}
