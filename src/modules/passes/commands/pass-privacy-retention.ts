import type { Tx } from '../../../db/database.js';
import type { EcosystemSettings } from '../../ecosystems/db/schema.js';
import { deletePasses } from './pass-privacy-delete.js';

/** Years without a scan or a parent's visit after which a pass is removed, unless the ecosystem says otherwise. */
export const defaultRetentionYears = 3;
export const retentionYearsRange = { min: 1, max: 10 } as const;
/** Passes removed per ecosystem per hourly run: keeps one transaction short; the next hour takes the rest. */
const batch = 1000;

/** The ecosystem's retention in years; a stored value out of range falls back to the default. */
export function retentionYearsOf(settings: EcosystemSettings): number {
  const years = settings.passRetentionYears;
  return Number.isInteger(years) && years! >= retentionYearsRange.min && years! <= retentionYearsRange.max ? years! : defaultRetentionYears;
}

/** The moment before which a pass last active counts as inactive for `years` years. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * The passes module's hourly housekeeping: ends expired parent sessions, and
 * applies each ecosystem's retention rule by deleting passes inactive for
 * longer, exactly as a parent's delete does (`deletePasses`).
 */
export async function passesHousekeeping(tx: Tx, now: Date): Promise<Record<string, number>> {
  const sessions = await tx.db.deleteFrom('pass_parent_sessions').where('expires_at', '<=', now).executeTakeFirst();
  let removed = 0;
  for (const ecosystem of await tx.db.selectFrom('ecosystems').select(['id', 'settings']).orderBy('id').execute()) {
    const cutoff = retentionCutoff(now, retentionYearsOf(ecosystem.settings));
    const inactive = await tx.db
      .selectFrom('passes')
      .select('id')
      .where('ecosystem_id', '=', ecosystem.id)
      .where('last_active_at', '<', cutoff)
      .orderBy('last_active_at')
      .limit(batch)
      .execute();
    removed += await deletePasses(tx, 'system', ecosystem.id, inactive.map((p) => p.id), 'retention');
  }
  return { parentSessions: Number(sessions.numDeletedRows), inactivePasses: removed };
}
