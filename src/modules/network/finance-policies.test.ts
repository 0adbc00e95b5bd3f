import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../../core/context.js';
import { canFinance, financeActions, readableFor, type FinanceAction } from './finance-policies.js';

const ecosystemId = 1;
const otherEcosystem = 2;
const library = 10;
const museum = 11;

function user(role: Role, o: { ecosystem?: number; organisationIds?: number[]; platformAdmin?: boolean } = {}): Actor {
  return {
    kind: 'user', userId: 1, email: 'p@proef.example', name: 'Proef', platformAdmin: o.platformAdmin ?? false, sessionId: 'x',
    memberships: [{ ecosystemId: o.ecosystem ?? ecosystemId, role, organisationIds: o.organisationIds ?? [], locationIds: [] }],
  };
}

const people: Record<string, Actor> = {
  anonymous: { kind: 'anonymous' },
  'API key': { kind: 'admin' },
  'platform administrator': { ...(user('viewer', { ecosystem: 99 }) as Extract<Actor, { kind: 'user' }>), platformAdmin: true, memberships: [] },
  coordinator: user('coordinator'),
  'coordinator of another ecosystem': user('coordinator', { ecosystem: otherEcosystem }),
  viewer: user('viewer'),
  'partner of the library': user('partner_editor', { organisationIds: [library] }),
  'partner of the museum': user('partner_editor', { organisationIds: [museum] }),
  'school contact': user('school_contact'),
};

// Who may take each action on something that concerns the library (an agreement it signed, its contribution).
const allowed: Record<FinanceAction, string[]> = {
  'agreement.read': ['API key', 'platform administrator', 'coordinator', 'viewer', 'partner of the library'],
  'agreement.manage': ['API key', 'platform administrator', 'coordinator'],
  'finance.read': ['API key', 'platform administrator', 'coordinator', 'viewer'],
  'finance.manage': ['API key', 'platform administrator', 'coordinator'],
  'finance.export': ['API key', 'platform administrator', 'coordinator', 'viewer'],
  'contribution.read': ['API key', 'platform administrator', 'coordinator', 'viewer', 'partner of the library'],
  // The partner's own word: nobody else can give it, not even the coordinator or an administrator.
  'contribution.confirm': ['partner of the library'],
};

test('every action × every person: default deny, each role exactly its rights', () => {
  assert.deepEqual(Object.keys(allowed).sort(), [...financeActions].sort());
  for (const action of financeActions) {
    for (const [who, actor] of Object.entries(people)) {
      const want = allowed[action].includes(who);
      assert.equal(canFinance(actor, action, { ecosystemId, organisationIds: [library] }), want, `${who} ${want ? 'may' : 'may not'} ${action}`);
    }
  }
});

test('a partner editor reaches only rows of its own organisation, and only with the organisation named', () => {
  const partner = people['partner of the library']!;
  assert.equal(canFinance(partner, 'contribution.confirm', { ecosystemId, organisationIds: [museum] }), false);
  assert.equal(canFinance(partner, 'agreement.read', { ecosystemId }), false);
  assert.equal(canFinance(partner, 'agreement.read', { ecosystemId, organisationIds: [museum, library] }), true);
  assert.equal(canFinance(partner, 'contribution.read', { ecosystemId: otherEcosystem, organisationIds: [library] }), false);
});

test('what each person may read: everything, their own organisations, or nothing', () => {
  assert.equal(readableFor(people.viewer!, 'contribution.read', ecosystemId), 'all');
  assert.equal(readableFor(people.coordinator!, 'agreement.read', ecosystemId), 'all');
  assert.deepEqual(readableFor(people['partner of the museum']!, 'contribution.read', ecosystemId), [museum]);
  assert.deepEqual(readableFor(people['school contact']!, 'contribution.read', ecosystemId), []);
  assert.deepEqual(readableFor(people['coordinator of another ecosystem']!, 'agreement.read', ecosystemId), []);
  assert.deepEqual(readableFor(people.anonymous!, 'agreement.read', ecosystemId), []);
});
