import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { manageLinksFor } from '../../../core/modules.js';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { errors } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { recordAudit, type AuditEntry } from '../../audit/commands/audit-recorder.js';
import { authorize, type CatalogueAction } from '../policies.js';
import { ownerOf } from '../queries/directory.js';
import type { ManageContext } from '../views/manage-components.js';

/**
 * A management form's body: the CSRF token plus strings (lists for checkboxes).
 * Kept loose on purpose: the form parsers give each field its own Dutch
 * message and send the form back as typed, which a schema error page cannot.
 */
export const FormBody = Type.Object(
  { _csrf: Type.String({ maxLength: 100 }) },
  { additionalProperties: Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 500 })]) },
);

/** A POST with nothing but its CSRF token: submit, archive, cancel, copy. */
export const ActionBody = Type.Object({ _csrf: Type.String({ maxLength: 100 }) });

/** After a change, `?klaar=<what>` makes the page say what happened. */
export const DoneQuery = Type.Object({
  klaar: Type.Optional(Type.String({ maxLength: 30 })),
  aantal: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
});

/** A management page: never cached, since it shows what only this person may see. */
// Shared with every page for people with a role.
export { attempt, sendPrivatePage as sendPage, signInFirst };

export function manageContext(request: FastifyRequest): ManageContext {
  return {
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: request.csrfToken,
    links: manageLinksFor(request.server.ctx.modules, request.actor, request.ecosystem.id),
  };
}

/**
 * Checks the action on the organisation that owns a row, and returns that
 * organisation. A row outside this ecosystem is not found (404) for people
 * who would otherwise be allowed; the others learn nothing more than 403.
 */
export async function authorizeOwned(
  request: FastifyRequest,
  action: CatalogueAction,
  kind: 'activity' | 'session' | 'nextStep' | 'location',
  id: number,
): Promise<number> {
  const organisationId = await ownerOf(request.server.ctx.database.db, request.ecosystem.id, kind, id);
  authorize(request.actor, action, { ecosystemId: request.ecosystem.id, organisationId: organisationId ?? 0 });
  if (organisationId === undefined) throw errors.notFound(kind);
  return organisationId;
}

/**
 * Runs a catalogue command and writes its audit event in the same transaction,
 * so the log holds exactly the changes that committed.
 */
export async function audited<T>(request: FastifyRequest, entry: (result: NoInfer<T>) => Omit<AuditEntry, 'ecosystemId'>, command: (tx: Tx) => Promise<T>): Promise<T> {
  return request.server.ctx.database.transaction(async (tx) => {
    const result = await command(tx);
    await recordAudit(tx, request.actor, { ecosystemId: request.ecosystem.id, ...entry(result) });
    return result;
  });
}

