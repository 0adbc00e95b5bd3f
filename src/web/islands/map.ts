/**
 * The map island: turns the server's drawing in #map into a Leaflet map with
 * the same data (read from <script id="map-data">). Tiles only when the
 * ecosystem configured them; places and neighbourhood outlines are vectors,
 * so the map works offline and in tests. No innerHTML with data: popups are
 * built from DOM nodes.
 */
import L from 'leaflet';

interface MapData {
  places: Array<{ locationId: number; name: string; city: string; lat: number; lng: number; count: number; activities: Array<{ id: number; title: string }> }>;
  neighbourhoods: Array<{ name: string; sesTier: number | null; outline: GeoJSON.Geometry | null }>;
  origin: { lat: number; lng: number; label: string; km: number } | null;
  tiles: { url: string; attribution: string } | null;
  activityHref: string;
  query: string;
  labels: { activities: string; activity: string; more: string; mapLabel: string; originLabel: string };
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function popup(place: MapData['places'][number], data: MapData): HTMLElement {
  const box = el('div');
  box.className = 'map-popup';
  box.append(el('h2', `${place.name}, ${place.city}`));
  box.append(el('p', place.count === 1 ? data.labels.activity : fill(data.labels.activities, { n: place.count })));
  const list = el('ul');
  for (const activity of place.activities) {
    const link = el('a', activity.title);
    link.href = `${data.activityHref}${activity.id}${data.query}`;
    const item = el('li');
    item.append(link);
    list.append(item);
  }
  box.append(list);
  if (place.count > place.activities.length) box.append(el('p', fill(data.labels.more, { n: place.count - place.activities.length })));
  return box;
}

function start(): void {
  const container = document.getElementById('map');
  const source = document.getElementById('map-data');
  if (!container || !source?.textContent) return;
  const data = JSON.parse(source.textContent) as MapData;

  container.replaceChildren();
  const map = L.map(container, { scrollWheelZoom: false, preferCanvas: false });
  container.setAttribute('aria-label', data.labels.mapLabel);
  container.setAttribute('role', 'region');
  if (data.tiles) L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);

  // The view must be set before layers are added, so the bounds come from the data first.
  const focus = L.latLngBounds([]);
  for (const place of data.places) focus.extend([place.lat, place.lng]);
  if (data.origin) focus.extend(L.latLng(data.origin.lat, data.origin.lng).toBounds(data.origin.km * 2000));
  const outlines = data.neighbourhoods.filter((h) => h.outline).map((h) => L.geoJSON(h.outline as GeoJSON.GeoJsonObject, {
    style: { className: 'hood', color: '#3d5f80', weight: 1.5, fillColor: '#24598f', fillOpacity: 0.06 },
    interactive: false,
  }));
  if (!focus.isValid()) for (const layer of outlines) focus.extend(layer.getBounds());
  if (focus.isValid()) map.fitBounds(focus, { padding: [20, 20], maxZoom: 15 });
  else map.setView([52.1, 5.3], 7); // the Netherlands

  for (const layer of outlines) layer.addTo(map);

  const maxCount = Math.max(1, ...data.places.map((p) => p.count));
  for (const place of data.places) {
    const label = `${place.name}, ${place.city}: ${place.count === 1 ? data.labels.activity : fill(data.labels.activities, { n: place.count })}`;
    const marker = L.circleMarker([place.lat, place.lng], {
      radius: 6 + 8 * Math.sqrt(place.count / maxCount),
      color: '#ffffff',
      weight: 2,
      fillColor: '#24598f',
      fillOpacity: 0.9,
    })
      .bindPopup(() => popup(place, data))
      .bindTooltip(`${place.name}, ${place.city}`)
      .addTo(map);
    // Vector markers are not focusable by default; make them reachable by keyboard.
    const path = marker.getElement();
    if (path) {
      path.setAttribute('tabindex', '0');
      path.setAttribute('role', 'button');
      path.setAttribute('aria-label', label);
      path.addEventListener('keydown', (event: Event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          marker.openPopup();
        }
      });
    }
  }

  if (data.origin) {
    L.circle([data.origin.lat, data.origin.lng], { radius: data.origin.km * 1000, color: '#cc0000', weight: 2, fill: false, interactive: false }).addTo(map);
    L.circleMarker([data.origin.lat, data.origin.lng], { radius: 5, color: '#ffffff', weight: 2, fillColor: '#cc0000', fillOpacity: 1 })
      .bindTooltip(fill(data.labels.originLabel, { label: data.origin.label, km: data.origin.km }), { permanent: false })
      .addTo(map);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
