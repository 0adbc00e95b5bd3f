import { formatDay } from '../../../web/format.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { DoneStep } from '../queries/path-page.js';

/** One island of the child's world: a theme, and the steps taken in it, oldest first. */
export interface Island {
  /** Undefined for steps at activities without a theme. */
  themeId: number | undefined;
  name: string;
  /** Colour slot 0–5, from the theme's place in the ecosystem's order. */
  colour: number;
  steps: DoneStep[];
}

/**
 * Groups the steps into islands, one per theme, in the ecosystem's theme
 * order. A step with several themes goes on the island of its first theme in
 * that order, so every step is one stone.
 */
export function islandsOf(steps: readonly DoneStep[], themes: ReadonlyArray<{ id: number; name: string }>, otherName: string): Island[] {
  const order = new Map(themes.map((th, i) => [th.id, i]));
  const byTheme = new Map<number | undefined, DoneStep[]>();
  for (const step of [...steps].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime())) {
    const known = step.themeIds.filter((id) => order.has(id)).sort((a, b) => order.get(a)! - order.get(b)!);
    const key = known[0];
    byTheme.set(key, [...(byTheme.get(key) ?? []), step]);
  }
  return [...byTheme.entries()]
    .sort(([a], [b]) => (a === undefined ? 1e9 : order.get(a)!) - (b === undefined ? 1e9 : order.get(b)!))
    .map(([themeId, own]) => ({
      themeId,
      name: themeId === undefined ? otherName : themes[order.get(themeId)!]!.name,
      colour: themeId === undefined ? 6 : order.get(themeId)! % 6,
      steps: own,
    }));
}

const perRow = 5;
const columnWidth = 60;
const rowHeight = 72;
const radius = 20;

/** Where stone `i` lies: rows of five that wind back and forth, each stone a little up or down, like stepping stones. */
function stonePosition(i: number): { x: number; y: number } {
  const row = Math.floor(i / perRow);
  const col = i % perRow;
  const across = row % 2 === 0 ? col : perRow - 1 - col;
  return { x: 30 + across * columnWidth, y: 44 + row * rowHeight + (col % 2 === 0 ? -8 : 8) };
}

/**
 * The island as a picture: numbered stones joined by a trail, and a dashed
 * stone for the step still to come. It is drawn with SVG attributes and CSS
 * classes only (the page's CSP forbids style attributes). The numbered list
 * beside it says the same in words, for screen readers and for reading.
 */
export function IslandPicture({ island, locale, titleId }: { island: Island; locale: Locale; titleId: string }) {
  const count = island.steps.length;
  const points = Array.from({ length: count + 1 }, (_, i) => stonePosition(i));
  const rows = Math.ceil((count + 1) / perRow);
  const height = 44 + (rows - 1) * rowHeight + 44;
  // As wide as the stones need: a first step is a small picture, a long path fills the card.
  const width = 30 * 2 + (Math.min(count + 1, perRow) - 1) * columnWidth;
  return (
    <svg class="path-island__picture" viewBox={`0 0 ${width} ${height}`} width={Math.round(width * 1.4)} height={Math.round(height * 1.4)} role="img" aria-labelledby={titleId} focusable="false">
      <title id={titleId}>{t(locale, 'path.world.islandPicture', { theme: island.name, n: count })}</title>
      <rect class="path-island__ground" x="2" y="2" width={width - 4} height={height - 4} rx="28" />
      <polyline class="path-island__trail" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
      {points.slice(0, count).map((p, i) => (
        <g class="path-stone">
          <circle class="path-stone__disc" cx={p.x} cy={p.y} r={radius} />
          <text class="path-stone__number" x={p.x} y={p.y} textAnchor="middle" dominantBaseline="central">
            {i + 1}
          </text>
        </g>
      ))}
      <g class="path-stone path-stone--next">
        <circle class="path-stone__disc" cx={points[count]!.x} cy={points[count]!.y} r={radius} />
        <text class="path-stone__number" x={points[count]!.x} y={points[count]!.y} textAnchor="middle" dominantBaseline="central">
          ?
        </text>
      </g>
    </svg>
  );
}

/** The steps of one island in words, numbered as the stones are. */
export function IslandSteps({ island, locale, basePath }: { island: Island; locale: Locale; basePath: string }) {
  return (
    <ol class="path-steps">
      {island.steps.map((step) => (
        <li class="path-steps__item">
          <a class="utrecht-link path-steps__link" href={`${basePath}/activiteiten/${step.activityId}`}>
            {step.title}
          </a>
          <span class="path-steps__meta">
            {[step.organisationName, step.locationName && step.city ? `${step.locationName}, ${step.city}` : step.locationName].filter(Boolean).join(' · ')}
          </span>
          <span class="path-steps__meta">
            <time dateTime={step.scannedAt.toISOString()}>{formatDay(step.scannedAt, locale)}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}
