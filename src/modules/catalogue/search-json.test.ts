import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { searchJson } from './presenters.js';
import { searchJsonBytes } from './search-json.js';
import type { SearchHit, SearchResult } from './queries/activity-search.js';
import { SearchOut } from './schemas.js';

function hit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    id: 7, title: 'Robots "bouwen" & programmeren', summary: 'Met\nregels, \\ en émoji 🤖 </script>', format: 'workshop', setting: 'both',
    level: 'introduction', minAge: 8, maxAge: 12, priceCents: 0, online: false, organisationName: 'Makerspace', city: 'Enschede',
    lat: 52.219, lng: 6.893, locationId: 3, distanceKm: 2.5, nextSessionAt: new Date('2026-12-01T14:00:00Z'), themeIds: [2, 1, 9],
    ...overrides,
  };
}

const themes = new Map([[1, 'natuur'], [2, 'techniek']]);
const prefix = 'https://wegwijzer.example/e/proef/activiteiten/';

function check(result: SearchResult): void {
  const text = searchJsonBytes(result, themes, prefix).toString('utf8');
  const parsed: unknown = JSON.parse(text);
  assert.deepEqual(parsed, searchJson(result, themes, (id) => `${prefix}${id}`));
  assert.ok(Value.Check(SearchOut, parsed), 'matches the response schema');
  // The same members in the same order as the schema's serialiser writes them.
  assert.equal(text, JSON.stringify(searchJson(result, themes, (id) => `${prefix}${id}`)));
}

describe('search results as JSON bytes', () => {
  test('the same answer as searchJson, with nulls, escapes and unknown themes', () => {
    check({ hits: [hit(), hit({ id: 8, city: null, lat: null, lng: null, locationId: null, online: true, distanceKm: null, nextSessionAt: null, themeIds: [] })], total: 2, totalCapped: false, page: 1, perPage: 20 });
    check({ hits: [], total: 10_000, totalCapped: true, page: 600, perPage: 20 });
  });

  test('answers written one after another keep their own bytes', () => {
    const first = searchJsonBytes({ hits: [hit()], total: 1, totalCapped: false, page: 1, perPage: 20 }, themes, prefix);
    const copy = Buffer.from(first);
    for (let n = 0; n < 100; n++) searchJsonBytes({ hits: Array.from({ length: 20 }, (_, i) => hit({ id: i })), total: 20, totalCapped: false, page: 1, perPage: 20 }, themes, prefix);
    assert.ok(first.equals(copy));
  });

  test('an activity that changed is written again', () => {
    check({ hits: [hit()], total: 1, totalCapped: false, page: 1, perPage: 20 });
    check({ hits: [hit({ title: 'Nieuwe titel', priceCents: 250, distanceKm: 0 })], total: 1, totalCapped: false, page: 1, perPage: 20 });
    check({ hits: [hit({ title: 'Nieuwe titel', priceCents: 250, themeIds: [1] })], total: 1, totalCapped: false, page: 1, perPage: 20 });
    // Another host name for the same ecosystem: the links follow it.
    const other = JSON.parse(searchJsonBytes({ hits: [hit()], total: 1, totalCapped: false, page: 1, perPage: 20 }, themes, 'https://andere.example/activiteiten/').toString()) as { items: Array<{ url: string }> };
    assert.equal(other.items[0]!.url, 'https://andere.example/activiteiten/7');
  });
});
