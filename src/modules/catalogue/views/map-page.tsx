import type { FieldProblem } from '../../../core/errors.js';
import type { ThemeRef } from '../../../core/tenancy.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Layout } from '../../../web/layout.js';
import { jsonForScript } from '../../../web/render.js';
import type { MapPlace, Origin } from '../queries/activity-search.js';
import { searchQueryString, type RawQuery, type SearchParams } from '../queries/search-params.js';
import { ErrorSummary, SearchForm } from './search-form.js';

export interface MapHood {
  name: string;
  sesTier: number | null;
  outline: { type: string; coordinates: unknown } | null;
}

export interface MapPageProps {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  raw: RawQuery;
  params: SearchParams | undefined;
  problems: FieldProblem[];
  places: MapPlace[];
  placesLimit: number;
  neighbourhoods: MapHood[];
  origin: Origin | undefined;
  themes: ThemeRef[];
  placeNames: string[];
}

type Ring = Array<[number, number]>;

/** The outer rings of a GeoJSON Polygon or MultiPolygon; anything else is skipped. */
function rings(outline: MapHood['outline']): Ring[] {
  if (!outline || !Array.isArray(outline.coordinates)) return [];
  if (outline.type === 'Polygon') return [(outline.coordinates as Ring[])[0]].filter((r): r is Ring => Array.isArray(r));
  if (outline.type === 'MultiPolygon') return (outline.coordinates as Ring[][]).map((p) => p[0]).filter((r): r is Ring => Array.isArray(r));
  return [];
}

/**
 * A static drawing of the same map, made on the server, so the page is useful
 * without JavaScript and before the map script loads. Equirectangular with the
 * longitude scaled by cos(latitude): accurate enough at the size of a region.
 */
function FallbackMap({ places, neighbourhoods, origin, locale }: Pick<MapPageProps, 'places' | 'neighbourhoods' | 'origin' | 'locale'>) {
  const points: Array<[number, number]> = [
    ...places.map((p) => [p.lng, p.lat] as [number, number]),
    ...neighbourhoods.flatMap((h) => rings(h.outline).flat()),
    ...(origin ? [[origin.lng, origin.lat] as [number, number]] : []),
  ].filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (points.length === 0) return null;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const width = 1000;
  const pad = 20;
  const scale = (width - 2 * pad) / spanX;
  const height = Math.round(spanY * scale + 2 * pad);
  const x = (lng: number) => (pad + (lng - minLng) * k * scale).toFixed(1);
  const y = (lat: number) => (pad + (maxLat - lat) * scale).toFixed(1);
  const maxCount = Math.max(1, ...places.map((p) => p.count));
  return (
    <svg class="map-fallback" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="kaart-tekening">
      <title id="kaart-tekening">{t(locale, 'map.label')}</title>
      {neighbourhoods.flatMap((h) =>
        rings(h.outline).map((ring) => (
          <path class="hood" d={`M${ring.map(([lng, lat]) => `${x(lng)},${y(lat)}`).join('L')}Z`}>
            <title>{h.name}</title>
          </path>
        )),
      )}
      {places.map((p) => (
        <circle class="place" cx={x(p.lng)} cy={y(p.lat)} r={(5 + 9 * Math.sqrt(p.count / maxCount)).toFixed(1)}>
          <title>{`${p.name}, ${p.city}: ${t(locale, 'map.activitiesAt', { count: p.count })}`}</title>
        </circle>
      ))}
      {origin && <circle class="origin" cx={x(origin.lng)} cy={y(origin.lat)} r="6" />}
    </svg>
  );
}

export function MapPage(props: MapPageProps) {
  const { locale, basePath, params } = props;
  const query = params ? searchQueryString(params, { page: 1 }) : '';
  const data = {
    places: props.places,
    neighbourhoods: props.neighbourhoods,
    origin: props.origin && params ? { ...props.origin, km: params.km } : null,
    tiles: props.ecosystem.settings.tileUrl
      ? { url: props.ecosystem.settings.tileUrl, attribution: props.ecosystem.settings.tileAttribution ?? '' }
      : null,
    activityHref: `${basePath}/activiteiten/`,
    query,
    labels: {
      activities: t(locale, 'map.activitiesAt', { count: '{n}' }),
      activity: t(locale, 'map.oneActivity'),
      more: t(locale, 'map.more'),
      mapLabel: t(locale, 'map.label'),
      originLabel: t(locale, 'map.origin'),
      close: t(locale, 'map.close'),
      zoomIn: t(locale, 'map.zoomIn'),
      zoomOut: t(locale, 'map.zoomOut'),
    },
  };
  return (
    <Layout
      title={t(locale, 'map.title')}
      locale={locale}
      ecosystem={props.ecosystem}
      basePath={basePath}
      current="map"
      scripts={['/assets/js/map.js']}
      styles={['/assets/css/leaflet.css']}
    >
      <h1 class="utrecht-heading-1">{t(locale, 'map.title')}</h1>
      <ErrorSummary problems={props.problems} locale={locale} title="search.problems" />
      <div class="search-layout">
        <SearchForm
          locale={locale}
          action={`${basePath}/kaart`}
          raw={props.raw}
          themes={props.themes}
          places={props.placeNames}
          problems={props.problems}
          withSort={false}
        />
        <section class="search-results" aria-labelledby="kaart-titel">
          <h2 class="visually-hidden" id="kaart-titel">
            {t(locale, 'map.label')}
          </h2>
          <p class="utrecht-paragraph">
            {t(locale, 'map.legend')}{' '}
            <a class="utrecht-link" href={`${basePath}/zoeken${query}`}>
              {t(locale, 'search.showAsList')}
            </a>
          </p>
          <div id="map" class="map-canvas">
            <FallbackMap places={props.places} neighbourhoods={props.neighbourhoods} origin={props.origin} locale={locale} />
          </div>
          <script type="application/json" id="map-data" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
          {props.places.length >= props.placesLimit && <p class="utrecht-paragraph">{t(locale, 'map.limited', { count: props.placesLimit })}</p>}
          <h2 class="utrecht-heading-2">{t(locale, 'map.placesList')}</h2>
          {props.places.length === 0 && params && <p class="utrecht-paragraph">{t(locale, 'search.resultsNone')}</p>}
          <ul class="map-list">
            {props.places.map((p) => (
              <li>
                <h3 class="utrecht-heading-4">
                  {p.name}, {p.city}
                </h3>
                <ul class="utrecht-unordered-list">
                  {p.activities.map((a) => (
                    <li class="utrecht-unordered-list__item">
                      <a class="utrecht-link" href={`${basePath}/activiteiten/${a.id}${query}`}>
                        {a.title}
                      </a>
                    </li>
                  ))}
                  {p.count > p.activities.length && (
                    <li class="utrecht-unordered-list__item">{t(locale, 'map.more', { n: p.count - p.activities.length })}</li>
                  )}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}
