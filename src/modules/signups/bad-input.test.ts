import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp, testDatabase } from '../../../test/helpers/build-app.js';
import { createFixture, inDays, type Fixture } from '../../../test/helpers/factories.js';
import { get, post, requestPass, type ParentBrowser } from '../../../test/helpers/pass-privacy.js';
import { archiveActivity, createActivity } from '../catalogue/commands/activity-commands.js';
import { cancelSession, createSession } from '../catalogue/commands/session-commands.js';
import type { ActivityInput } from '../catalogue/schemas.js';

/**
 * Bad input on the sign-up pages: each case gets a clear Dutch message (or a
 * plain 400/404 page for a mangled address), never a 500, and changes nothing.
 */
const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
const db = database.db;
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));
let parent: { browser: ParentBrowser };
let otherParent: { browser: ParentBrowser };
let otherSignup: string;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  parent = await requestPass(app, { birthYear: String(thisYear - 9), givenBy: 'parent' });
  otherParent = await requestPass(app, { birthYear: String(thisYear - 9), givenBy: 'parent' });
  const s = await session(activity({ title: 'Van een ander' }), 3, 4);
  const res = await post(app, otherParent.browser, `/e/proef/ouders/aanmelden/${await s}`, {});
  assert.equal(res.statusCode, 200);
  otherSignup = (await db.selectFrom('signups').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
});
after(async () => {
  await app.close();
  await database.drop();
});

function activity(over: Partial<ActivityInput> = {}): Promise<number> {
  return database.transaction(async (tx) =>
    (await createActivity(tx, fx.ecosystem.id, {
      organisationId: fx.orgs.library, title: 'Proefactiviteit', themes: ['bewegen'], format: 'workshop', setting: 'out_of_school', minAge: 8, maxAge: 12,
      level: 'introduction', registrationMode: 'sign_up', locationId: fx.locations.enschede, status: 'published', ...over,
    })).id,
  );
}

async function session(activityId: Promise<number> | number, days: number, capacity: number | null = 10): Promise<number> {
  const id = await activityId;
  return database.transaction(async (tx) => (await createSession(tx, fx.ecosystem.id, id, { startsAt: inDays(days).toISOString(), endsAt: new Date(inDays(days).getTime() + 3_600_000).toISOString(), capacity })).id);
}

