import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { attempt, sendPrivatePage, signInFirst } from '../../../http/pages.js';
import { Id } from '../../../http/schemas.js';
import { t } from '../../../web/i18n/index.js';
import { staffContext } from '../../passes/routes/pass-lookup-pages.js';
import { cancelClassBooking, confirmClassBooking, declineClassBooking, requestClassBooking, type ClassBookingForm } from '../commands/class-booking-commands.js';
import { bookingSchools, can, managedOrganisations } from '../policies.js';
import { bookingChoices, classBookings } from '../queries/class-booking-queries.js';
import { classBookingScope } from '../queries/route-lookups.js';
import { ClassBookingRequestPage, ClassBookingsPage, classBookingsPath } from '../views/class-booking-pages.js';

const hide = { hide: true };
const Csrf = { _csrf: Type.String({ maxLength: 100 }) };
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const BookingParams = Type.Object({ id: Id });
const Notice = Type.Object({ klaar: Type.Optional(Type.String({ maxLength: 30 })) });

/**
 * Class bookings: a teacher (school contact) asks for an activity for a class
 * of its own school; the provider of the activity (partner editor) confirms it
 * for a session with room for every pupil, or declines; the school may cancel.
 */
export async function classBookingRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config, mailer } = app.ctx;
  const db = database.db;
  const mail = { mailer, publicUrl: config.publicUrl };

  const scopeOf = (request: FastifyRequest) => ({ schools: bookingSchools(request.actor, request.ecosystem.id), organisations: managedOrganisations(request.actor, request.ecosystem.id) });
  const hasAny = (v: 'all' | number[]) => v === 'all' || v.length > 0;

  async function listPage(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] = [], notice?: string) {
    const scope = scopeOf(request);
    if (!hasAny(scope.schools) && !hasAny(scope.organisations)) throw errors.forbidden();
    const ecosystemId = request.ecosystem.id;
    const rows = await classBookings(db, ecosystemId, scope);
    const page = ClassBookingsPage({
      ctx: staffContext(request),
      rows,
      mayDecide: (organisationId) => can(request.actor, 'signups.manage', { ecosystemId, organisationId }),
      mayCancel: (schoolLocationId) => can(request.actor, 'classBookings.request', { ecosystemId, schoolLocationId }),
      mayRequest: hasAny(scope.schools),
      problems,
      notice,
    });
    return sendPrivatePage(reply, page, problems.length ? 400 : 200);
  }

  app.get(classBookingsPath, { schema: { ...hide, querystring: Notice } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const notices: Record<string, string> = {
      aangevraagd: t(request.locale, 'classBookings.requested'),
      bevestigd: t(request.locale, 'classBookings.confirmed'),
      afgewezen: t(request.locale, 'classBookings.declined'),
      geannuleerd: t(request.locale, 'classBookings.cancelled'),
    };
    return listPage(request, reply, [], notices[request.query.klaar ?? '']);
  });

  async function requestPage(request: FastifyRequest, reply: FastifyReply, form: ClassBookingForm, problems: FieldProblem[]) {
    const schools = bookingSchools(request.actor, request.ecosystem.id);
    if (!hasAny(schools)) throw errors.forbidden();
    const activityId = /^[1-9][0-9]{0,9}$/.test(form.activityId) && Number(form.activityId) <= 2_147_483_647 ? Number(form.activityId) : undefined;
    const choices = await bookingChoices(db, request.ecosystem.id, schools, activityId);
    const page = ClassBookingRequestPage({ ctx: staffContext(request), ...choices, form, problems });
    return sendPrivatePage(reply, page, problems.length ? 400 : 200);
  }

  app.get(`${classBookingsPath}/nieuw`, { schema: { ...hide, querystring: Type.Object({ activiteit: Text(20) }) } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    return requestPage(request, reply, { activityId: request.query.activiteit ?? '', schoolLocationId: '', groupLabel: '', pupils: '', sessionId: '', wishes: '' }, []);
  });

  app.post(
    `${classBookingsPath}/nieuw`,
    { schema: { ...hide, body: Type.Object({ ...Csrf, activityId: Text(20), schoolLocationId: Text(20), groupLabel: Text(1000), pupils: Text(100), sessionId: Text(20), wishes: Text(2000) }) } },
    async (request, reply) => {
      const schools = bookingSchools(request.actor, request.ecosystem.id);
      if (!hasAny(schools)) throw request.actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
      const b = request.body;
      const form: ClassBookingForm = { activityId: b.activityId ?? '', schoolLocationId: b.schoolLocationId ?? '', groupLabel: b.groupLabel ?? '', pupils: b.pupils ?? '', sessionId: b.sessionId ?? '', wishes: b.wishes ?? '' };
      const result = await attempt(() => database.transaction((tx) => requestClassBooking(tx, request.actor, request.ecosystem.id, schools, form)));
      if (!result.ok) {
        const shown = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.slice(0, k === 'wishes' ? 500 : 100)])) as unknown as ClassBookingForm;
        return requestPage(request, reply, shown, result.problems);
      }
      return reply.redirect(`${request.basePath}${classBookingsPath}?klaar=aangevraagd`, 303);
    },
  );

  /** The booking, when the actor may decide on it (its activity's provider) or cancel it (its school). */
  async function booking(request: FastifyRequest, bookingId: number, as: 'provider' | 'school') {
    const row = await classBookingScope(db, request.ecosystem.id, bookingId);
    if (!row) throw errors.notFound('classBooking');
    const ecosystemId = request.ecosystem.id;
    const allowed = as === 'provider' ? can(request.actor, 'signups.manage', { ecosystemId, organisationId: row.organisation_id }) : can(request.actor, 'classBookings.request', { ecosystemId, schoolLocationId: row.school_location_id });
    if (!allowed) throw request.actor.kind === 'anonymous' ? errors.unauthenticated() : errors.forbidden();
    return row.id;
  }

  app.post(`${classBookingsPath}/:id/bevestigen`, { schema: { ...hide, params: BookingParams, body: Type.Object({ ...Csrf, sessionId: Text(20) }) } }, async (request, reply) => {
    const id = await booking(request, request.params.id, 'provider');
    const result = await attempt(() => database.transaction((tx) => confirmClassBooking(tx, request.actor, request.ecosystem.id, id, request.body.sessionId ?? '')));
    if (!result.ok) return listPage(request, reply, result.problems);
    return reply.redirect(`${request.basePath}${classBookingsPath}?klaar=bevestigd`, 303);
  });

  app.post(`${classBookingsPath}/:id/afwijzen`, { schema: { ...hide, params: BookingParams, body: Type.Object({ ...Csrf, note: Text(2000) }) } }, async (request, reply) => {
    const id = await booking(request, request.params.id, 'provider');
    const result = await attempt(() => database.transaction((tx) => declineClassBooking(tx, request.actor, request.ecosystem.id, id, request.body.note ?? '')));
    if (!result.ok) return listPage(request, reply, result.problems);
    return reply.redirect(`${request.basePath}${classBookingsPath}?klaar=afgewezen`, 303);
  });

  app.post(`${classBookingsPath}/:id/annuleren`, { schema: { ...hide, params: BookingParams, body: Type.Object(Csrf) } }, async (request, reply) => {
    const id = await booking(request, request.params.id, 'school');
    const result = await attempt(() => database.transaction((tx) => cancelClassBooking(tx, request.actor, request.ecosystem.id, id, mail)));
    if (!result.ok) return listPage(request, reply, result.problems);
    return reply.redirect(`${request.basePath}${classBookingsPath}?klaar=geannuleerd`, 303);
  });
}
