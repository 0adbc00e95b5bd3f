/**
 * The map island: turns the server's drawing in #map into a Leaflet map of the
 * same data, read from <script type="application/json" id="map-data">.
 *
 * - Tiles only when the ecosystem configured them; places and neighbourhood
 *   outlines are vectors, so the map works offline and in tests.
 * - Strict CSP: no inline styles or eval; Leaflet only sets element.style.
 * - No innerHTML with data: Leaflet puts string popup and tooltip content in
 *   innerHTML, so every popup, tooltip and legend here is a DOM node built
 *   with textContent.
 * - Keyboard: each place is a focusable button; Enter or Space opens its
 *   popup and moves focus to the first link; Escape closes it and returns
 *   focus to the place. The list under the map offers the same links.
 * - If anything fails, the server's drawing is put back.
 */
import L from 'leaflet';

interface Place {
  locationId: number;
  name: string;
  city: string;
  lat: number;
  lng: number;
  count: number;
  activities: Array<{ id: number; title: string }>;
}

interface MapData {
  places: Place[];
  neighbourhoods: Array<{ name: string; sesTier: number | null; outline: GeoJSON.Geometry | null }>;
  origin: { lat: number; lng: number; label: string; km: number } | null;
  tiles: { url: string; attribution: string } | null;
  /** Prefix of an activity's page; the island appends `${id}${query}`. */
  activityHref: string;
  /** The finder's filters (`?age=9…` or ''), kept on every link. */
  query: string;
  labels: {
    activities: string; // "{n} activiteiten"
    activity: string; // "1 activiteit"
    more: string; // "en {n} meer"
    mapLabel: string;
    originLabel: string; // "Zoekgebied: {label}, {km} km"
    // Optional, Dutch by default: Leaflet's own controls.
    close?: string;
    zoomIn?: string;
    zoomOut?: string;
  };
}

/** Links shown in one popup; the rest is counted ("en 3 meer"). */
const POPUP_LINKS = 5;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function countLabel(count: number, labels: MapData['labels']): string {
  return count === 1 ? labels.activity : fill(labels.activities, { n: count });
}

function popupContent(place: Place, data: MapData): HTMLElement {
  const box = el('div', undefined, 'map-popup');
  // The map sits under the page's (visually hidden) h2 for the map.
  box.append(el('h3', `${place.name}, ${place.city}`), el('p', countLabel(place.count, data.labels)));
  const shown = place.activities.slice(0, POPUP_LINKS);
  const list = el('ul');
  for (const activity of shown) {
    const link = el('a', activity.title);
    link.href = `${data.activityHref}${activity.id}${data.query}`;
    const item = el('li');
    item.append(link);
    list.append(item);
  }
  if (shown.length > 0) box.append(list);
  const rest = place.count - shown.length;
  if (rest > 0) box.append(el('p', fill(data.labels.more, { n: rest })));
  return box;
}

