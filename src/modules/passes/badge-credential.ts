import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Open Badges 3.0 credentials as this platform issues them: an
 * `OpenBadgeCredential` (VC Data Model 2.0) secured as a VC-JWT (OB 3.0
 * §8.2, "JSON Web Token Proof Format"), signed with the ecosystem's Ed25519
 * key (`alg: EdDSA`). VC-JWT was chosen over Data Integrity `eddsa-rdfc-2022`
 * because it needs no JSON-LD canonicalisation: the signature covers the exact
 * bytes, so issuing and checking need no context documents at run time and any
 * JOSE library can verify a badge with the published key.
 */
export const credentialContexts = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;
export const credentialTypes = ['VerifiableCredential', 'OpenBadgeCredential'] as const;

/** The recipient, identified without personal data (see `recipientIdentity`). */
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'identifier';
  hashed: true;
  salt: string;
}

export interface AchievementJson {
  id: string;
  type: ['Achievement'];
  name: string;
  description: string;
  criteria: { narrative: string };
  image: { id: string; type: 'Image' };
}

export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  name: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: AchievementJson;
  };
}

/** The JWT claims OB 3.0 requires beside the credential: they repeat its issuer, id, subject and start. */
export interface CredentialClaims {
  iss: string;
  jti: string;
  sub: string;
  nbf: number;
}

export type CredentialPayload = OpenBadgeCredential & CredentialClaims;

export interface CredentialParts {
  awardId: string;
  credentialId: string;
  issuedAt: Date;
  issuer: { id: string; name: string; url: string };
  achievement: AchievementJson;
  /** The pass's random stand-in (subject_key), never its code or profile. */
  subjectKey: string;
}

/**
 * How the child is named in a badge: not at all. The pass's subject key (a
 * random UUID that means nothing outside this platform) is hashed with a salt
 * made for this one badge, so two badges of one child cannot be linked by
 * their hashes, while the platform can still tell which pass a badge was for.
 */
export function recipientIdentity(subjectKey: string, salt: string = randomBytes(16).toString('hex')): IdentityObject {
  const hash = createHash('sha256').update(subjectKey + salt).digest('hex');
  return { type: 'IdentityObject', identityHash: `sha256$${hash}`, identityType: 'identifier', hashed: true, salt };
}

/** Whole seconds: `validFrom` must equal the JWT's `nbf`, which counts seconds. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * Builds the credential and the JWT payload. `credentialSubject.id` is a
 * fresh `urn:uuid:` per badge: OB 3.0 requires the JWT's `sub` to equal it,
 * and a random one says nothing about the child.
 */
export function buildCredential(parts: CredentialParts): CredentialPayload {
  const validFrom = wholeSeconds(parts.issuedAt);
  const subjectId = `urn:uuid:${randomUUID()}`;
  const credential: OpenBadgeCredential = {
    '@context': [...credentialContexts],
    id: parts.credentialId,
    type: [...credentialTypes],
    issuer: { id: parts.issuer.id, type: ['Profile'], name: parts.issuer.name, url: parts.issuer.url },
    validFrom: validFrom.toISOString().replace('.000Z', 'Z'),
    name: parts.achievement.name,
    credentialSubject: {
      id: subjectId,
      type: ['AchievementSubject'],
      identifier: [recipientIdentity(parts.subjectKey)],
      achievement: parts.achievement,
    },
  };
  return { ...credential, iss: credential.issuer.id, jti: credential.id, sub: subjectId, nbf: validFrom.getTime() / 1000 };
}

/** The credential inside a payload, without the JWT claims: what the JSON download shows. */
export function credentialOf(payload: CredentialPayload): OpenBadgeCredential {
  const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, ...credential } = payload;
  return credential;
}

/** A compact JWS: three base64url parts. Only the shape; the signature is checked elsewhere. */
export const compactJwsPattern = /^[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{2,60000}\.[A-Za-z0-9_-]{2,200}$/;

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Reads a compact JWS's header and payload as JSON objects, or says it cannot. No signature check. */
export function decodeJws(jws: string): DecodedJws | undefined {
  if (!compactJwsPattern.test(jws)) return undefined;
  const [h, p] = jws.split('.');
  try {
    const header: unknown = JSON.parse(Buffer.from(h!, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload };
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
