import { isDeepStrictEqual } from 'node:util';
import { compactVerify, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { MessageKey } from '../../../web/i18n/index.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { badgeAddresses } from '../badge-addresses.js';
import { credentialContexts, credentialOf, credentialTypes, compactJwsPattern, decodeJws, isObject, type CredentialPayload } from '../badge-credential.js';
import { extractFromPng, extractFromSvg, isPng } from '../badge-image.js';
import { awardIdPattern, publicKey, readAward } from './badge-queries.js';

/**
 * Checking a badge: is it genuine, issued by this ecosystem, valid now and not
 * revoked? The signature is checked with jose against the key the ecosystem
 * publishes; everything else is compared with what the credential says about
 * itself and with our records. Every way in (a pasted JWT or JSON, a .jwt
 * file, a baked SVG or PNG) ends in `verifyJws`.
 */

export type CheckName = 'signature' | 'issuer' | 'content' | 'dates' | 'status';

export interface Check {
  name: CheckName;
  ok: boolean;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What the credential says, shown only when its signature is ours. */
export interface CredentialSummary {
  achievementName: string;
  achievementDescription: string;
  issuerName: string;
  validFrom: Date;
  awardId: string | undefined;
  imageUrl: string | undefined;
}

export interface Verification {
  genuine: boolean;
  checks: Check[];
  summary: CredentialSummary | undefined;
}

/** The input could not be read as a credential at all: shown on the form, with what to do. */
export interface Unreadable {
  unreadable: MessageKey;
}

/** Whatever came in through the form: pasted text and/or a file. */
export interface SubmittedCredential {
  text?: string | undefined;
  file?: { data: Buffer } | undefined;
}

export const maxTextLength = 200_000;
export const maxFileBytes = 2 * 1024 * 1024;
/** A device clock or ours may be a little off: a badge dated a few minutes ahead is not "not yet valid". */
const clockSkewMs = 5 * 60_000;

const fail = (name: CheckName, key: MessageKey, params?: Record<string, string | number>): Check => ({ name, ok: false, key, ...(params ? { params } : {}) });
const pass = (name: CheckName, key: MessageKey, params?: Record<string, string | number>): Check => ({ name, ok: true, key, ...(params ? { params } : {}) });

const dateParam = (d: Date) => d.toISOString().slice(0, 10);

/** Checks one compact JWS as a badge of this ecosystem. */
export async function verifyJws(db: Kysely<DB>, ecosystem: Ecosystem, jws: string, now: Date = new Date()): Promise<Verification | Unreadable> {
  const decoded = decodeJws(jws);
  if (!decoded) return { unreadable: 'badges.verify.badJwt' };
  const { header } = decoded;
  const payload = decoded.payload as Partial<CredentialPayload> & Record<string, unknown>;
  const addresses = badgeAddresses(ecosystem.slug);
  const checks: Check[] = [];

  // The signature, with the key the header names, if it is one of this ecosystem's.
  const keyPrefix = addresses.key('');
  const kid = typeof header.kid === 'string' && header.kid.startsWith(keyPrefix) ? header.kid.slice(keyPrefix.length) : undefined;
  const key = kid && /^[A-Za-z0-9_-]{1,100}$/.test(kid) ? await publicKey(db, ecosystem.id, kid) : undefined;
  let signed = false;
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') checks.push(fail('signature', 'badges.check.algorithm'));
  else if (!key) checks.push(fail('signature', 'badges.check.unknownKey', { issuer: ecosystem.name }));
  else {
    try {
      await compactVerify(jws, await importJWK(key.public_jwk as JWK, 'EdDSA'), { algorithms: ['EdDSA', 'Ed25519'] });
      signed = true;
      checks.push(pass('signature', 'badges.check.signatureOk', { issuer: ecosystem.name }));
    } catch {
      checks.push(fail('signature', 'badges.check.signature'));
    }
  }

  // What the credential says about itself must agree with the JWT's claims (OB 3.0 §8.2.4.1).
  const issuerId = isObject(payload.issuer) ? payload.issuer.id : payload.issuer;
  if (issuerId !== addresses.issuer || payload.iss !== issuerId) checks.push(fail('issuer', 'badges.check.issuer', { issuer: ecosystem.name }));
  else checks.push(pass('issuer', 'badges.check.issuerOk', { issuer: ecosystem.name }));

  const subject = isObject(payload.credentialSubject) ? payload.credentialSubject : undefined;
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : undefined;
  const contexts = Array.isArray(payload['@context']) ? payload['@context'] : [];
  const types = Array.isArray(payload.type) ? payload.type : [];
  const wellFormed =
    credentialContexts.every((c) => contexts.includes(c)) &&
    credentialTypes.every((c) => types.includes(c)) &&
    typeof payload.id === 'string' && payload.jti === payload.id &&
    subject !== undefined && payload.sub === subject.id &&
    achievement !== undefined && typeof achievement.name === 'string';
  checks.push(wellFormed ? pass('content', 'badges.check.contentOk') : fail('content', 'badges.check.content'));

  // Dates: valid from (equal to nbf), not expired, and signed while the key was in use.
  const validFrom = typeof payload.validFrom === 'string' ? new Date(payload.validFrom) : new Date(Number.NaN);
  const validUntil = typeof payload.validUntil === 'string' ? new Date(payload.validUntil) : undefined;
  if (Number.isNaN(validFrom.getTime()) || typeof payload.nbf !== 'number' || payload.nbf * 1000 !== validFrom.getTime()) checks.push(fail('dates', 'badges.check.datesBroken'));
  else if (validFrom.getTime() > now.getTime() + clockSkewMs) checks.push(fail('dates', 'badges.check.notYetValid', { date: dateParam(validFrom) }));
  else if ((validUntil && !(validUntil > now)) || (typeof payload.exp === 'number' && payload.exp * 1000 <= now.getTime())) checks.push(fail('dates', 'badges.check.expired'));
  else if (key?.retired_at && validFrom > key.retired_at) checks.push(fail('dates', 'badges.check.keyRetired'));
  else checks.push(pass('dates', 'badges.check.datesOk', { date: dateParam(validFrom) }));

  // Our records: revoked, or removed with the pass?
  const awardPrefix = addresses.award('');
  const awardId = typeof payload.id === 'string' && payload.id.startsWith(awardPrefix) ? payload.id.slice(awardPrefix.length) : undefined;
  const award = awardId && awardIdPattern.test(awardId) ? await readAward(db, ecosystem.id, awardId) : undefined;
  if (!award) checks.push(fail('status', 'badges.check.unknownAward', { issuer: ecosystem.name }));
  else if (award.revoked_at) checks.push(fail('status', 'badges.check.revoked', { date: dateParam(award.revoked_at) }));
  else if (award.credential === null) checks.push(fail('status', 'badges.check.deleted'));
  else checks.push(pass('status', 'badges.check.statusOk'));

  const summary: CredentialSummary | undefined =
    signed && achievement && !Number.isNaN(validFrom.getTime())
      ? {
          achievementName: String(achievement.name),
          achievementDescription: typeof achievement.description === 'string' ? achievement.description : '',
          issuerName: isObject(payload.issuer) && typeof payload.issuer.name === 'string' ? payload.issuer.name : ecosystem.name,
          validFrom,
          awardId: award?.id,
          imageUrl: isObject(achievement.image) && typeof achievement.image.id === 'string' ? achievement.image.id : undefined,
        }
      : undefined;
  return { genuine: checks.every((c) => c.ok), checks, summary };
}

/**
 * Checks a credential given as JSON without a proof of its own: the readable
 * download. It is genuine only when it is, field for field, the credential we
 * signed under that id; then the signed original is checked as usual.
 */
async function verifyPlainJson(db: Kysely<DB>, ecosystem: Ecosystem, json: Record<string, unknown>, now: Date): Promise<Verification | Unreadable> {
  const prefix = badgeAddresses(ecosystem.slug).award('');
  const id = typeof json.id === 'string' && json.id.startsWith(prefix) ? json.id.slice(prefix.length) : '';
  const award = await readAward(db, ecosystem.id, id);
  const stored = award && typeof award.credential === 'string' ? award.credential : undefined;
  if (!award || !stored) {
    const status = award ? fail('status', award.revoked_at ? 'badges.check.revoked' : 'badges.check.deleted', award.revoked_at ? { date: dateParam(award.revoked_at) } : undefined) : fail('status', 'badges.check.unknownAward', { issuer: ecosystem.name });
    return { genuine: false, checks: [fail('signature', 'badges.check.noProof'), status], summary: undefined };
  }
  const result = await verifyJws(db, ecosystem, stored, now);
  if ('unreadable' in result) return result;
  const original = credentialOf(decodeJws(stored)!.payload as unknown as CredentialPayload);
  if (!isDeepStrictEqual(json, original)) {
    return { genuine: false, checks: [fail('content', 'badges.check.contentDiffers'), ...result.checks.filter((c) => c.name === 'status')], summary: undefined };
  }
  return { ...result, checks: [pass('content', 'badges.check.matchesSigned'), ...result.checks] };
}

function looksLikeSvg(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg\b/i.test(text);
}

/** Reads the credential out of what came in, then checks it; says plainly what it could not read. */
export async function verifySubmitted(db: Kysely<DB>, ecosystem: Ecosystem, input: SubmittedCredential, now: Date = new Date()): Promise<Verification | Unreadable> {
  let text: string;
  if (input.file && input.file.data.length > 0) {
    const data = input.file.data;
    if (data.length > maxFileBytes) return { unreadable: 'badges.verify.fileTooLarge' };
    if (isPng(data)) {
      const found = extractFromPng(data);
      if (found.kind === 'unreadable') return { unreadable: 'badges.verify.pngUnreadable' };
      if (found.kind === 'none') return { unreadable: 'badges.verify.noCredentialInImage' };
      text = found.text;
    } else {
      const decoded = data.toString('utf8');
      // Binary that is not PNG (a JPEG, a PDF …) does not survive as UTF-8.
      if (decoded.includes('\uFFFD') || decoded.includes('\u0000')) return { unreadable: 'badges.verify.unknownFile' };
      text = decoded;
    }
  } else if (input.text !== undefined && input.text.trim() !== '') {
    if (input.text.length > maxTextLength) return { unreadable: 'badges.verify.tooLong' };
    text = input.text;
  } else {
    return { unreadable: 'badges.verify.empty' };
  }

  text = text.replace(/^\uFEFF/, '').trim();
  if (looksLikeSvg(text)) {
    const found = extractFromSvg(text);
    if (found.kind !== 'credential') return { unreadable: 'badges.verify.noCredentialInImage' };
    text = found.text;
  }
  if (compactJwsPattern.test(text)) return verifyJws(db, ecosystem, text, now);
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { unreadable: 'badges.verify.badJson' };
    }
    if (!isObject(json)) return { unreadable: 'badges.verify.notACredential' };
    const types = Array.isArray(json.type) ? json.type : [json.type];
    // A VC 2.0 envelope around a VC-JWT.
    if (types.includes('EnvelopedVerifiableCredential') && typeof json.id === 'string' && json.id.startsWith('data:application/vc+jwt,')) {
      const inner = json.id.slice('data:application/vc+jwt,'.length);
      return compactJwsPattern.test(inner) ? verifyJws(db, ecosystem, inner, now) : { unreadable: 'badges.verify.badJwt' };
    }
    if (!types.includes('OpenBadgeCredential') && !types.includes('AchievementCredential')) return { unreadable: 'badges.verify.notACredential' };
    if (json.proof !== undefined) return { unreadable: 'badges.verify.embeddedProof' };
    return verifyPlainJson(db, ecosystem, json, now);
  }
  if (text.split('.').length === 3 && !/\s/.test(text)) return { unreadable: 'badges.verify.badJwt' };
  return { unreadable: 'badges.verify.unrecognised' };
}
