import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashPassSecret, newPassSecret } from '../pass-code.js';
import type { PrintedCard } from '../pass-card-pdf.js';
import { issueClassBatch, type ClassBatchInput } from './pass-issuer.js';

/** How long a teacher can download the cards after issuing them: long enough to find the printer, short enough not to linger. */
export const sheetLifetimeMs = 30 * 60_000;

/** What the download needs: the sheet's id and the key only the issuing browser keeps. */
export interface SheetTicket {
  sheetId: number;
  /** base64url of 32 random bytes: the AES-256-GCM key. Never stored on the server. */
  key: string;
}

/** Seals the cards with a fresh key: iv (12) + tag (16) + ciphertext, as base64url. */
export function sealCards(cards: PrintedCard[]): { sealed: string; key: string } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(cards), 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url'), key: key.toString('base64url') };
}

/** The cards, or undefined when the key does not fit (another browser's cookie, a tampered row). */
export function openCards(sealed: string, key: string): PrintedCard[] | undefined {
  const keyBytes = Buffer.from(key, 'base64url');
  if (keyBytes.length !== 32) return undefined;
  const all = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes, all.subarray(0, 12));
    decipher.setAuthTag(all.subarray(12, 28));
    const text = Buffer.concat([decipher.update(all.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as PrintedCard[];
  } catch {
    return undefined;
  }
}

async function storeSheet(tx: Tx, actor: Actor, ecosystemId: number, batchId: number, cards: PrintedCard[], now: Date): Promise<SheetTicket> {
  // Only people download sheets: the key travels in their browser's cookie.
  if (actor.kind !== 'user') throw errors.forbidden();
  const { sealed, key } = sealCards(cards);
  const row = await tx.db
    .insertInto('pass_card_sheets')
    .values({ ecosystem_id: ecosystemId, batch_id: batchId, created_by: actor.userId, sealed, expires_at: new Date(now.getTime() + sheetLifetimeMs) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sheetId: row.id, key };
}

/**
 * Issues a class batch (see issueClassBatch: the policy was checked by the
 * caller) and keeps its cards sealed for download. The secrets leave this
 * function only inside the sealed sheet.
 */
export async function issueBatchWithSheet(tx: Tx, actor: Actor, input: ClassBatchInput, now: Date = new Date()): Promise<{ batchId: number; ticket: SheetTicket }> {
  const { batchId, passes } = await issueClassBatch(tx, actor, input);
  // The cards are numbered in the order the passes were made, which is the order of their ids.
  const cards = passes
    .slice()
    .sort((a, b) => a.id - b.id)
    .map((p, i) => ({ number: i + 1, code: p.code, secret: p.secret }));
  return { batchId, ticket: await storeSheet(tx, actor, input.ecosystemId, batchId, cards, now) };
}

/** Card numbers as a teacher types them: "3, 7" or "3-5 8"; empty means every card. */
export function parseCardNumbers(input: string, size: number): { numbers: number[] | 'all' } | { problem: FieldProblem } {
  const text = input.trim();
  if (text === '') return { numbers: 'all' };
  const out = new Set<number>();
  // "3 - 5" is one range: close up the spaces around dashes before splitting on the rest.
  for (const part of text.replace(/\s*[-–]\s*/g, '-').split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(part);
    const from = range ? Number(range[1]) : Number.NaN;
    const to = range?.[2] !== undefined ? Number(range[2]) : from;
    if (!range || from < 1 || to > size || from > to) return { problem: { field: 'cards', key: 'batch.reprint.cardsInvalid', params: { max: size } } };
    for (let n = from; n <= to; n++) out.add(n);
  }
  return { numbers: [...out].sort((a, b) => a - b) };
}

/**
 * Gives new secrets to the batch's cards that nobody has activated yet, and
 * keeps them sealed for download; the old cards' secrets stop working, their
 * codes (and any scans) stay. A card counts as activated once a parent has
 * used its secret: consent recorded, a private link made, or a profile filled
 * in; those keep their secret, since a family already relies on it.
 */
export async function reprintBatch(
  tx: Tx,
  actor: Actor,
  input: { ecosystemId: number; batchId: number; cards: number[] | 'all' },
  now: Date = new Date(),
): Promise<{ ticket: SheetTicket; reprinted: number; skipped: number }> {
  const passes = await tx.db
    .selectFrom('passes as p')
    .select(['p.id', 'p.code'])
    .select((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('pass_consents as c').select('c.id').whereRef('c.pass_id', '=', 'p.id')),
          eb('p.link_token_hash', 'is not', null),
          eb('p.nickname', 'is not', null),
          eb('p.birth_year', 'is not', null),
          eb('p.postcode', 'is not', null),
          eb('p.gender', 'is not', null),
          eb('p.contact_email', 'is not', null),
        ])
        .as('activated'),
    )
    .where('p.ecosystem_id', '=', input.ecosystemId)
    .where('p.batch_id', '=', input.batchId)
    .orderBy('p.id')
    // Locks the batch's passes: two reprints at once must not hand out two sets of secrets.
    .forUpdate()
    .execute();
  if (passes.length === 0) throw errors.notFound('batch');
  const numbered = passes.map((p, i) => ({ ...p, number: i + 1 }));
  const wanted = input.cards === 'all' ? numbered : numbered.filter((p) => (input.cards as number[]).includes(p.number));
  const fresh = wanted.filter((p) => !p.activated);
  if (fresh.length === 0) {
    throw errors.invalidInput([{ field: 'cards', key: input.cards === 'all' ? 'batch.reprint.allActivated' : 'batch.reprint.chosenActivated' }]);
  }
  const cards: PrintedCard[] = [];
  for (const p of fresh) {
    const secret = newPassSecret();
    await tx.db.updateTable('passes').set({ secret_hash: hashPassSecret(p.code, secret) }).where('id', '=', p.id).execute();
    cards.push({ number: p.number, code: p.code, secret });
  }
  await recordAudit(tx, actor, {
    ecosystemId: input.ecosystemId,
    action: 'passes.batch.reprinted',
    subjectType: 'pass_batch',
    subjectId: input.batchId,
    details: { cards: cards.map((c) => c.number), skippedActivated: wanted.length - fresh.length },
  });
  return { ticket: await storeSheet(tx, actor, input.ecosystemId, input.batchId, cards, now), reprinted: cards.length, skipped: wanted.length - fresh.length };
}

/** Removes sheets whose download time is over (housekeeping). */
export async function removeExpiredSheets(tx: Tx, now: Date): Promise<number> {
  const result = await tx.db.deleteFrom('pass_card_sheets').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
