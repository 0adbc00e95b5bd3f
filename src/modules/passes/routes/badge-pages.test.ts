import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, randomUUID, verify as nodeVerify } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
// The independent checks: jose's JWT verification and Node's own Ed25519, fed only what the public endpoints serve.
import { createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { testApp, testDatabase } from '../../../../test/helpers/build-app.js';
import { createFixture, type Fixture } from '../../../../test/helpers/factories.js';
import { formPost } from '../../../../test/helpers/forms.js';
import { multipartBody } from '../../../../test/helpers/multipart.js';
import { signedInAs } from '../../../../test/helpers/people.js';
import { saveActivityAchievement } from '../commands/achievement-commands.js';
import { forgetBadgesOfPass } from '../commands/badge-awarder.js';
import { recordCheckIn } from '../commands/check-in.js';
import { issueClassBatch, type IssuedPass } from '../commands/pass-issuer.js';

const database = await testDatabase();
let app: FastifyInstance;
let fx: Fixture;
let pass: IssuedPass;
let awardId: string;
let jwt: string;
let library: { cookies: { lx_sessie: string } };
let museum: { cookies: { lx_sessie: string } };
const system = { kind: 'admin' } as const;

before(async () => {
  fx = await createFixture(database);
  app = await testApp(database);
  library = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.library] });
  museum = await signedInAs(database, { ecosystemId: fx.ecosystem.id, role: 'partner_editor', organisationIds: [fx.orgs.museum] });
  const e = fx.ecosystem.id;
  const start = new Date(Date.now() - 3_600_000);
  const session = await database.db.insertInto('sessions').values({ ecosystem_id: e, activity_id: fx.activities.robots, starts_at: start, ends_at: new Date(start.getTime() + 2 * 3_600_000) }).returning('id').executeTakeFirstOrThrow();
  pass = (await database.transaction((tx) => issueClassBatch(tx, system, { ecosystemId: e, label: 'groep 8', size: 1, schoolLocationId: null }))).passes[0]!;
  await database.db.updateTable('passes').set({ nickname: 'Fleur', postcode: '7511' }).where('id', '=', pass.id).execute();
  await database.db.insertInto('pass_consents').values({ ecosystem_id: e, pass_id: pass.id, purpose: 'badges', granted: true, given_by: 'parent' }).execute();
  await database.transaction((tx) =>
    saveActivityAchievement(tx, system, e, fx.activities.robots, { awards: true, name: 'Robotbouwer', description: 'Je bouwde en programmeerde een robot.', criteria: 'Meedoen aan Robots bouwen.' }),
  );
  await database.transaction((tx) => recordCheckIn(tx, system, { ecosystemId: e, code: pass.code, sessionId: session.id, deviceScanId: randomUUID(), scannedAt: new Date() }));
  awardId = (await database.db.selectFrom('badge_awards').select('id').where('pass_id', '=', pass.id).executeTakeFirstOrThrow()).id;
  jwt = (await app.inject({ url: `/e/proef/insignes/${awardId}/insigne.jwt` })).body;
});
after(async () => {
  await app.close();
  await database.drop();
});

/** The path of an absolute address on this platform, to fetch it through the app. */
const pathOf = (url: string) => new URL(url).pathname;

/** The published public key the JWT's header points at, fetched as any verifier would. */
async function publishedKey(token: string) {
  const { kid } = decodeProtectedHeader(token);
  assert.equal(typeof kid, 'string');
  const res = await app.inject({ url: pathOf(kid!) });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /application\/jwk\+json/);
  const jwk = res.json() as JWK;
  assert.equal(jwk.d, undefined, 'never the private part');
  return jwk;
}

