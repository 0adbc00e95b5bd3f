import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatementBatcher } from './statement-batcher.js';

interface Item { id: string; key: string; fail?: boolean }

/** A batcher over a fake statement that records each batch and answers after a turn of the event loop. */
function recorder(maxInFlight: number, maxBatch = 100) {
  const batches: string[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const batcher = new StatementBatcher<Item, string>({
    run: async (items) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      batches.push(items.map((i) => i.id));
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      if (items.some((i) => i.fail)) throw new Error(`failed: ${items.map((i) => i.id).join(',')}`);
      return items.map((i) => `done ${i.id}`);
    },
    keys: (item) => [item.key],
    maxInFlight,
    maxBatch,
  });
  return { batcher, batches, mostAtOnce: () => mostAtOnce };
}

test('calls made together share a statement, and each gets its own answer', async () => {
  const { batcher, batches } = recorder(1);
  const answers = await Promise.all(['a', 'b', 'c'].map((id) => batcher.submit({ id, key: id })));
  assert.deepEqual(answers, ['done a', 'done b', 'done c']);
  assert.deepEqual(batches, [['a', 'b', 'c']]);
});

test('a call that finds nothing running goes at once, alone', async () => {
  const { batcher, batches } = recorder(2);
  assert.equal(await batcher.submit({ id: 'a', key: 'a' }), 'done a');
  assert.equal(await batcher.submit({ id: 'b', key: 'b' }), 'done b');
  assert.deepEqual(batches, [['a'], ['b']]);
});

test('what arrives while the limit of statements runs waits and goes together in the next', async () => {
  const { batcher, batches, mostAtOnce } = recorder(1);
  const first = batcher.submit({ id: 'a', key: 'a' });
  await new Promise((r) => setImmediate(r)); // a's statement is running now
  const later = ['b', 'c', 'd'].map((id) => batcher.submit({ id, key: id }));
  await Promise.all([first, ...later]);
  assert.deepEqual(batches, [['a'], ['b', 'c', 'd']]);
  assert.equal(mostAtOnce(), 1);
});

test('items whose keys meet never share a statement, and keep their order', async () => {
  const { batcher, batches } = recorder(1);
  await Promise.all([
    batcher.submit({ id: 'a1', key: 'a' }),
    batcher.submit({ id: 'b', key: 'b' }),
    batcher.submit({ id: 'a2', key: 'a' }),
    batcher.submit({ id: 'a3', key: 'a' }),
  ]);
  assert.deepEqual(batches, [['a1', 'b'], ['a2'], ['a3']]);
});

test('a batch holds at most maxBatch items', async () => {
  const { batcher, batches } = recorder(1, 2);
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.submit({ id, key: id })));
  assert.deepEqual(batches, [['a', 'b'], ['c', 'd'], ['e']]);
});

test('when a statement fails, each item is tried alone, and only the failing one fails', async () => {
  const { batcher, batches } = recorder(1);
  const results = await Promise.allSettled([
    batcher.submit({ id: 'a', key: 'a' }),
    batcher.submit({ id: 'b', key: 'b', fail: true }),
    batcher.submit({ id: 'c', key: 'c' }),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(batches, [['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  assert.match(String((results[1] as PromiseRejectedResult).reason), /failed: b$/);
});

test('with several statements allowed at once, an item whose keys meet a running statement waits for it to end', async () => {
  const events: string[] = [];
  const batcher = new StatementBatcher<Item, string>({
    run: async (items) => {
      const names = items.map((i) => i.id).join(',');
      events.push(`start ${names}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${names}`);
      return items.map((i) => i.id);
    },
    keys: (item) => [item.key],
    maxInFlight: 3,
    maxBatch: 100,
  });
  await Promise.all([
    batcher.submit({ id: 'a1', key: 'a' }),
    batcher.submit({ id: 'b', key: 'b' }),
    batcher.submit({ id: 'a2', key: 'a' }),
    batcher.submit({ id: 'c', key: 'c' }),
  ]);
  // a2 does not start beside a1, and c, behind nothing, goes with the first.
  assert.deepEqual(events, ['start a1,b,c', 'end a1,b,c', 'start a2', 'end a2']);
});
