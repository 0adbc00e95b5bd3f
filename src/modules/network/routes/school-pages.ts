import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams, StringEnum } from '../../../http/schemas.js';
import { t } from '../../../web/i18n/index.js';
import { listNeighbourhoods } from '../../ecosystems/queries/neighbourhoods.js';
import { updateSchool } from '../commands/school-commands.js';
import { schoolParticipations, schoolTypes } from '../db/schema.js';
import { parseSchoolForm, type FormValues } from '../network-forms.js';
import { authorize, can } from '../network-policies.js';
import { participatingLocationCount, participatingLocationsByType } from '../queries/school-counts.js';
import { findSchool, listSchools, type SchoolRow } from '../queries/school-list.js';
import { SchoolListPage, SchoolPage } from '../views/school-pages.js';
import { attempt, FormBody, hide, networkContext, sendPage, signInFirst } from './network-route-helpers.js';

function schoolForm(s: SchoolRow): FormValues {
  return {
    types: s.types, pupilCount: s.pupilCount === null ? '' : String(s.pupilCount), participation: s.participation,
    participatingSince: s.participatingSince ?? '', neighbourhoodId: s.neighbourhoodId === null ? '' : String(s.neighbourhoodId),
  };
}

/** The school locations of the network: the list with its counts per type, and one school's page. */
export async function schoolPages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.ctx;
  const db = database.db;

  app.get(
    '/beheer/netwerk/scholen',
    {
      schema: {
        ...hide,
        querystring: Type.Object({
          soort: Type.Optional(Type.Union([StringEnum(schoolTypes), Type.Literal('')])),
          deelname: Type.Optional(Type.Union([StringEnum(schoolParticipations), Type.Literal('')])),
          klaar: Type.Optional(Type.Literal('opgeslagen')),
        }),
      },
    },
    async (request, reply) => {
      const redirect = signInFirst(request, reply);
      if (redirect) return redirect;
      const ecosystemId = request.ecosystem.id;
      authorize(request.actor, 'schools.read', { ecosystemId });
      const filter = { type: request.query.soort || undefined, participation: request.query.deelname || undefined };
      const [schools, counts, participatingTotal] = await Promise.all([
        listSchools(db, ecosystemId, filter),
        participatingLocationsByType(db, ecosystemId),
        participatingLocationCount(db, ecosystemId),
      ]);
      return sendPage(
        reply,
        SchoolListPage({
          ctx: networkContext(request), schools, counts, participatingTotal, filter,
          canImport: can(request.actor, 'schools.import', { ecosystemId }),
          notice: request.query.klaar ? t(request.locale, 'schools.saved') : undefined,
        }),
      );
    },
  );

  async function loadSchool(request: FastifyRequest, id: number, action: 'schools.read' | 'schools.manage'): Promise<SchoolRow> {
    authorize(request.actor, action, { ecosystemId: request.ecosystem.id });
    const school = await findSchool(db, request.ecosystem.id, id);
    if (!school) throw errors.notFound('school');
    return school;
  }

  async function schoolPage(request: FastifyRequest, school: SchoolRow, raw: FormValues, problems: FieldProblem[]) {
    const ecosystemId = request.ecosystem.id;
    return SchoolPage({
      ctx: networkContext(request), school, raw, problems,
      neighbourhoods: await listNeighbourhoods(db, ecosystemId),
      canManage: can(request.actor, 'schools.manage', { ecosystemId }),
      canSeeOrganisation: can(request.actor, 'network.readOwn', { ecosystemId, organisationId: school.organisationId }),
    });
  }

  app.get('/beheer/netwerk/scholen/:id', { schema: { ...hide, params: IdParams } }, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect) return redirect;
    const school = await loadSchool(request, request.params.id, 'schools.read');
    return sendPage(reply, await schoolPage(request, school, schoolForm(school), []));
  });

  app.post('/beheer/netwerk/scholen/:id', { schema: { ...hide, params: IdParams, body: FormBody } }, async (request, reply) => {
    const school = await loadSchool(request, request.params.id, 'schools.manage');
    const raw = request.body as FormValues;
    const neighbourhoods = await listNeighbourhoods(db, request.ecosystem.id);
    const parsed = parseSchoolForm(raw, neighbourhoods.map((n) => n.id));
    let problems = parsed.problems;
    if (parsed.input) {
      const input = parsed.input;
      const result = await attempt(() => database.transaction((tx) => updateSchool(tx, request.actor, request.ecosystem.id, school.id, input)));
      if (result.ok) return reply.redirect(`${request.basePath}/beheer/netwerk/scholen?klaar=opgeslagen`, 303);
      problems = result.problems;
    }
    return sendPage(reply, await schoolPage(request, school, raw, problems), 400);
  });
}