function draw(map: L.Map, data: MapData): void {
  const { labels } = data;
  L.control.zoom({ zoomInTitle: labels.zoomIn ?? 'Inzoomen', zoomOutTitle: labels.zoomOut ?? 'Uitzoomen' }).addTo(map);
  if (data.tiles) L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);

  // Circles need a view before they are added, so the view comes from the data first:
  // the places and the search area, or else the neighbourhoods, or else the country.
  const focus = L.latLngBounds([]);
  for (const place of data.places) focus.extend([place.lat, place.lng]);
  if (data.origin) focus.extend(L.latLng(data.origin.lat, data.origin.lng).toBounds(data.origin.km * 2000));
  const outlines = data.neighbourhoods.flatMap((hood) =>
    hood.outline
      ? [L.geoJSON(hood.outline, { style: { className: 'hood', color: '#3d5f80', weight: 1.5, fillColor: '#24598f', fillOpacity: 0.06 }, interactive: false })]
      : [],
  );
  if (!focus.isValid()) for (const layer of outlines) focus.extend(layer.getBounds());
  if (focus.isValid()) map.fitBounds(focus, { padding: [24, 24], maxZoom: 15 });
  else map.setView([52.2, 5.3], 7); // the Netherlands

  for (const layer of outlines) layer.addTo(map);

  if (data.origin) {
    const { lat, lng, km } = data.origin;
    const style = { className: 'origin', color: '#b30000', interactive: false };
    L.circle([lat, lng], { ...style, radius: km * 1000, weight: 2, fill: false, dashArray: '6 4' }).addTo(map);
    L.circleMarker([lat, lng], { ...style, radius: 5, weight: 2, fillColor: '#b30000', fillOpacity: 1 }).addTo(map);
    // A visible legend instead of a hover-only tooltip, so everyone can read the search area.
    const legend = new L.Control({ position: 'bottomleft' });
    legend.onAdd = () => el('p', fill(labels.originLabel, { label: data.origin?.label ?? '', km }), 'map-legend');
    legend.addTo(map);
  }

  let openedByKey = false;
  // Popups must fit a phone's map beside the zoom buttons (Leaflet adds 44px of margins).
  const popupWidth = Math.max(160, Math.min(300, map.getContainer().clientWidth - 120));
  const popupOptions: L.PopupOptions = { maxWidth: popupWidth, autoPanPaddingTopLeft: [60, 12], autoPanPaddingBottomRight: [12, 12] };
  const maxCount = Math.max(1, ...data.places.map((p) => p.count));
  for (const place of data.places) {
    const name = `${place.name}, ${place.city}`;
    const marker = L.circleMarker([place.lat, place.lng], {
      className: 'place',
      radius: 8 + 6 * Math.sqrt(place.count / maxCount),
      color: '#ffffff',
      weight: 2,
      fillColor: '#24598f',
      fillOpacity: 0.9,
    })
      .bindPopup(() => popupContent(place, data), popupOptions)
      .bindTooltip(() => el('span', name), { direction: 'top' })
      .addTo(map);

    const path = marker.getElement();
    if (!path) continue;
    // Vector markers are not focusable by default.
    path.setAttribute('tabindex', '0');
    path.setAttribute('role', 'button');
    path.setAttribute('aria-label', `${name}: ${countLabel(place.count, labels)}`);
    path.addEventListener('keydown', (event) => {
      const { key } = event as KeyboardEvent;
      if (key !== 'Enter' && key !== ' ') return;
      event.preventDefault();
      openedByKey = true;
      marker.openPopup();
    });
    marker.on('popupclose', (event) => {
      const popup = (event as L.PopupEvent).popup.getElement();
      const active = document.activeElement;
      // Give focus back when it was in the popup (or fell to the body when the popup went away).
      if (!active || active === document.body || popup?.contains(active)) (path as SVGElement).focus({ preventScroll: true });
    });
  }

  map.on('popupopen', (event) => {
    const popup = event.popup.getElement();
    popup?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', labels.close ?? 'Sluiten');
    // preventScroll: scrolling the map's container would shift Leaflet's panes.
    if (openedByKey) popup?.querySelector<HTMLElement>('.map-popup a, .leaflet-popup-close-button')?.focus({ preventScroll: true });
    openedByKey = false;
  });
}

function start(): void {
  const container = document.getElementById('map');
  const source = document.getElementById('map-data');
  if (!container || !source?.textContent) return;
  const data = JSON.parse(source.textContent) as MapData;
  const fallback = [...container.childNodes];

  let map: L.Map | undefined;
  try {
    container.replaceChildren();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', data.labels.mapLabel);
    // No wheel zoom: scrolling the page must not get stuck on the map.
    map = L.map(container, { zoomControl: false, scrollWheelZoom: false, minZoom: 6, maxZoom: 18 });
    // Escape closes a popup wherever focus is in the map (Leaflet only listens when the map itself has focus).
    container.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') map?.closePopup();
    });
    draw(map, data);
  } catch (error) {
    map?.remove();
    container.replaceChildren(...fallback);
    throw error;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
