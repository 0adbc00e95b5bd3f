import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

/** An invented badge name per theme, for the demo. */
const badgeNames: Record<string, string> = {
  'wetenschap-onderzoek': 'Jonge onderzoeker',
  'programmeren-digitaal': 'Codekraker',
  'maken-ontwerpen': 'Meestermaker',
  'natuur-duurzaamheid': 'Natuurspeurder',
  'kunst-cultuur': 'Kunstontdekker',
  bewegen: 'Beweegbaas',
};

/**
 * A handful of demo activities that award a badge: for each theme, its first
 * published activity. The names are invented; the badges are issued when a
 * demo pass with the badges consent is scanned there.
 */
export async function seedDemoBadges(tx: Tx, ecosystemId: number): Promise<number> {
  const { rows } = await sql<{ id: number; title: string; slug: string }>`
    select distinct on (th.slug) a.id, a.title, th.slug
    from activities a
    join activity_themes at on at.activity_id = a.id
    join themes th on th.id = at.theme_id
    where a.ecosystem_id = ${ecosystemId} and a.status = 'published'
    order by th.slug, a.id`.execute(tx.db);
  const chosen = rows.filter((r) => badgeNames[r.slug]);
  // One activity may lead two themes; it gets one badge.
  const unique = chosen.filter((r, i) => chosen.findIndex((o) => o.id === r.id) === i);
  if (unique.length === 0) return 0;
  await tx.db
    .insertInto('achievements')
    .values(unique.map((r) => ({
      ecosystem_id: ecosystemId,
      kind: 'activity' as const,
      activity_id: r.id,
      name: badgeNames[r.slug]!,
      description: `Voor meedoen aan ${r.title}.`,
      criteria: `Je deed mee aan ${r.title}.`,
    })))
    .execute();
  return unique.length;
}
