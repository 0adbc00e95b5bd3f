import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Membership, Role } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { authorize, can, networkActions, visibleOrganisations, type NetworkAction, type NetworkScope } from './network-policies.js';

const eco = 1;
const otherEco = 2;
const ownOrg = 10;
const otherOrg = 11;

function user(role: Role | 'platform_admin', organisationIds: number[] = []): Actor {
  const memberships: Membership[] = role === 'platform_admin' ? [] : [{ ecosystemId: eco, role, organisationIds, locationIds: [] }];
  return { kind: 'user', userId: 1, email: 'x@example.org', name: 'X', platformAdmin: role === 'platform_admin', memberships, sessionId: 's' };
}

const scopes: Array<[string, NetworkScope]> = [
  ['own organisation', { ecosystemId: eco, organisationId: ownOrg }],
  ['another organisation', { ecosystemId: eco, organisationId: otherOrg }],
  ['no organisation', { ecosystemId: eco }],
  ['another ecosystem', { ecosystemId: otherEco, organisationId: ownOrg }],
];

// What each actor may do, written out per scope rather than derived from the rules.
const all = { 'own organisation': networkActions, 'another organisation': networkActions, 'no organisation': networkActions };
const reading: NetworkAction[] = ['network.read', 'network.readOwn', 'schools.read'];
const expected: Array<[string, Actor, Record<string, readonly NetworkAction[]>]> = [
  ['anonymous', { kind: 'anonymous' }, {}],
  ['API token', { kind: 'admin' }, { ...all, 'another ecosystem': networkActions }],
  ['platform administrator', user('platform_admin'), { ...all, 'another ecosystem': networkActions }],
  ['coordinator', user('coordinator'), all],
  ['viewer (steering group)', user('viewer'), { 'own organisation': reading, 'another organisation': reading, 'no organisation': reading }],
  ['partner editor', user('partner_editor', [ownOrg]), { 'own organisation': ['network.readOwn'] }],
  ['school contact', user('school_contact'), {}],
];

test('network policy: every action × every role × own, other organisation and other ecosystem', () => {
  for (const [name, actor, allowed] of expected) {
    for (const [scopeName, scope] of scopes) {
      for (const action of networkActions) {
        const want = (allowed[scopeName] ?? []).includes(action);
        assert.equal(can(actor, action, scope), want, `${name} · ${action} · ${scopeName}`);
      }
    }
  }
});

test('unknown actors, roles and actions are denied', () => {
  assert.equal(can({ kind: 'someone' } as unknown as Actor, 'network.read', { ecosystemId: eco }), false);
  assert.equal(can(user('coordinator'), 'network.delete' as NetworkAction, { ecosystemId: eco }), false);
  const odd: Actor = { ...(user('viewer') as Extract<Actor, { kind: 'user' }>), memberships: [{ ecosystemId: eco, role: 'janitor' as Role, organisationIds: [], locationIds: [] }] };
  assert.equal(can(odd, 'network.read', { ecosystemId: eco }), false);
});

test('authorize: 401 for anonymous callers, 403 for signed-in people without the right', () => {
  assert.throws(() => authorize({ kind: 'anonymous' }, 'network.read', { ecosystemId: eco }), (e: unknown) => e instanceof AppError && e.status === 401);
  assert.throws(() => authorize(user('viewer'), 'network.manage', { ecosystemId: eco }), (e: unknown) => e instanceof AppError && e.status === 403);
  assert.throws(() => authorize(user('partner_editor', [ownOrg]), 'network.readOwn', { ecosystemId: eco, organisationId: otherOrg }), (e: unknown) => e instanceof AppError && e.status === 403);
  assert.doesNotThrow(() => authorize(user('partner_editor', [ownOrg]), 'network.readOwn', { ecosystemId: eco, organisationId: ownOrg }));
});

test('whose entries a person may see', () => {
  assert.equal(visibleOrganisations(user('coordinator'), eco), 'all');
  assert.equal(visibleOrganisations(user('viewer'), eco), 'all');
  assert.deepEqual(visibleOrganisations(user('partner_editor', [ownOrg, ownOrg]), eco), [ownOrg]);
  assert.deepEqual(visibleOrganisations(user('partner_editor', [ownOrg]), otherEco), []);
  assert.deepEqual(visibleOrganisations(user('school_contact'), eco), []);
  assert.deepEqual(visibleOrganisations({ kind: 'anonymous' }, eco), []);
});

// Every route × every role through HTTP: test/route-access.test.ts.
