import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../core/context.js';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { canPasses } from '../policies.js';
import { listParticipations, participationActivities } from '../queries/participation-list.js';
import { participationsPath, ParticipationListPage } from '../views/participation-list-page.js';
import { staffContext } from './pass-lookup-pages.js';

/** The organisations whose check-ins the actor may read: 'all' for a coordinator, a partner's own otherwise. */
export function readableOrganisations(actor: Actor, ecosystemId: number): 'all' | number[] {
  if (canPasses(actor, 'participations.read', { ecosystemId })) return 'all';
  if (actor.kind !== 'user') return [];
  const own = actor.memberships.filter((m) => m.ecosystemId === ecosystemId).flatMap((m) => m.organisationIds);
  return [...new Set(own)].filter((id) => canPasses(actor, 'participations.read', { ecosystemId, organisationIds: [id] }));
}

function realDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const Query = Type.Object({
  activiteit: Type.Optional(Type.String({ maxLength: 20 })),
  datum: Type.Optional(Type.String({ maxLength: 20 })),
  pagina: Type.Optional(Type.String({ maxLength: 20 })),
});

/**
 * Check-ins at the reader's own activities (policy participations.read): a
 * partner sees those of its organisations (as provider or co-provider), a
 * coordinator all. A pass appears only as a short pseudonym, for everyone:
 * a list of many children is not the place for anyone's profile, and the
 * coordinator's look-up of one pass is the audited way to see one.
 */
export async function participationListPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;

  app.get(participationsPath, { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const ecosystemId = request.ecosystem.id;
    const organisations = readableOrganisations(request.actor, ecosystemId);
    if (organisations !== 'all' && organisations.length === 0) throw errors.forbidden();
    const activities = await participationActivities(db, ecosystemId, organisations);

    const filter = { activiteit: (request.query.activiteit ?? '').trim(), datum: (request.query.datum ?? '').trim() };
    const problems: FieldProblem[] = [];
    let activityId: number | undefined;
    if (filter.activiteit !== '') {
      activityId = activities.find((a) => String(a.id) === filter.activiteit)?.id;
      // Another partner's activity is "not in the list" too: nothing says it exists.
      if (activityId === undefined) problems.push({ field: 'activiteit', key: 'participationList.unknownActivity' });
    }
    if (filter.datum !== '' && !realDay(filter.datum)) problems.push({ field: 'datum', key: 'participationList.badDay' });
    const pageText = (request.query.pagina ?? '1').trim();
    const page = /^[1-9]\d{0,3}$/.test(pageText) ? Number(pageText) : undefined;
    if (page === undefined) problems.push({ field: 'pagina', key: 'participationList.badPage' });

    const { rows, more } = problems.length
      ? { rows: [], more: false }
      : await listParticipations(db, { ecosystemId, organisations, activityId, day: filter.datum || undefined, page: page! });
    const html = ParticipationListPage({ ctx: staffContext(request), all: organisations === 'all', activities, filter: { activiteit: filter.activiteit.slice(0, 20), datum: filter.datum.slice(0, 20) }, problems, rows, page: page ?? 1, more });
    return sendPrivatePage(reply, html, problems.length ? 400 : 200);
  });
}