const count = async () => Number((await db.selectFrom('signups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

interface Case {
  name: string;
  /** Makes the situation; returns the address to post to and the fields. */
  setup: () => Promise<{ url: string; fields?: Record<string, string>; method?: 'GET' | 'POST' }>;
  status: number;
  message?: RegExp;
}

const cases: Case[] = [
  {
    name: 'after sign-up has closed',
    setup: async () => {
      const a = await activity();
      await db.insertInto('signup_settings').values({ ecosystem_id: fx.ecosystem.id, activity_id: a, closes_at: new Date(Date.now() - 3_600_000) }).execute();
      return { url: `/e/proef/ouders/aanmelden/${await session(a, 5)}` };
    },
    status: 400,
    message: /Aanmelden voor deze activiteit is gesloten/,
  },
  {
    name: 'before sign-up opens',
    setup: async () => {
      const a = await activity();
      await db.insertInto('signup_settings').values({ ecosystem_id: fx.ecosystem.id, activity_id: a, opens_at: new Date(Date.now() + 86_400_000) }).execute();
      return { url: `/e/proef/ouders/aanmelden/${await session(a, 5)}` };
    },
    status: 400,
    message: /Aanmelden voor deze activiteit kan vanaf/,
  },
  {
    name: 'for a full series',
    setup: async () => {
      const a = await activity();
      const first = await session(a, 5, 1);
      await session(a, 12, 5);
      // Someone else takes the only place of the first session.
      assert.equal((await post(app, otherParent.browser, `/e/proef/ouders/aanmelden/${first}`, {})).statusCode, 200);
      return { url: `/e/proef/ouders/aanmelden/${first}`, fields: { reeks: '1' } };
    },
    status: 400,
    message: /Deze reeks is vol/,
  },
  {
    name: 'twice for the same session',
    setup: async () => {
      const s = await session(activity(), 5);
      assert.equal((await post(app, parent.browser, `/e/proef/ouders/aanmelden/${s}`, {})).statusCode, 200);
      return { url: `/e/proef/ouders/aanmelden/${s}` };
    },
    status: 400,
    message: /Deze pas is al aangemeld voor deze bijeenkomst/,
  },
  { name: 'for the wrong age', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity({ minAge: 14, maxAge: 18 }), 5)}` }), status: 400, message: /voor kinderen van 14 tot en met 18 jaar/ },
  {
    name: 'for an archived activity',
    setup: async () => {
      const a = await activity();
      const s = await session(a, 5);
      await database.transaction((tx) => archiveActivity(tx, fx.ecosystem.id, a));
      return { url: `/e/proef/ouders/aanmelden/${s}` };
    },
    status: 400,
    message: /gearchiveerd/,
  },
  { name: 'for a walk-in activity', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity({ registrationMode: 'walk_in' }), 5)}` }), status: 400, message: /kom gewoon langs/ },
  { name: 'for a class activity', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity({ registrationMode: 'through_school' }), 5)}` }), status: 400, message: /gaat via school/ },
  { name: 'for a lottery without a window', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity({ registrationMode: 'lottery' }), 5)}` }), status: 400, message: /inschrijfperiode/ },
  {
    name: 'for a session that has begun',
    setup: async () => {
      const s = await session(activity(), 5);
      await db.updateTable('sessions').set({ starts_at: new Date(Date.now() - 60_000), ends_at: new Date(Date.now() + 3_600_000) }).where('id', '=', s).execute();
      return { url: `/e/proef/ouders/aanmelden/${s}` };
    },
    status: 400,
    message: /al begonnen of voorbij/,
  },
  {
    name: 'for a cancelled session',
    setup: async () => {
      const s = await session(activity(), 5);
      await database.transaction((tx) => cancelSession(tx, fx.ecosystem.id, s));
      return { url: `/e/proef/ouders/aanmelden/${s}` };
    },
    status: 400,
    message: /gaat niet door/,
  },
  { name: 'for a draft activity', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity({ status: 'draft' }), 5)}` }), status: 404 },
  { name: 'with a session id that is not a number', setup: async () => ({ url: '/e/proef/ouders/aanmelden/abc' }), status: 400 },
  { name: 'with session id 0', setup: async () => ({ url: '/e/proef/ouders/aanmelden/0' }), status: 400 },
  { name: 'with a session id out of range', setup: async () => ({ url: '/e/proef/ouders/aanmelden/99999999999999' }), status: 400 },
  { name: 'with an unknown session', setup: async () => ({ url: '/e/proef/ouders/aanmelden/987654' }), status: 404 },
  { name: 'with a bad e-mail address', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity(), 5)}`, fields: { email: 'geen-adres' } }), status: 400, message: /Vul een geldig e-mailadres in/ },
  { name: 'with an e-mail address far too long', setup: async () => ({ url: `/e/proef/ouders/aanmelden/${await session(activity(), 5)}`, fields: { email: `${'a'.repeat(2000)}@x.nl` } }), status: 400 },
  { name: 'cancelling another family’s sign-up', setup: async () => ({ url: `/e/proef/ouders/aanmeldingen/${otherSignup}/afmelden` }), status: 404 },
  { name: 'cancelling with a mangled id', setup: async () => ({ url: '/e/proef/ouders/aanmeldingen/1x/afmelden' }), status: 400 },
  { name: 'moving to a session that is not a number', setup: async () => ({ url: `/e/proef/ouders/aanmeldingen/${otherSignup}/verzetten`, fields: { sessionId: 'morgen' } }), status: 404 },
  { name: 'opening an offer with a made-up token', setup: async () => ({ url: `/e/proef/aanmelding/plek/${'a'.repeat(43)}`, method: 'GET' }), status: 404, message: /niet meer beschikbaar/ },
  { name: 'answering an offer with a made-up token', setup: async () => ({ url: `/e/proef/aanmelding/plek/${'a'.repeat(43)}`, fields: { keuze: 'ja' } }), status: 400, message: /niet meer beschikbaar/ },
  { name: 'answering an offer with neither yes nor no', setup: async () => ({ url: `/e/proef/aanmelding/plek/${'a'.repeat(43)}`, fields: { keuze: 'misschien' } }), status: 400, message: /Kies of u de plek neemt/ },
];

describe('bad input on the sign-up pages: a clear message, nothing changed', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const { url, fields, method } = await c.setup();
      const before = await count();
      // The same parent from a fresh address each time, so the rate limit does not answer instead.
      const browser = { ...parent.browser, ip: `10.99.${cases.indexOf(c)}.1` };
      const res = method === 'GET' ? await get(app, browser, url) : await post(app, browser, url, fields ?? {});
      assert.equal(res.statusCode, c.status, res.body.slice(0, 600));
      if (c.message) assert.match(res.body, c.message);
      assert.equal(await count(), before, 'nothing changed');
    });
  }

  test('signing up with a wrong secret: the generic message, and the attempt is logged', async () => {
    const s = await session(activity(), 5);
    const fresh = await requestPass(app, { givenBy: 'parent' });
    const stranger = await (await import('../../../test/helpers/pass-privacy.js')).parentBrowser(app);
    const before = await count();
    const res = await post(app, stranger, `/e/proef/ouders/aanmelden/${s}`, { code: fresh.code, secret: 'FOUT-FOUT' });
    assert.equal(res.statusCode, 400);
    assert.equal(await count(), before);
    const failed = await db.selectFrom('audit_events').select('id').where('action', '=', 'passes.parent.failedAttempt').execute();
    assert.ok(failed.length >= 1);
  });
});
