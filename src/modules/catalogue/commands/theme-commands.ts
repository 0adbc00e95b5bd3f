import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import type { Theme } from '../db/schema.js';
import type { ThemeInput, ThemePatch } from '../schemas.js';

export async function createTheme(tx: Tx, ecosystemId: number, input: ThemeInput): Promise<Theme> {
  const taken = await tx.db
    .selectFrom('themes')
    .select('id')
    .where('ecosystem_id', '=', ecosystemId)
    .where('slug', '=', input.slug)
    .executeTakeFirst();
  if (taken) throw errors.conflict('error.conflict.slugTaken', { slug: input.slug });
  return tx.db
    .insertInto('themes')
    .values({ ecosystem_id: ecosystemId, slug: input.slug, name: input.name.trim(), description: input.description ?? '', position: input.position ?? 0 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTheme(tx: Tx, ecosystemId: number, id: number, patch: ThemePatch): Promise<Theme> {
  const row = await tx.db
    .updateTable('themes')
    .set({ ...patch, ...(patch.name !== undefined && { name: patch.name.trim() }), updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound('theme');
  return row;
}

/** Archives a theme; refused while published activities still carry it, so none loses its only theme. */
export async function archiveTheme(tx: Tx, ecosystemId: number, id: number): Promise<Theme> {
  const used = await tx.db
    .selectFrom('activity_themes as t')
    .innerJoin('activities as a', 'a.id', 't.activity_id')
    .select('a.id')
    .where('t.theme_id', '=', id)
    .where('a.ecosystem_id', '=', ecosystemId)
    .where('a.status', '!=', 'archived')
    .limit(1)
    .executeTakeFirst();
  if (used) throw errors.conflict('error.conflict.themeInUse');
  const row = await tx.db
    .updateTable('themes')
    .set({ status: 'archived', updated_at: new Date() })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw errors.notFound('theme');
  return row;
}
