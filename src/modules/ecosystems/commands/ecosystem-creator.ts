import type { Tx } from '../../../db/database.js';
import type { Ecosystem, EcosystemSettings } from '../db/schema.js';
import { errors } from '../../../core/errors.js';
import { defaultThemes } from '../../catalogue/vocabulary.js';

export interface EcosystemInput {
  slug: string;
  name: string;
  municipalities?: string[];
  hostNames?: string[];
  isDemo?: boolean;
  settings?: EcosystemSettings;
}

/** Creates an ecosystem (a tenant) with the default themes. */
export async function createEcosystem(tx: Tx, input: EcosystemInput): Promise<Ecosystem> {
  const taken = await tx.db.selectFrom('ecosystems').select('id').where('slug', '=', input.slug).executeTakeFirst();
  if (taken) throw errors.conflict('error.conflict.slugTaken', { slug: input.slug });
  const ecosystem = await tx.db
    .insertInto('ecosystems')
    .values({
      slug: input.slug,
      name: input.name,
      municipalities: input.municipalities ?? [],
      host_names: (input.hostNames ?? []).map((h) => h.toLowerCase()),
      is_demo: input.isDemo ?? false,
      settings: JSON.stringify(input.settings ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx.db
    .insertInto('themes')
    .values(defaultThemes.map((theme, position) => ({ ecosystem_id: ecosystem.id, ...theme, position })))
    .execute();
  return ecosystem;
}
