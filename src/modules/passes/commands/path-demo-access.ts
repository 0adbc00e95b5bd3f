import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { formatPassCode, hashPassSecret, newPassSecret } from '../pass-code.js';
import { createPrivateLink } from './pass-link.js';
import { endAllPathSessions } from './path-access.js';

export interface DemoPassAccess {
  ecosystemSlug: string;
  nickname: string;
  /** The code as printed on a card. */
  code: string;
  secret: string;
  /** The private link's token: the path page is at /e/<slug>/mijn-pad/<token>. */
  token: string;
}

/**
 * For trying the demo: gives the invented demo children (passes with a
 * nickname in a demo ecosystem) a fresh secret and a fresh private link, and
 * returns them. Only demo ecosystems: a real child's pass is never opened
 * from the command line. The old secret and link stop working.
 */
export async function renewDemoPassAccess(tx: Tx): Promise<DemoPassAccess[]> {
  const passes = await tx.db
    .selectFrom('passes as p')
    .innerJoin('ecosystems as e', 'e.id', 'p.ecosystem_id')
    .select(['p.id', 'p.code', 'p.nickname', 'p.ecosystem_id', 'e.slug'])
    .where('e.is_demo', '=', true)
    .where('p.nickname', 'is not', null)
    .orderBy('e.slug')
    .orderBy('p.id')
    .limit(10)
    .execute();
  const out: DemoPassAccess[] = [];
  for (const pass of passes) {
    const secret = newPassSecret();
    await tx.db.updateTable('passes').set({ secret_hash: hashPassSecret(pass.code, secret) }).where('id', '=', pass.id).execute();
    await endAllPathSessions(tx, pass.id);
    await recordAudit(tx, 'system', { ecosystemId: pass.ecosystem_id, action: 'passes.demo.accessRenewed', subjectType: 'pass', subjectId: pass.id });
    const token = await createPrivateLink(tx, 'system', pass.ecosystem_id, pass.id);
    out.push({ ecosystemSlug: pass.slug, nickname: pass.nickname!, code: formatPassCode(pass.code), secret, token });
  }
  return out;
}
