import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Tx } from '../../../db/database.js';

/** An ecosystem's signing key, ready to sign: its id and the private key. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

// Imported keys, by ecosystem and key id: importing costs more than signing.
const imported = new Map<string, CryptoKey>();

/**
 * The key the ecosystem signs badges with; made on first need. Each ecosystem
 * has its own Ed25519 key, so one ecosystem can never issue in another's
 * name. The key id is the JWK thumbprint (RFC 7638): stable, and derived
 * from the public key alone.
 *
 * The private key is kept in the database (issuer_keys.private_jwk) and never
 * leaves the server: no route reads that column. To keep it out of the
 * database later, store a reference instead and sign through a key service
 * (a cloud KMS or an HSM holding Ed25519 keys behind a sign call), or encrypt
 * the column with a key-encryption key taken from the environment; this
 * function is the one place that reads it, so only this file changes.
 *
 * A transaction-scoped advisory lock makes two first badges of one ecosystem,
 * signed at the same moment, share one new key instead of making two.
 */
export async function signingKey(tx: Tx, ecosystemId: number): Promise<SigningKey> {
  let row = await currentKey(tx, ecosystemId);
  if (!row) {
    await sql`select pg_advisory_xact_lock(${0x0b4d6e5}::int, ${ecosystemId}::int)`.execute(tx.db);
    row = (await currentKey(tx, ecosystemId)) ?? (await createKey(tx, ecosystemId));
  }
  const cacheKey = `${ecosystemId}:${row.kid}`;
  let privateKey = imported.get(cacheKey);
  if (!privateKey) {
    privateKey = (await importJWK(row.private_jwk as JWK, 'EdDSA')) as CryptoKey;
    imported.set(cacheKey, privateKey);
  }
  return { kid: row.kid, privateKey };
}

async function currentKey(tx: Tx, ecosystemId: number) {
  return tx.db
    .selectFrom('issuer_keys')
    .select(['kid', 'private_jwk'])
    .where('ecosystem_id', '=', ecosystemId)
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function createKey(tx: Tx, ecosystemId: number) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
  const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x! };
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const row = { kid, private_jwk: privateJwk as Record<string, unknown> };
  await tx.db
    .insertInto('issuer_keys')
    .values({
      ecosystem_id: ecosystemId,
      kid,
      public_jwk: JSON.stringify({ ...publicJwk, kid, alg: 'EdDSA', use: 'sig' }),
      private_jwk: JSON.stringify(privateJwk),
    })
    .execute();
  return row;
}
