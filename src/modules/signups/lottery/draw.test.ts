import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { drawLottery, seededRandom, type DrawEntry, type LotteryPolicy } from './draw.js';

const all: LotteryPolicy = { firstTimers: true, priorityAreas: true, siblingsTogether: true, oneBeforeTwo: true };
const none: LotteryPolicy = { firstTimers: false, priorityAreas: false, siblingsTogether: false, oneBeforeTwo: false };
const seed = '0123456789abcdef0123456789abcdef';
let n = 0;
function entry(childKey: string, sessionId: number, over: Partial<DrawEntry> = {}): DrawEntry {
  n += 1;
  return { signupId: String(n), childKey, familyKey: null, sessionId, choice: 1, firstTimer: false, priorityArea: false, ...over };
}
const placesOf = (result: ReturnType<typeof drawLottery>) => result.assignments.filter((a) => a.outcome === 'place');

describe('seeded random numbers', () => {
  test('the same seed gives the same numbers, another seed others, all in [0, 1)', () => {
    const a = seededRandom(seed);
    const b = seededRandom(seed);
    const c = seededRandom('fedcba9876543210fedcba9876543210');
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
    assert.notDeepEqual(xs.slice(0, 10), Array.from({ length: 10 }, () => c()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    // Roughly uniform: each tenth gets between 7% and 13% of a thousand draws.
    for (let d = 0; d < 10; d += 1) {
      const share = xs.filter((x) => x >= d / 10 && x < (d + 1) / 10).length;
      assert.ok(share > 70 && share < 130, `decile ${d}: ${share}`);
    }
  });
  test('refuses a malformed seed', () => {
    assert.throws(() => seededRandom('xyz'));
    assert.throws(() => seededRandom('0123456789ABCDEF0123456789ABCDEF'));
  });
});

describe('the draw', () => {
  test('is reproducible from its seed and does not depend on the order of the input', () => {
    const entries = Array.from({ length: 30 }, (_, i) => entry(`k${i}`, 1));
    const input = { sessions: [{ sessionId: 1, places: 10 }], entries };
    const first = drawLottery(input, all, seed);
    assert.deepEqual(drawLottery({ ...input, entries: [...entries].reverse() }, all, seed), first);
    assert.equal(placesOf(first).length, 10);
    assert.deepEqual(first.assignments.filter((a) => a.outcome === 'waiting').map((a) => a.position), Array.from({ length: 20 }, (_, i) => i + 1));
    const other = drawLottery(input, all, 'ffffffffffffffffffffffffffffffff');
    assert.notDeepEqual(placesOf(other).map((a) => a.childKey).sort(), placesOf(first).map((a) => a.childKey).sort());
  });

  test('never gives out more places than a session has', () => {
    for (let s = 0; s < 20; s += 1) {
      const entries = Array.from({ length: 25 }, (_, i) => entry(`c${i % 12}`, 1 + (i % 3), { choice: 1 + Math.floor(i / 12), familyKey: i % 5 === 0 ? 'fam' : null }));
      const result = drawLottery({ sessions: [{ sessionId: 1, places: 3 }, { sessionId: 2, places: 4 }, { sessionId: 3, places: 0 }] , entries }, all, s.toString(16).padStart(32, '0'));
      for (const [sessionId, places] of [[1, 3], [2, 4], [3, 0]] as const) assert.ok(placesOf(result).filter((a) => a.sessionId === sessionId).length <= places);
      assert.equal(result.assignments.length, entries.length, 'every entry gets an outcome');
    }
  });

  test('first-timers go before children who already took part, whatever the lot', () => {
    const entries = [...Array.from({ length: 10 }, (_, i) => entry(`old${i}`, 1)), ...Array.from({ length: 5 }, (_, i) => entry(`new${i}`, 1, { firstTimer: true }))];
    for (const s of ['0'.repeat(32), '1'.repeat(32), 'abcdef'.repeat(5) + 'ab']) {
      const result = drawLottery({ sessions: [{ sessionId: 1, places: 5 }], entries }, all, s);
      assert.deepEqual(placesOf(result).map((a) => a.childKey).sort(), ['new0', 'new1', 'new2', 'new3', 'new4']);
    }
    // Without the priority, the lot alone decides: some old hands get in with this seed.
    const plain = drawLottery({ sessions: [{ sessionId: 1, places: 5 }], entries }, none, '0'.repeat(32));
    assert.ok(placesOf(plain).some((a) => a.childKey.startsWith('old')));
  });

  test('priority neighbourhoods go before others among children of the same first-timer standing', () => {
    const entries = [entry('a', 1), entry('b', 1, { priorityArea: true }), entry('c', 1), entry('d', 1, { priorityArea: true, firstTimer: true })];
    const result = drawLottery({ sessions: [{ sessionId: 1, places: 2 }], entries }, all, seed);
    assert.deepEqual(result.units.map((u) => u.childKeys[0]).slice(0, 2), ['d', 'b']);
  });

  test('siblings entered together get places together, or wait together', () => {
    // Two places: a family of two and a family of three. The three never split.
    const entries = [entry('s1', 1, { familyKey: 'A' }), entry('s2', 1, { familyKey: 'A' }), entry('t1', 1, { familyKey: 'B' }), entry('t2', 1, { familyKey: 'B' }), entry('t3', 1, { familyKey: 'B' })];
    for (let s = 0; s < 10; s += 1) {
      const result = drawLottery({ sessions: [{ sessionId: 1, places: 2 }] , entries }, all, s.toString(16).repeat(32).slice(0, 32));
      const got = placesOf(result).map((a) => a.childKey).sort();
      assert.ok(got.length === 0 || got.join() === 's1,s2', got.join());
      const waiting = result.assignments.filter((a) => a.outcome === 'waiting').map((a) => a.position!);
      assert.deepEqual(waiting, Array.from({ length: waiting.length }, (_, i) => i + 1));
    }
    // Without the rule, the family of three may be split.
    const split = Array.from({ length: 20 }, (_, s) => drawLottery({ sessions: [{ sessionId: 1, places: 2 }], entries }, none, s.toString(16).padStart(32, '0')));
    const splitFamily = (r: ReturnType<typeof drawLottery>) => {
      const of3 = placesOf(r).filter((a) => a.childKey.startsWith('t')).length;
      return of3 > 0 && of3 < 3;
    };
    assert.ok(split.some(splitFamily));
  });

  test('everyone one place before anyone a second', () => {
    // Three children each want two sessions with two places each: four places, three children, so each gets one and one child a second.
    const entries = ['x', 'y', 'z'].flatMap((k) => [entry(k, 1, { choice: 1 }), entry(k, 2, { choice: 2 })]);
    const result = drawLottery({ sessions: [{ sessionId: 1, places: 2 }, { sessionId: 2, places: 2 }] , entries }, all, seed);
    const perChild = new Map<string, number>();
    for (const a of placesOf(result)) perChild.set(a.childKey, (perChild.get(a.childKey) ?? 0) + 1);
    assert.deepEqual([...perChild.values()].sort(), [1, 1, 2]);
    assert.ok(placesOf(result).filter((a) => a.round === 1).length === 3, 'round one gives each child one place');
    // Without it, the first two by lot take both sessions and the third gets nothing.
    const greedy = drawLottery({ sessions: [{ sessionId: 1, places: 2 }, { sessionId: 2, places: 2 }], entries }, none, seed);
    const greedyPer = new Map<string, number>();
    for (const a of placesOf(greedy)) greedyPer.set(a.childKey, (greedyPer.get(a.childKey) ?? 0) + 1);
    assert.deepEqual([...greedyPer.values()].sort(), [2, 2]);
  });

  test('a first choice is preferred to a second when both have room', () => {
    const entries = [entry('p', 1, { choice: 2 }), entry('p', 2, { choice: 1 })];
    const result = drawLottery({ sessions: [{ sessionId: 1, places: 1 }, { sessionId: 2, places: 1 }] , entries }, { ...all }, seed);
    assert.deepEqual(placesOf(result).find((a) => a.round === 1)?.sessionId, 2);
  });
});