function reencode(token: string, change: (payload: Record<string, any>) => void): string {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
  change(payload);
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

let ip = 0;
/** Posts to the verification page as a browser would: the form's cookie and token, multipart. */
async function check(fields: Record<string, string>, file?: { fileName: string; type: string; data: Buffer }) {
  const page = await app.inject({ url: '/e/proef/insignes/controleren' });
  const cookie = page.cookies.find((c) => c.name === 'lx_formulier')!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const { payload, headers } = multipartBody({ _csrf: csrf, ...fields }, file && { name: 'bestand', ...file });
  // A different client each time, so the page's rate limit does not get in the way of the table.
  return app.inject({ method: 'POST', url: '/e/proef/insignes/controleren', payload, headers: { ...headers, 'x-forwarded-for': `10.9.${ip >> 8}.${ip++ & 255}` }, cookies: { lx_formulier: cookie.value } });
}

function verdict(body: string): 'echt' | 'niet echt' | undefined {
  const m = /<h2 class="utrecht-heading-2 badge-verdict" id="uitslag">([^<]+)<\/h2>/.exec(body);
  return m ? (m[1] === 'Echt' ? 'echt' : 'niet echt') : undefined;
}

/** A PNG of one pixel, with extra iTXt chunks (their data) before the image data. */
function png(extra: Buffer[] = []): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...extra.map((d) => chunk('iTXt', d)), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
const itxtData = (keyword: string, text: string) => Buffer.concat([Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')]);

describe('issued credentials, checked by independent libraries', () => {
  test('the credential verifies with jose against the key published at its kid, and with Node’s Ed25519', async () => {
    const profile = (await app.inject({ url: '/e/proef/insignes/uitgever' })).json();
    assert.deepEqual(profile.type, ['Profile']);
    assert.equal(pathOf(profile.id), '/e/proef/insignes/uitgever');
    const header = decodeProtectedHeader(jwt);
    assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ'], 'only the headers OB 3.0 allows');
    assert.equal(header.alg, 'EdDSA');

    const jwk = await publishedKey(jwt);
    const { payload } = await jwtVerify(jwt, await importJWK(jwk, 'EdDSA'), { algorithms: ['EdDSA'], issuer: profile.id });
    const vc = payload as Record<string, any>;
    assert.deepEqual(vc['@context'], ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    assert.deepEqual(vc.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(vc.issuer.id, profile.id);
    assert.equal(vc.jti, vc.id);
    assert.equal(pathOf(vc.id), `/e/proef/insignes/${awardId}`);
    assert.equal(vc.sub, vc.credentialSubject.id);
    assert.equal(vc.nbf * 1000, Date.parse(vc.validFrom));
    assert.deepEqual(vc.credentialSubject.type, ['AchievementSubject']);
    const achievement = vc.credentialSubject.achievement;
    assert.equal(achievement.name, 'Robotbouwer');
    assert.equal(achievement.criteria.narrative, 'Meedoen aan Robots bouwen.');
    assert.equal((await app.inject({ url: pathOf(achievement.id) })).json().name, 'Robotbouwer');
    assert.match((await app.inject({ url: pathOf(achievement.image.id) })).headers['content-type'] as string, /^image\/svg\+xml/);

    // The recipient is a salted hash of the pass's random stand-in: no name, code or postcode anywhere.
    const identity = vc.credentialSubject.identifier[0];
    assert.equal(identity.hashed, true);
    assert.match(identity.identityHash, /^sha256\$[0-9a-f]{64}$/);
    const text = JSON.stringify(vc);
    for (const personal of ['Fleur', '7511', pass.code]) assert.ok(!text.includes(personal), `no ${personal} in the credential`);

    // Node's crypto, straight from the JWK: the signature over "header.payload".
    const [h, p, s] = jwt.split('.');
    assert.ok(nodeVerify(null, Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk as any, format: 'jwk' }), Buffer.from(s!, 'base64url')));

    // And through the key set at the well-known address.
    const jwks = (await app.inject({ url: '/e/proef/.well-known/jwks.json' })).json();
    assert.ok(jwks.keys.every((k: JWK) => k.d === undefined));
    await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  });

  test('a tampered credential fails the independent check and our verification page', async () => {
    const jwk = await publishedKey(jwt);
    const key = await importJWK(jwk, 'EdDSA');
    const other = generateKeyPairSync('ed25519').privateKey;
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
    const tampered: Array<[string, string]> = [
      ['a changed name', reencode(jwt, (p) => (p.credentialSubject.achievement.name = 'Meesterprogrammeur'))],
      ['a changed subject', reencode(jwt, (p) => { p.credentialSubject.id = 'urn:uuid:00000000-0000-4000-8000-000000000000'; p.sub = p.credentialSubject.id; })],
      ['a changed date', reencode(jwt, (p) => { p.validFrom = '2020-01-01T00:00:00Z'; p.nbf = 1577836800; })],
      ['another key under our key id', await new SignJWT(payload).setProtectedHeader(decodeProtectedHeader(jwt) as any).sign(other)],
    ];
    for (const [what, token] of tampered) {
      await assert.rejects(jwtVerify(token, key, { algorithms: ['EdDSA'] }), /signature verification failed/, what);
      const res = await check({ credential: token });
      assert.equal(res.statusCode, 200, what);
      assert.equal(verdict(res.body), 'niet echt', what);
      assert.match(res.body, /De handtekening klopt niet/, what);
    }
  });
});

describe('the verification page', () => {
  test('says "Echt" for the JWT, the baked SVG, a PNG with the credential, the JSON and its VC 2.0 envelope', async () => {
    const svg = (await app.inject({ url: `/e/proef/insignes/${awardId}/insigne.svg` })).body;
    assert.match(svg, /^<\?xml[^>]*><svg xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0" [^>]*><openbadges:credential verify="[^"]+"><\/openbadges:credential>/);
    const json = (await app.inject({ url: `/e/proef/insignes/${awardId}/insigne.json` })).body;
    const ways: Array<[string, Parameters<typeof check>]> = [
      ['pasted JWT', [{ credential: `  ${jwt}\n` }]],
      ['JWT file', [{ credential: '' }, { fileName: 'insigne.jwt', type: 'application/octet-stream', data: Buffer.from(jwt) }]],
      ['baked SVG', [{ credential: '' }, { fileName: 'insigne.svg', type: 'image/svg+xml', data: Buffer.from(svg) }]],
      ['SVG markup pasted', [{ credential: svg }]],
      ['PNG with iTXt', [{ credential: '' }, { fileName: 'insigne.png', type: 'image/png', data: png([itxtData('openbadgecredential', jwt)]) }]],
      ['JSON download', [{ credential: json }]],
      ['VC 2.0 envelope', [{ credential: JSON.stringify({ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }) }]],
    ];
    for (const [what, args] of ways) {
      const res = await check(...args);
      assert.equal(res.statusCode, 200, `${what}: ${res.body.slice(0, 200)}`);
      assert.equal(verdict(res.body), 'echt', what);
      assert.match(res.body, /Robotbouwer/, what);
    }
    const changed = JSON.parse(json);
    changed.credentialSubject.achievement.name = 'Meesterprogrammeur';
    const res = await check({ credential: JSON.stringify(changed) });
    assert.equal(verdict(res.body), 'niet echt');
    assert.match(res.body, /De inhoud wijkt af/);
  });

  test('bad input gets a clear Dutch message, never a 500, and no verdict', async () => {
    const plainSvg = (await app.inject({ url: `/e/proef/insignes/prestaties/${(await database.db.selectFrom('achievements').select('id').executeTakeFirstOrThrow()).id}/afbeelding.svg` })).body;
    const cases: Array<[string, Parameters<typeof check>, number, RegExp]> = [
      ['nothing', [{ credential: '   ' }], 400, /Plak een insigne of kies een bestand/],
      ['garbage', [{ credential: 'hallo dit is geen insigne' }], 400, /herkennen we niet als insigne/],
      ['a broken JWT', [{ credential: 'eyJhbGciOi.bm9wZQ.c2lnbmF0dXJl' }], 400, /onvolledig of beschadigd/],
      ['three dots of nothing', [{ credential: 'a.b.c' }], 400, /onvolledig of beschadigd/],
      ['broken JSON', [{ credential: '{"type": ["OpenBadgeCredential"' }], 400, /geen geldige JSON/],
      ['JSON that is no badge', [{ credential: '{"naam": "Fleur"}' }], 400, /geen Open Badge/],
      ['a JSON list', [{ credential: '[1, 2, 3]' }], 400, /herkennen we niet/],
      ['a badge with an embedded proof', [{ credential: JSON.stringify({ type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: { type: 'DataIntegrityProof' } }) }], 400, /soort handtekening die deze pagina niet controleert/],
      ['huge text', [{ credential: 'x'.repeat(250_000) }], 400, /te lang voor een insigne/],
      ['an image without a badge (SVG)', [{ credential: '' }, { fileName: 'leeg.svg', type: 'image/svg+xml', data: Buffer.from(plainSvg) }], 400, /geen insigne/],
      ['an image without a badge (PNG)', [{ credential: '' }, { fileName: 'leeg.png', type: 'image/png', data: png() }], 400, /geen insigne/],
      ['a PNG with an Open Badges 2.0 chunk', [{ credential: '' }, { fileName: 'oud.png', type: 'image/png', data: png([itxtData('openbadges', '{}')]) }], 400, /geen insigne/],
      ['a cut-off PNG', [{ credential: '' }, { fileName: 'half.png', type: 'image/png', data: png([itxtData('openbadgecredential', jwt)]).subarray(0, 60) }], 400, /beschadigd of onvolledig/],
      ['a JPEG', [{ credential: '' }, { fileName: 'foto.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9, 0xc3, 0x28]) }], 400, /Dit soort bestand kunnen we niet lezen/],
      ['a file just over 2 MB', [{ credential: '' }, { fileName: 'groot.svg', type: 'image/svg+xml', data: Buffer.alloc(2 * 1024 * 1024 + 10, 0x20) }], 400, /groter dan 2 MB/],
      ['a body far too large', [{ credential: '' }, { fileName: 'enorm.png', type: 'image/png', data: Buffer.alloc(4 * 1024 * 1024) }], 413, /te groot/i],
      ['control characters', [{ credential: 'eyJ\u0001' }], 400, /tekens/],
    ];
    for (const [what, args, status, message] of cases) {
      const res = await check(...args);
      assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
      assert.match(res.body, message, what);
      assert.equal(verdict(res.body), undefined, `${what}: no verdict`);
    }
  });

  test('a badge of another ecosystem, or signed with its key, is not genuine here', async () => {
    await createFixture(database, 'ander');
    await app.ctx.ecosystems.reload();
    const res = await app.inject({ url: '/e/ander/insignes/controleren' });
    assert.equal(res.statusCode, 200);
    const page = await app.inject({ url: '/e/ander/insignes/controleren' });
    const cookie = page.cookies.find((c) => c.name === 'lx_formulier')!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const { payload, headers } = multipartBody({ _csrf: csrf, credential: jwt });
    const other = await app.inject({ method: 'POST', url: '/e/ander/insignes/controleren', payload, headers, cookies: { lx_formulier: cookie.value } });
    assert.equal(verdict(other.body), 'niet echt');
    assert.match(other.body, /niet ondertekend met een sleutel van Proefregio ander/);
  });
});

describe('one issued badge', () => {
  test('its page shows the badge as genuine, with the downloads; the JWT is served as OB 3.0 asks', async () => {
    const res = await app.inject({ url: `/e/proef/insignes/${awardId}` });
    assert.equal(res.statusCode, 200);
    assert.equal(verdict(res.body), 'echt');
    for (const file of ['insigne.svg', 'insigne.jwt', 'insigne.json']) assert.match(res.body, new RegExp(`/e/proef/insignes/${awardId}/${file.replace('.', '\\.')}`));
    assert.doesNotMatch(res.body, /Insigne intrekken/, 'no revoke button for the public');
    assert.match((await app.inject({ url: `/e/proef/insignes/${awardId}/insigne.jwt` })).headers['content-type'] as string, /^text\/plain/);
    assert.equal((await app.inject({ url: `/e/proef/insignes/${awardId}/insigne.jwt`, headers: { accept: 'application/vc+jwt' } })).headers['content-type'], 'application/vc+jwt');
    for (const url of ['/e/proef/insignes/00000000-0000-4000-8000-000000000000', '/e/proef/insignes/geen-id', `/e/ander/insignes/${awardId}`, '/e/proef/insignes/sleutels/bestaat-niet', '/e/proef/insignes/prestaties/999999']) {
      assert.equal((await app.inject({ url })).statusCode, 404, url);
    }
  });

  test('the managing partner revokes it; then it is "niet echt" everywhere; a deleted pass leaves a deleted badge', async () => {
    const page = await app.inject({ url: `/e/proef/insignes/${awardId}`, cookies: library.cookies });
    assert.match(page.body, /Insigne intrekken/);
    assert.doesNotMatch((await app.inject({ url: `/e/proef/insignes/${awardId}`, cookies: museum.cookies })).body, /Insigne intrekken/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const denied = await app.inject({ method: 'POST', url: `/e/proef/insignes/${awardId}/intrekken`, cookies: museum.cookies, ...formPost({ _csrf: /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/account', cookies: museum.cookies })).body)![1]! }) });
    assert.equal(denied.statusCode, 403);
    const revoked = await app.inject({ method: 'POST', url: `/e/proef/insignes/${awardId}/intrekken`, cookies: library.cookies, ...formPost({ _csrf: csrf }) });
    assert.equal(revoked.statusCode, 303);
    const after = await app.inject({ url: `/e/proef/insignes/${awardId}` });
    assert.equal(verdict(after.body), 'niet echt');
    assert.match(after.body, /ingetrokken op/);
    assert.match((await check({ credential: jwt })).body, /ingetrokken op/);

    // What the privacy pages do when a parent deletes the pass.
    await database.db.updateTable('badge_awards').set({ revoked_at: null }).where('id', '=', awardId).execute();
    assert.equal(await database.transaction((tx) => forgetBadgesOfPass(tx, pass.id)), 1);
    const gone = await app.inject({ url: `/e/proef/insignes/${awardId}` });
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /verwijderd/);
    assert.equal((await app.inject({ url: `/e/proef/insignes/${awardId}/insigne.jwt` })).statusCode, 404);
    const checked = await check({ credential: jwt });
    assert.equal(verdict(checked.body), 'niet echt');
    assert.match(checked.body, /verwijderd, samen met de gegevens van de pas/);
  });
});

describe('an activity’s badge, for its partner', () => {
  const url = () => `/e/proef/beheer/aanbod/${fx.activities.robotClub}/insigne`;
  test('the form starts from the activity, refuses bad input with messages, and saves', async () => {
    const page = await app.inject({ url: url(), cookies: library.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="Robotclub voor gevorderden"/);
    assert.match(page.body, /Je deed mee aan Robotclub voor gevorderden\./);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (fields: Record<string, string>) => app.inject({ method: 'POST', url: url(), cookies: library.cookies, ...formPost({ _csrf: csrf, ...fields }) });
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ awards: 'ja', name: '' }, /Vul dit in/],
      [{ awards: 'misschien', name: 'Clublid' }, /Kies of deze activiteit een insigne geeft/],
      [{ name: 'Clublid' }, /Kies of deze activiteit een insigne geeft/],
      [{ awards: 'ja', name: 'x'.repeat(151) }, /150/],
    ];
    for (const [fields, message] of bad) {
      const res = await post(fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message, JSON.stringify(fields));
    }
    assert.equal(await database.db.selectFrom('achievements').select('id').where('activity_id', '=', fx.activities.robotClub).executeTakeFirst(), undefined);
    const saved = await post({ awards: 'ja', name: 'Clublid', description: 'Lid van de robotclub.', criteria: 'Eén clubavond meedoen.' });
    assert.equal(saved.statusCode, 303);
    const again = await app.inject({ url: saved.headers.location as string, cookies: library.cookies });
    assert.match(again.body, /Het insigne is opgeslagen/);
    assert.match(again.body, /afbeelding\.svg/);
    const off = await post({ awards: 'nee', name: 'Clublid' });
    assert.equal(off.statusCode, 303);
    const row = await database.db.selectFrom('achievements').select('status').where('activity_id', '=', fx.activities.robotClub).executeTakeFirstOrThrow();
    assert.equal(row.status, 'archived');
  });

  test('a partner of another organisation may not', async () => {
    assert.equal((await app.inject({ url: url(), cookies: museum.cookies })).statusCode, 403);
  });
});
