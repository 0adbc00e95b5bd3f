import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDay } from './format.js';

test('isoDay gives the calendar day in Amsterdam, also around midnight and the clock changes', () => {
  const cases: [string, string][] = [
    ['2026-11-26T22:59:59.999Z', '2026-11-26'], // 23:59:59 in winter (UTC+1)
    ['2026-11-26T23:00:00.000Z', '2026-11-27'], // midnight
    ['2026-07-01T21:59:59.999Z', '2026-07-01'], // 23:59:59 in summer (UTC+2)
    ['2026-07-01T22:00:00.000Z', '2026-07-02'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], // the night the clocks go forward (02:00 → 03:00)
    ['2026-03-29T01:00:00.000Z', '2026-03-29'],
    ['2026-03-28T22:59:59.999Z', '2026-03-28'],
    ['2026-03-28T23:00:00.000Z', '2026-03-29'],
    ['2026-10-24T21:59:59.999Z', '2026-10-24'], // the night the clocks go back (03:00 → 02:00)
    ['2026-10-24T22:00:00.000Z', '2026-10-25'],
    ['2026-10-25T22:59:59.999Z', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', '2026-10-26'],
  ];
  // Twice: the second round answers from the hours remembered in the first.
  for (let round = 0; round < 2; round++) {
    for (const [instant, day] of cases) assert.equal(isoDay(new Date(instant)), day, `${instant} (round ${round + 1})`);
  }
  assert.throws(() => isoDay(new Date('nonsense')), RangeError);
});
