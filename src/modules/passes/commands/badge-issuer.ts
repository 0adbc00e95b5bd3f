import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Tx } from '../../../db/database.js';
import { badgeAddresses } from '../badge-addresses.js';
import { buildCredential, type CredentialPayload } from '../badge-credential.js';
import { signingKey } from './badge-keys.js';

export interface BadgeToIssue {
  ecosystemId: number;
  passId: number;
  achievementId: number;
  /** The check-in that earned it, when there is one. */
  participationId: string | null;
}

/** The header OB 3.0 allows: the algorithm, the key's URL and, optionally, `typ: JWT`; nothing else. */
export async function signCredential(payload: CredentialPayload, key: { kid: string; privateKey: Parameters<SignJWT['sign']>[0] }, keyUrl: string): Promise<string> {
  return new SignJWT(payload as unknown as Record<string, unknown>).setProtectedHeader({ alg: 'EdDSA', kid: keyUrl, typ: 'JWT' }).sign(key.privateKey);
}

/**
 * Issues one badge to a pass: signs an OpenBadgeCredential for the
 * achievement and stores it. Issues nothing (and returns undefined) when the
 * pass already has this badge: the unique index on pass × achievement makes a
 * repeat, even a concurrent one, a no-op. The caller decides whether the pass
 * may have badges (consent) and has earned this one.
 */
export async function issueBadge(tx: Tx, badge: BadgeToIssue, now: Date = new Date()): Promise<string | undefined> {
  const row = await tx.db
    .selectFrom('achievements as a')
    .innerJoin('ecosystems as e', 'e.id', 'a.ecosystem_id')
    .innerJoin('passes as p', (j) => j.onRef('p.ecosystem_id', '=', 'a.ecosystem_id').on('p.id', '=', badge.passId))
    .select(['a.id', 'a.name', 'a.description', 'a.criteria', 'e.slug', 'e.name as ecosystem_name', 'p.subject_key'])
    .select((eb) =>
      eb.exists(eb.selectFrom('badge_awards as b').select('b.id').where('b.pass_id', '=', badge.passId).whereRef('b.achievement_id', '=', 'a.id')).as('already'),
    )
    .where('a.ecosystem_id', '=', badge.ecosystemId)
    .where('a.id', '=', badge.achievementId)
    .executeTakeFirst();
  if (!row || row.already) return undefined;

  const addresses = badgeAddresses(row.slug);
  const key = await signingKey(tx, badge.ecosystemId);
  const awardId = randomUUID();
  const payload = buildCredential({
    awardId,
    credentialId: addresses.award(awardId),
    issuedAt: now,
    issuer: { id: addresses.issuer, name: row.ecosystem_name, url: addresses.home },
    achievement: {
      id: addresses.achievement(row.id),
      type: ['Achievement'],
      name: row.name,
      // OB 3.0 requires a description and criteria; an empty one falls back to the name.
      description: row.description || row.name,
      criteria: { narrative: row.criteria || row.description || row.name },
      image: { id: addresses.achievementImage(row.id), type: 'Image' },
    },
    subjectKey: row.subject_key,
  });
  const jwt = await signCredential(payload, key, addresses.key(key.kid));
  const inserted = await tx.db
    .insertInto('badge_awards')
    .values({
      id: awardId,
      ecosystem_id: badge.ecosystemId,
      pass_id: badge.passId,
      achievement_id: row.id,
      participation_id: badge.participationId,
      issued_at: new Date(payload.nbf * 1000),
      // The compact JWS is the credential (VC-JWT); stored as a JSON string.
      credential: JSON.stringify(jwt),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}
