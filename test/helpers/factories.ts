import type { Database } from '../../src/db/database.js';
import type { Ecosystem } from '../../src/modules/ecosystems/db/schema.js';
import { createEcosystem } from '../../src/modules/ecosystems/commands/ecosystem-creator.js';
import { createActivity, publishActivity } from '../../src/modules/catalogue/commands/activity-commands.js';
import { createLocation, createOrganisation } from '../../src/modules/catalogue/commands/organisation-commands.js';
import { createNextStep, createSession } from '../../src/modules/catalogue/commands/session-commands.js';
import type { ActivityInput } from '../../src/modules/catalogue/schemas.js';

/** A small invented ecosystem for tests: two towns 20 km apart, a handful of activities. */
export interface Fixture {
  ecosystem: Ecosystem;
  orgs: { library: number; museum: number };
  locations: { enschede: number; hengelo: number };
  activities: { robots: number; robotClub: number; stars: number; water: number; draft: number; past: number; online: number };
}

const day = 86_400_000;

export function inDays(days: number, hour = 14, base = new Date()): Date {
  const d = new Date(base.getTime() + days * day);
  d.setUTCHours(hour - 1, 0, 0, 0); // roughly Amsterdam local time; exact hour does not matter here
  return d;
}

export async function createFixture(database: Database, slug = 'proef', hostNames: string[] = []): Promise<Fixture> {
  return database.transaction(async (tx) => {
    const ecosystem = await createEcosystem(tx, { slug, name: `Proefregio ${slug}`, municipalities: ['Enschede', 'Hengelo'], hostNames });
    const hoods = await tx.db
      .insertInto('neighbourhoods')
      .values([
        {
          ecosystem_id: ecosystem.id, cbs_code: 'WK015301', name: 'Enschede Centrum', municipality: 'Enschede', centroid_lat: 52.2215, centroid_lng: 6.8937,
          outline: JSON.stringify({ type: 'Polygon', coordinates: [[[6.88, 52.21], [6.91, 52.21], [6.91, 52.23], [6.88, 52.23], [6.88, 52.21]]] }),
          children_by_age: JSON.stringify({ '4-7': 400, '8-11': 380 }), ses_tier: 2,
        },
        {
          ecosystem_id: ecosystem.id, cbs_code: 'WK016401', name: 'Hengelo Centrum', municipality: 'Hengelo', centroid_lat: 52.2658, centroid_lng: 6.7931,
          outline: null, children_by_age: JSON.stringify({ '4-7': 300 }), ses_tier: 4,
        },
      ])
      .returning(['id', 'name'])
      .execute();
    await tx.db
      .insertInto('postcode_areas')
      .values([
        { ecosystem_id: ecosystem.id, postcode: '7511', place: 'Enschede', lat: 52.2215, lng: 6.8937, neighbourhood_id: hoods[0]!.id },
        { ecosystem_id: ecosystem.id, postcode: '7550', place: 'Hengelo', lat: 52.2658, lng: 6.7931, neighbourhood_id: hoods[1]!.id },
      ])
      .execute();
    const e = ecosystem.id;
    const library = await createOrganisation(tx, e, { name: 'Bibliotheek Proefstad', sector: 'library', website: 'https://bieb.example.org' });
    const museum = await createOrganisation(tx, e, { name: 'Museum voor Techniek', sector: 'museum' });
    const enschede = await createLocation(tx, e, { organisationId: library.id, name: 'Bieb Centrum', street: 'Pijpenstraat 1', postcode: '7511 AA', city: 'Enschede', lat: 52.2216, lng: 6.8936 });
    const hengelo = await createLocation(tx, e, { organisationId: museum.id, name: 'Museum Hengelo', street: 'Marktstraat 5', postcode: '7551 BB', city: 'Hengelo', lat: 52.2659, lng: 6.7930 });

    const base = (over: Partial<ActivityInput> & Pick<ActivityInput, 'title'>): ActivityInput => ({
      organisationId: library.id, themes: ['programmeren-digitaal'], format: 'workshop', setting: 'out_of_school', minAge: 8, maxAge: 12,
      level: 'introduction', registrationMode: 'sign_up', locationId: enschede.id, status: 'published', ...over,
    });
    const robots = await createActivity(tx, e, base({
      title: 'Robots bouwen en programmeren', summary: 'Bouw je eigen robot en laat hem rijden.', description: 'Met sensoren en motoren programmeer je een robot.',
      accessibility: ['wheelchair'], priceCents: 0,
    }));
    const robotClub = await createActivity(tx, e, base({ title: 'Robotclub voor gevorderden', format: 'club', level: 'advanced', minAge: 10, maxAge: 14, priceCents: 2500 }));
    const stars = await createActivity(tx, e, base({
      title: 'Sterrenkijken in de Natuurtuin', organisationId: museum.id, locationId: hengelo.id, themes: ['natuur-duurzaamheid', 'wetenschap-onderzoek'],
      format: 'event', minAge: 6, maxAge: 12, summary: 'Kijk door een telescoop naar de maan.',
    }));
    const water = await createActivity(tx, e, base({ title: 'Proefjes met water', organisationId: museum.id, locationId: hengelo.id, themes: ['wetenschap-onderzoek'], minAge: 4, maxAge: 6, priceCents: 350 }));
    const draft = await createActivity(tx, e, base({ title: 'Geheime drone-workshop', status: 'draft' }));
    const past = await createActivity(tx, e, base({ title: 'Voorbije vliegerdag' }));
    const online = await createActivity(tx, e, base({ title: 'Online codeerles', locationId: null, online: true, format: 'course', minAge: 12, maxAge: 16 }));

    const session = (activityId: number, days: number, capacity: number | null = 20) =>
      createSession(tx, e, activityId, { startsAt: inDays(days).toISOString(), endsAt: new Date(inDays(days).getTime() + 2 * 3_600_000).toISOString(), capacity });
    await session(robots.id, 3);
    await session(robots.id, 10);
    await session(robotClub.id, 5);
    await session(stars.id, 40, null);
    await session(water.id, 20);
    await session(draft.id, 4);
    await session(online.id, 7);
    // A session in the past: the activity is over and leaves the finder.
    await tx.db.insertInto('sessions').values({ ecosystem_id: e, activity_id: past.id, starts_at: inDays(-10), ends_at: inDays(-10, 16) }).execute();
    await tx.db.updateTable('activities').set({ last_session_at: inDays(-10, 16) }).where('id', '=', past.id).execute();

    await createNextStep(tx, e, robots.id, { toActivityId: robotClub.id, kind: 'deepen', reason: 'Kun je al een robot laten rijden? In de club bouw je grotere robots.' });
    await createNextStep(tx, e, robots.id, { toActivityId: draft.id, kind: 'broaden', reason: 'Nog niet gepubliceerd, dus niet zichtbaar.' });
    await createNextStep(tx, e, water.id, { toActivityId: stars.id, kind: 'broaden', reason: 'Van water naar de sterren.' });
    await publishActivity(tx, e, robots.id);

    return {
      ecosystem,
      orgs: { library: library.id, museum: museum.id },
      locations: { enschede: enschede.id, hengelo: hengelo.id },
      activities: { robots: robots.id, robotClub: robotClub.id, stars: stars.id, water: water.id, draft: draft.id, past: past.id, online: online.id },
    };
  });
}
