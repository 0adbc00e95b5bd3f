import type { Actor } from '../../../core/context.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';

/**
 * Writes that a member of staff opened one child's pass (PRODUCT.md: "an
 * audit log of who looked at personal data"). The subject is the pass id; the
 * details hold nothing about the child. The parent sees these views on the
 * pass's page and in the export.
 */
export async function recordPassView(tx: Tx, actor: Actor, ecosystemId: number, passId: number): Promise<void> {
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.pass.viewed', subjectType: 'pass', subjectId: passId });
}

/** Writes that a parent downloaded everything about the pass. */
export async function recordPassExport(tx: Tx, ecosystemId: number, passId: number): Promise<void> {
  await recordAudit(tx, { kind: 'anonymous' }, { ecosystemId, action: 'passes.pass.exported', subjectType: 'pass', subjectId: passId });
}
