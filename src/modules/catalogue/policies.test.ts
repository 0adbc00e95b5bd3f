import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { authorize, can, type CatalogueAction } from './policies.js';

const table: Array<[Actor['kind'], CatalogueAction, boolean]> = [
  ['anonymous', 'catalogue.readPublished', true],
  ['anonymous', 'catalogue.readUnpublished', false],
  ['anonymous', 'catalogue.write', false],
  ['admin', 'catalogue.readPublished', true],
  ['admin', 'catalogue.readUnpublished', true],
  ['admin', 'catalogue.write', true],
];

test('catalogue policy: every actor × action', () => {
  for (const [kind, action, allowed] of table) {
    assert.equal(can({ kind } as Actor, action), allowed, `${kind} ${action}`);
  }
});

test('catalogue policy denies what it does not know', () => {
  assert.equal(can({ kind: 'someone' } as unknown as Actor, 'catalogue.readPublished'), false);
  assert.equal(can({ kind: 'admin' }, 'catalogue.delete' as CatalogueAction), false);
});

test('authorize answers 401 to anonymous callers', () => {
  assert.throws(() => authorize({ kind: 'anonymous' }, 'catalogue.write'), (e: unknown) => e instanceof AppError && e.status === 401);
});
