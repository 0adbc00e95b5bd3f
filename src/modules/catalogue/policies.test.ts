import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Membership, Role } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { authorize, can, catalogueActions, readableOrganisations, type CatalogueAction, type CatalogueScope } from './policies.js';

const eco = 1;
const otherEco = 2;
const ownOrg = 10;
const otherOrg = 11;

function user(role: Role | 'platform_admin', organisationIds: number[] = []): Actor {
  const memberships: Membership[] = role === 'platform_admin' ? [] : [{ ecosystemId: eco, role, organisationIds, locationIds: [] }];
  return { kind: 'user', userId: 1, email: 'x@example.org', name: 'X', platformAdmin: role === 'platform_admin', memberships, sessionId: 's' };
}

const scopes: Array<[string, CatalogueScope]> = [
  ['own organisation', { ecosystemId: eco, organisationId: ownOrg }],
  ['another organisation', { ecosystemId: eco, organisationId: otherOrg }],
  ['no organisation', { ecosystemId: eco }],
  ['another ecosystem', { ecosystemId: otherEco, organisationId: ownOrg }],
];

// What each actor may do, written out per scope rather than derived from the rules.
const partnerOwn: CatalogueAction[] = [
  'catalogue.readUnpublished', 'activity.create', 'activity.update', 'activity.archive', 'activity.submit',
  'organisation.update', 'location.create', 'location.update', 'location.archive', 'offer.import', 'offer.export',
];
const expected: Array<[string, Actor, Record<string, readonly CatalogueAction[]>]> = [
  ['anonymous', { kind: 'anonymous' }, {}],
  ['API token', { kind: 'admin' }, { 'own organisation': catalogueActions, 'another organisation': catalogueActions, 'no organisation': catalogueActions, 'another ecosystem': catalogueActions }],
  ['platform administrator', user('platform_admin'), { 'own organisation': catalogueActions, 'another organisation': catalogueActions, 'no organisation': catalogueActions, 'another ecosystem': catalogueActions }],
  ['coordinator', user('coordinator'), { 'own organisation': catalogueActions, 'another organisation': catalogueActions, 'no organisation': catalogueActions }],
  ['viewer', user('viewer'), { 'own organisation': ['catalogue.readUnpublished'], 'another organisation': ['catalogue.readUnpublished'], 'no organisation': ['catalogue.readUnpublished'] }],
  ['partner editor', user('partner_editor', [ownOrg]), { 'own organisation': partnerOwn }],
  ['school contact', user('school_contact'), {}],
];

test('catalogue policy: every action × every role × own, other organisation and other ecosystem', () => {
  for (const [name, actor, allowed] of expected) {
    for (const [scopeName, scope] of scopes) {
      for (const action of catalogueActions) {
        const want = (allowed[scopeName] ?? []).includes(action);
        assert.equal(can(actor, action, scope), want, `${name} · ${action} · ${scopeName}`);
      }
    }
  }
});

test('unknown actors and actions are denied', () => {
  assert.equal(can({ kind: 'someone' } as unknown as Actor, 'activity.update', { ecosystemId: eco }), false);
  assert.equal(can(user('partner_editor', [ownOrg]), 'activity.delete' as CatalogueAction, { ecosystemId: eco, organisationId: ownOrg }), false);
});

test('authorize: 401 for anonymous callers, 403 for signed-in people without the right', () => {
  assert.throws(() => authorize({ kind: 'anonymous' }, 'activity.create', { ecosystemId: eco }), (e: unknown) => e instanceof AppError && e.status === 401);
  assert.throws(() => authorize(user('viewer'), 'activity.create', { ecosystemId: eco }), (e: unknown) => e instanceof AppError && e.status === 403);
});

test('which unpublished offer a person may read', () => {
  assert.equal(readableOrganisations(user('coordinator'), eco), 'all');
  assert.deepEqual(readableOrganisations(user('partner_editor', [ownOrg]), eco), [ownOrg]);
  assert.deepEqual(readableOrganisations(user('partner_editor', [ownOrg]), otherEco), []);
  assert.deepEqual(readableOrganisations({ kind: 'anonymous' }, eco), []);
});

// Every route × every role through HTTP: test/route-access.test.ts.
