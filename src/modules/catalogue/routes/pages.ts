import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { errors, type FieldProblem } from '../../../core/errors.js';
import { IdParams } from '../../../http/schemas.js';
import { renderDocument } from '../../../web/render.js';
import { canSeeActivity } from '../policies.js';
import { activityJsonLd } from '../presenters.js';
import { listPlaces, listThemes, readActivity } from '../queries/activity-reader.js';
import { searchMapPlaces, type ResolvedSearch } from '../queries/activity-search.js';
import { parseSearchParams, searchQueryString, type RawQuery } from '../queries/search-params.js';
import { ActivityPage } from '../views/activity-page.js';
import { HomePage } from '../views/home-page.js';
import { MapPage, type MapHood } from '../views/map-page.js';
import { SearchPage } from '../views/search-page.js';
import { listNeighbourhoods } from '../../ecosystems/queries/neighbourhoods.js';
import { absoluteUrl } from './api.js';

/** Most places the map draws at once; beyond this the visitor is asked to filter. */
const mapPlacesLimit = 400;
const hidden = { schema: { hide: true } };

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page));
}

/** The public wegwijzer: server-rendered pages that work without JavaScript. */
export async function cataloguePages(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.ctx.database.db;
  const registry = app.ctx.ecosystems;

  /**
   * Checks a finder query on a page. Form mistakes and names the region does
   * not know come back as problems for the page to show; nothing is searched then.
   */
  async function checkQuery(ecosystemId: number, raw: RawQuery): Promise<{ resolved: ResolvedSearch | undefined; problems: FieldProblem[] }> {
    const { params, problems } = parseSearchParams(raw, { strict: false });
    if (problems.length > 0) return { resolved: undefined, problems };
    const checked = await app.ctx.offerIndex.resolve(ecosystemId, params);
    return checked.problems.length > 0 ? { resolved: undefined, problems: checked.problems } : { resolved: checked.resolved, problems: [] };
  }

  app.get('/', hidden, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    const { resolved } = await checkQuery(ecosystemId, { perPage: '6' });
    const [themes, themeRefs, soon] = await Promise.all([
      listThemes(db, ecosystemId),
      registry.themes(ecosystemId),
      app.ctx.offerIndex.search(ecosystemId, resolved!),
    ]);
    return html(reply, HomePage({ locale: request.locale, ecosystem: request.ecosystem, basePath: request.basePath, themes, themeRefs, soon: soon.hits }));
  });

  app.get('/zoeken', hidden, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    const raw = request.query as RawQuery;
    const [{ resolved, problems }, themes, places] = await Promise.all([
      checkQuery(ecosystemId, raw),
      registry.themes(ecosystemId),
      listPlaces(db, ecosystemId),
    ]);
    let result = resolved ? await app.ctx.offerIndex.search(ecosystemId, resolved) : undefined;
    if (result && resolved && result.total > 0 && result.hits.length === 0) {
      // A page past the end: say so rather than show an empty list.
      const pages = Math.ceil(result.total / result.perPage);
      problems.push({ field: 'page', key: 'search.page.beyond', params: { page: resolved.params.page, pages } });
      result = undefined;
    }
    return html(
      reply,
      SearchPage({
        locale: request.locale,
        ecosystem: request.ecosystem,
        basePath: request.basePath,
        raw,
        params: result ? resolved?.params : undefined,
        problems,
        result,
        themes,
        places,
        originLabel: resolved?.origin?.label,
      }),
      problems.length > 0 ? 400 : 200,
    );
  });

  app.get('/kaart', hidden, async (request, reply) => {
    const ecosystemId = request.ecosystem.id;
    const raw = request.query as RawQuery;
    const [{ resolved, problems }, themes, placeNames, hoods] = await Promise.all([
      checkQuery(ecosystemId, raw),
      registry.themes(ecosystemId),
      listPlaces(db, ecosystemId),
      listNeighbourhoods(db, ecosystemId),
    ]);
    const places = resolved ? await searchMapPlaces(db, ecosystemId, resolved, mapPlacesLimit) : [];
    const neighbourhoods: MapHood[] = hoods.map((h) => ({ name: h.name, sesTier: h.ses_tier, outline: h.outline as MapHood['outline'] }));
    return html(
      reply,
      MapPage({
        locale: request.locale,
        ecosystem: request.ecosystem,
        basePath: request.basePath,
        raw,
        params: resolved?.params,
        problems,
        places,
        placesLimit: mapPlacesLimit,
        neighbourhoods,
        origin: resolved?.origin,
        themes,
        placeNames,
      }),
      problems.length > 0 ? 400 : 200,
    );
  });

  app.get('/activiteiten/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const now = new Date();
    const detail = await readActivity(db, request.ecosystem.id, request.params.id, now);
    // Drafts show only to those who may see them (a preview as the public will see it).
    if (!detail || !canSeeActivity(request.actor, detail.activity)) throw errors.notFound('activity');
    // The filters the visitor came with travel along (back to the results,
    // onward to next steps). Broken ones are dropped: this page is about the activity.
    const carried = parseSearchParams(request.query as RawQuery, { strict: false });
    const query = carried.problems.length === 0 ? searchQueryString(carried.params) : '';
    const url = absoluteUrl(request, `/activiteiten/${detail.activity.id}${query}`);
    const canonical = absoluteUrl(request, `/activiteiten/${detail.activity.id}`);
    return html(
      reply,
      ActivityPage({
        locale: request.locale,
        ecosystem: request.ecosystem,
        basePath: request.basePath,
        detail,
        query,
        url,
        jsonLd: activityJsonLd(detail, canonical, now),
        now,
      }),
    );
  });
}
