import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../core/context.js';
import { bookingSchools, can, managedOrganisations, type SignupAction } from './policies.js';

const user = (role: 'coordinator' | 'partner_editor' | 'school_contact' | 'viewer', organisationIds: number[] = [], ecosystemId = 1): Actor => ({
  kind: 'user', userId: 1, email: 'a@b.nl', name: 'A', platformAdmin: false, sessionId: 'x', memberships: [{ ecosystemId, role, organisationIds, locationIds: [] }],
});

describe('sign-up policies', () => {
  const cases: Array<[string, Actor, SignupAction, number | undefined, boolean]> = [
    ['anonymous', { kind: 'anonymous' }, 'signups.manage', 5, false],
    ['coordinator', user('coordinator'), 'signups.manage', 5, true],
    ['coordinator sets priorities', user('coordinator'), 'lottery.policy', undefined, true],
    ['coordinator of another ecosystem', user('coordinator', [], 2), 'signups.manage', 5, false],
    ['partner, own organisation', user('partner_editor', [5]), 'signups.manage', 5, true],
    ['partner, own organisation draws', user('partner_editor', [5]), 'lottery.draw', 5, true],
    ['partner, other organisation', user('partner_editor', [6]), 'signups.manage', 5, false],
    ['partner sets priorities', user('partner_editor', [5]), 'lottery.policy', undefined, false],
    ['viewer', user('viewer'), 'signups.manage', 5, false],
    ['school contact', user('school_contact'), 'signups.manage', 5, false],
  ];
  it('a school contact books for its own school only; a partner not at all', () => {
    const teacher: Actor = { ...user('school_contact'), memberships: [{ ecosystemId: 1, role: 'school_contact', organisationIds: [], locationIds: [9] }] } as Actor;
    assert.equal(can(teacher, 'classBookings.request', { ecosystemId: 1, schoolLocationId: 9 }), true);
    assert.equal(can(teacher, 'classBookings.request', { ecosystemId: 1, schoolLocationId: 8 }), false);
    assert.equal(can(user('partner_editor', [5]), 'classBookings.request', { ecosystemId: 1, schoolLocationId: 9 }), false);
    assert.equal(can(user('coordinator'), 'classBookings.request', { ecosystemId: 1, schoolLocationId: 9 }), true);
    assert.deepEqual(bookingSchools(teacher, 1), [9]);
    assert.equal(bookingSchools(user('coordinator'), 1), 'all');
  });
  for (const [label, actor, action, organisationId, allowed] of cases) {
    it(`${label}: ${action} → ${allowed ? 'allowed' : 'denied'}`, () => assert.equal(can(actor, action, { ecosystemId: 1, organisationId }), allowed));
  }
  it('lists the organisations a partner manages', () => {
    assert.deepEqual(managedOrganisations(user('partner_editor', [5, 7]), 1), [5, 7]);
    assert.equal(managedOrganisations(user('coordinator'), 1), 'all');
    assert.deepEqual(managedOrganisations(user('viewer'), 1), []);
  });
});
