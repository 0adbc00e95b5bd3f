import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { manageLinksFor } from '../../../core/modules.js';
import { errors } from '../../../core/errors.js';
import { sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { IdParams } from '../../../http/schemas.js';
import { recordPassView } from '../commands/pass-lookup.js';
import { parsePassCode } from '../pass-code.js';
import { authorizePasses } from '../policies.js';
import { findPassByCode } from '../queries/pass-lookup.js';
import { readPassRecord } from '../queries/pass-privacy-record.js';
import { lookupPath, PassLookupPage, PassRecordPage, type StaffContext } from '../views/pass-lookup-page.js';

const hide = { hide: true };

export function staffContext(request: FastifyRequest): StaffContext {
  return {
    locale: request.locale,
    ecosystem: request.ecosystem,
    basePath: request.basePath,
    csrfToken: request.csrfToken,
    links: manageLinksFor(request.server.ctx.modules, request.actor, request.ecosystem.id),
  };
}

/**
 * The coordinator's look-up of one pass by its code (policy passes.read).
 * The code is posted, not put in the address, so it stays out of browser
 * history and logs; the pass page itself is by id, and every showing of it
 * writes `passes.pass.viewed` to the audit log.
 */
export async function passLookupPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;

  app.get(lookupPath, { schema: hide }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    authorizePasses(request.actor, 'passes.read', { ecosystemId: request.ecosystem.id });
    return sendPrivatePage(reply, PassLookupPage({ ctx: staffContext(request), code: '', problems: [] }));
  });

  app.post(lookupPath, { schema: { ...hide, body: Type.Object({ _csrf: Type.String({ maxLength: 100 }), code: Type.Optional(Type.String({ maxLength: 200 })) }) } }, async (request, reply) => {
    authorizePasses(request.actor, 'passes.read', { ecosystemId: request.ecosystem.id });
    const typed = request.body.code ?? '';
    const parsed = parsePassCode(typed);
    const found = parsed.ok ? await findPassByCode(database.db, request.ecosystem.id, parsed.code) : undefined;
    if (!found) {
      const problems = [{ field: 'code', key: parsed.ok ? ('passes.code.unknown' as const) : (`passes.code.${parsed.problem}` as const) }];
      return sendPrivatePage(reply, PassLookupPage({ ctx: staffContext(request), code: typed.slice(0, 30), problems }), 400);
    }
    return reply.redirect(`${request.basePath}${lookupPath}/${found}`, 303);
  });

  app.get(`${lookupPath}/:id`, { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    authorizePasses(request.actor, 'passes.read', { ecosystemId });
    const record = await readPassRecord(database.db, ecosystemId, request.params.id);
    if (!record) throw errors.notFound('pass');
    await database.transaction((tx) => recordPassView(tx, request.actor, ecosystemId, record.id));
    return sendPrivatePage(reply, PassRecordPage({ ctx: staffContext(request), record }));
  });
}
