import type { Actor } from '../../../core/context.js';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashToken, randomToken } from '../../accounts/secrets.js';
import { currentConsents } from '../queries/consents.js';

/**
 * The address of the child's path page by private link, inside the ecosystem
 * (prefix it with the base path). The page itself is served by
 * routes/path-pages.ts; this is the one place the parents' pages take it from.
 */
export function privateLinkPath(token: string): string {
  return `/mijn-pad/${token}`;
}

/**
 * Makes a new private link to the path page: a 256-bit token, of which only
 * the SHA-256 is kept (passes.link_token_hash), so the link is shown once and
 * a copy of the database opens nothing. A new link replaces the old one, which
 * stops working. Needs the path-page consent: without it there is no page to link to.
 */
export async function createPrivateLink(tx: Tx, actor: Actor | 'system', ecosystemId: number, passId: number): Promise<string> {
  const consents = await currentConsents(tx.db, passId);
  if (!consents.path_page) throw errors.invalidInput([{ field: 'link', key: 'passes.link.needsConsent' }]);
  const token = randomToken();
  const updated = await tx.db
    .updateTable('passes')
    .set({ link_token_hash: hashToken(token) })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', passId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw errors.notFound('pass');
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.link.created', subjectType: 'pass', subjectId: passId });
  return token;
}

/** Stops the private link from working. */
export async function removePrivateLink(tx: Tx, actor: Actor | 'system', ecosystemId: number, passId: number): Promise<void> {
  const updated = await tx.db
    .updateTable('passes')
    .set({ link_token_hash: null })
    .where('ecosystem_id', '=', ecosystemId)
    .where('id', '=', passId)
    .where('link_token_hash', 'is not', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) await recordAudit(tx, actor, { ecosystemId, action: 'passes.link.removed', subjectType: 'pass', subjectId: passId });
}
