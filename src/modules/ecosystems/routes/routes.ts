import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { withErrors } from '../../../http/schemas.js';
import { renderDocument } from '../../../web/render.js';
import { listNeighbourhoods } from '../queries/neighbourhoods.js';
import { ChooserPage } from '../views/chooser-page.js';

const EcosystemOut = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  municipalities: Type.Array(Type.String()),
  isDemo: Type.Boolean({ description: 'Waar: alle gegevens zijn verzonnen' }),
  api: Type.String({ description: 'Begin van de API-adressen van dit ecosysteem' }),
});

const NeighbourhoodOut = Type.Object({
  id: Type.Integer(),
  cbsCode: Type.String({ description: 'CBS-code van buurt (BU), wijk (WK) of gemeente (GM)' }),
  name: Type.String(),
  municipality: Type.String(),
  centroid: Type.Object({ lat: Type.Number(), lng: Type.Number() }),
  outline: Type.Unknown({ description: 'GeoJSON-geometrie (Polygon of MultiPolygon) of null' }),
  childrenByAge: Type.Record(Type.String(), Type.Integer(), { description: 'Aantal kinderen per leeftijdsgroep' }),
  sesTier: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'Sociaaleconomische klasse 1 (laag) tot 5 (hoog)' }),
});

/** Platform-wide: the front page and the list of ecosystems. */
export async function ecosystemGlobalRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const all = await app.ctx.ecosystems.all();
    // With one ecosystem there is nothing to choose.
    if (all.length === 1) return reply.redirect(`/e/${all[0]!.slug}/`, 302);
    return reply.type('text/html; charset=utf-8').send(renderDocument(ChooserPage({ locale: request.locale, ecosystems: all })));
  });

  app.get(
    '/api/v1/ecosystems',
    { schema: { tags: ['Ecosystemen'], summary: 'De leerecosystemen op dit platform', response: withErrors({ 200: Type.Object({ items: Type.Array(EcosystemOut) }) }) } },
    async () => ({
      items: (await app.ctx.ecosystems.all()).map((e) => ({
        slug: e.slug,
        name: e.name,
        municipalities: e.municipalities,
        isDemo: e.is_demo,
        api: `/e/${e.slug}/api/v1`,
      })),
    }),
  );
}

/** Inside an ecosystem: its neighbourhoods (for maps and, later, monitoring). */
export async function ecosystemTenantRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/neighbourhoods',
    {
      schema: {
        tags: ['Ecosystemen'],
        summary: 'Wijken en kernen van dit ecosysteem, met aantallen kinderen en SES-klasse',
        response: withErrors({ 200: Type.Object({ items: Type.Array(NeighbourhoodOut) }) }),
      },
    },
    async (request) => {
      const rows = await listNeighbourhoods(app.ctx.database.db, request.ecosystem.id);
      return {
        items: rows.map((h) => ({
          id: h.id,
          cbsCode: h.cbs_code,
          name: h.name,
          municipality: h.municipality,
          centroid: { lat: h.centroid_lat, lng: h.centroid_lng },
          outline: h.outline ?? null,
          childrenByAge: h.children_by_age,
          sesTier: h.ses_tier,
        })),
      };
    },
  );
}
