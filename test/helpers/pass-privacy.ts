import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { formPost } from './forms.js';

/** A browser of a parent: its form-token cookie, its parent session (once it has one) and its own address (for the rate limits). */
export interface ParentBrowser {
  ip: string;
  cookies: Record<string, string>;
  csrf: string;
}

let nextIp = 1;

/** A fresh parent's browser: a form token from the parents' page, and an address no other test uses. */
export async function parentBrowser(app: FastifyInstance, slug = 'proef'): Promise<ParentBrowser> {
  const ip = `10.${Math.floor(nextIp / 250)}.${nextIp % 250}.${Math.floor(Math.random() * 200) + 1}`;
  nextIp += 1;
  const page = await app.inject({ url: `/e/${slug}/ouders`, headers: { 'x-forwarded-for': ip } });
  const cookie = page.cookies.find((c) => c.name === 'lx_formulier');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!cookie || !csrf) throw new Error(`no form token on /e/${slug}/ouders (${page.statusCode})`);
  return { ip, cookies: { lx_formulier: cookie.value }, csrf };
}

/** Keeps the cookies an answer sets (and drops those it clears), as a browser would. */
export function remember(browser: ParentBrowser, res: LightMyRequestResponse): LightMyRequestResponse {
  for (const c of res.cookies) {
    const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.value === '';
    if (expired) delete browser.cookies[c.name];
    else browser.cookies[c.name] = c.value;
  }
  return res;
}

export async function get(app: FastifyInstance, browser: ParentBrowser, url: string): Promise<LightMyRequestResponse> {
  return remember(browser, await app.inject({ url, cookies: browser.cookies, headers: { 'x-forwarded-for': browser.ip } }));
}

export async function post(app: FastifyInstance, browser: ParentBrowser, url: string, fields: Record<string, string | string[]> = {}): Promise<LightMyRequestResponse> {
  // As a browser does, a form that makes a pass is loaded before it is sent: it carries the form's one-time token.
  const formUrl = url.endsWith('/ouders/nieuw') ? url : url.endsWith('/nieuwe-pas') ? url.slice(0, -'/nieuwe-pas'.length) : undefined;
  const withToken: Record<string, string> = formUrl && !('aanvraag' in fields) ? { aanvraag: await requestFormToken(app, browser, formUrl) } : {};
  const { payload, headers } = formPost({ _csrf: browser.csrf, ...withToken, ...fields });
  return remember(browser, await app.inject({ method: 'POST', url, payload, cookies: browser.cookies, headers: { ...headers, 'x-forwarded-for': browser.ip } }));
}

/** The one-time token of a freshly loaded request form (see the pass-request-tokens migration). */
export async function requestFormToken(app: FastifyInstance, browser: ParentBrowser, url: string): Promise<string> {
  const form = await get(app, browser, url);
  const token = /name="aanvraag" value="([^"]+)"/.exec(form.body)?.[1];
  if (!token) throw new Error(`no request token on ${url} (${form.statusCode})`);
  return token;
}

/** The code and secret on the page shown right after requesting a pass. */
export function issuedSecrets(body: string): { code: string; secret: string } {
  const values = [...body.matchAll(/<dd class="utrecht-data-list__item-value pass-code">([^<]+)<\/dd>/g)].map((m) => m[1]!);
  if (values.length !== 2) throw new Error(`no code and secret on the page:\n${body.slice(0, 500)}`);
  return { code: values[0]!, secret: values[1]! };
}

/** Requests a pass as a parent with these fields (on top of "a parent, nothing more"); returns the browser, now holding the pass's session. */
export async function requestPass(app: FastifyInstance, fields: Record<string, string | string[]> = {}, slug = 'proef') {
  const browser = await parentBrowser(app, slug);
  const res = await post(app, browser, `/e/${slug}/ouders/nieuw`, { givenBy: 'parent', ...fields });
  if (res.statusCode !== 200) throw new Error(`requesting a pass: ${res.statusCode}\n${res.body.slice(0, 1000)}`);
  return { browser, ...issuedSecrets(res.body), body: res.body };
}

/** A school location of the fixture's library, for the school choice. */
export async function addSchool(database: Database, ecosystemId: number, organisationId: number, name = 'Basisschool De Proef'): Promise<number> {
  const row = await database.db
    .insertInto('locations')
    .values({ ecosystem_id: ecosystemId, organisation_id: organisationId, name, city: 'Enschede', lat: 52.22, lng: 6.89, is_school: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A check-in row as check-in writes it, for tests of what happens to it afterwards. */
export async function addParticipation(
  database: Database,
  row: { ecosystemId: number; passId: number; sessionId: number; scannedAt?: Date; neighbourhoodId?: number | null; age?: number | null },
): Promise<string> {
  const pass = await database.db.selectFrom('passes').select('subject_key').where('id', '=', row.passId).executeTakeFirstOrThrow();
  const session = await database.db
    .selectFrom('sessions as s')
    .innerJoin('activities as a', 'a.id', 's.activity_id')
    .select(['s.id', 's.starts_at', 'a.id as activity_id', 'a.organisation_id'])
    .where('s.id', '=', row.sessionId)
    .executeTakeFirstOrThrow();
  const inserted = await database.db
    .insertInto('participations')
    .values({
      ecosystem_id: row.ecosystemId,
      pass_id: row.passId,
      subject_key: pass.subject_key,
      session_id: session.id,
      activity_id: session.activity_id,
      organisation_id: session.organisation_id,
      device_scan_id: crypto.randomUUID(),
      scanned_at: row.scannedAt ?? session.starts_at,
      neighbourhood_id: row.neighbourhoodId ?? null,
      age: row.age ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** The first session of an activity. */
export async function sessionOf(database: Database, activityId: number): Promise<number> {
  const row = await database.db.selectFrom('sessions').select('id').where('activity_id', '=', activityId).orderBy('starts_at').executeTakeFirstOrThrow();
  return row.id;
}
