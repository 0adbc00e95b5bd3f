import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit } from '../../audit/commands/audit-recorder.js';
import { hashPassSecret, newPassCode, newPassSecret } from '../pass-code.js';

/** A pass as handed out: the code and its secret exist in plain text only here, at issue. */
export interface IssuedPass {
  id: number;
  code: string;
  secret: string;
}

/** At most this many passes in one class batch: a sheet per class, not a print run for a city. */
export const maxBatchSize = 40;

export interface ClassBatchInput {
  ecosystemId: number;
  /** What the teacher calls the group, such as "groep 6b". */
  label: string;
  size: number;
  schoolLocationId: number | null;
}

async function insertPasses(tx: Tx, ecosystemId: number, n: number, via: 'class' | 'parent' | 'staff', batchId: number | null): Promise<IssuedPass[]> {
  const fresh = Array.from({ length: n }, () => {
    const code = newPassCode();
    const secret = newPassSecret();
    return { code, secret };
  });
  // 80 random bits make a collision practically impossible; the unique index would refuse one anyway.
  const rows = await tx.db
    .insertInto('passes')
    .values(fresh.map((p) => ({ ecosystem_id: ecosystemId, code: p.code, secret_hash: hashPassSecret(p.code, p.secret), issued_via: via, batch_id: batchId })))
    .returning(['id', 'code'])
    .execute();
  const secretOf = new Map(fresh.map((p) => [p.code, p.secret]));
  return rows.map((r) => ({ id: r.id, code: r.code, secret: secretOf.get(r.code)! }));
}

/**
 * Issues a batch of anonymous passes for a class: no names, so a teacher can
 * hand out cards before any parent has said anything. The secrets are
 * returned once, to print; only their hashes are kept.
 */
export async function issueClassBatch(tx: Tx, actor: Actor | 'system', input: ClassBatchInput): Promise<{ batchId: number; passes: IssuedPass[] }> {
  const problems: FieldProblem[] = [];
  const label = input.label.trim();
  if (label === '') problems.push({ field: 'label', key: 'field.required' });
  else if (label.length > 100) problems.push({ field: 'label', key: 'field.tooLong', params: { max: 100 } });
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > maxBatchSize) problems.push({ field: 'size', key: 'passes.batch.size', params: { max: maxBatchSize } });
  if (input.schoolLocationId !== null) {
    const school = await tx.db
      .selectFrom('locations')
      .select('id')
      .where('ecosystem_id', '=', input.ecosystemId)
      .where('id', '=', input.schoolLocationId)
      .where('is_school', '=', true)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!school) problems.push({ field: 'schoolLocationId', key: 'passes.batch.unknownSchool' });
  }
  if (problems.length > 0) throw errors.invalidInput(problems);
  const batch = await tx.db
    .insertInto('pass_batches')
    .values({
      ecosystem_id: input.ecosystemId,
      school_location_id: input.schoolLocationId,
      label,
      size: input.size,
      created_by: actor !== 'system' && actor.kind === 'user' ? actor.userId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const passes = await insertPasses(tx, input.ecosystemId, input.size, 'class', batch.id);
  await recordAudit(tx, actor, {
    ecosystemId: input.ecosystemId,
    action: 'passes.batch.issued',
    subjectType: 'pass_batch',
    subjectId: batch.id,
    details: { label, size: input.size, schoolLocationId: input.schoolLocationId },
  });
  return { batchId: batch.id, passes };
}

/** Issues one pass, for a parent online or by staff at a desk. The caller records consent and profile. */
export async function issueSinglePass(tx: Tx, actor: Actor | 'system', ecosystemId: number, via: 'parent' | 'staff'): Promise<IssuedPass> {
  const [pass] = await insertPasses(tx, ecosystemId, 1, via, null);
  await recordAudit(tx, actor, { ecosystemId, action: 'passes.pass.issued', subjectType: 'pass', subjectId: pass!.id, details: { via } });
  return pass!;
}
