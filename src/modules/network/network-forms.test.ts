import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEndForm, parsePartnerForm, parsePersonForm, parseRoleForm, parseSchoolForm } from './network-forms.js';
import { isCurrent, overlaps, roleHolders } from './role-rules.js';

const roleChoices = { personIds: [1, 2], organisationIds: [10, 11], municipalities: ['Enschede', 'Hengelo'] };
const fields = (result: { problems: Array<{ field: string; key: string }> }) => result.problems.map((p) => `${p.field}:${p.key}`);

test('the role form: who may hold which role, where and when', () => {
  const ok = parseRoleForm({ role: 'core_team', personId: '1', organisationId: '', municipality: 'Hengelo', startsOn: '2026-01-01', endsOn: '', note: '' }, roleChoices);
  assert.deepEqual(ok.input, { role: 'core_team', personId: 1, organisationId: null, municipality: 'Hengelo', community: null, startsOn: '2026-01-01', endsOn: null, note: '' });
  // A community name typed on a core team is not kept: it belongs to another kind of role.
  assert.equal(parseRoleForm({ role: 'core_team', personId: '1', municipality: 'Enschede', community: 'Iets', startsOn: '2026-01-01' }, roleChoices).input?.community, null);
  const cases: Array<[Record<string, string>, string[]]> = [
    [{ role: 'lead_applicant', personId: '1', startsOn: '2026-01-01' }, ['personId:network.field.holder.organisationOnly']],
    [{ role: 'lead_applicant', startsOn: '2026-01-01' }, ['organisationId:network.field.holder.organisationRequired']],
    [{ role: 'coordinator', startsOn: '2026-01-01' }, ['personId:network.field.holder.personRequired']],
    [{ role: 'coordinator', organisationId: '10', startsOn: '2026-01-01' }, ['organisationId:network.field.holder.personOnly']],
    [{ role: 'programme_team', personId: '1', organisationId: '10', startsOn: '2026-01-01' }, ['personId:network.field.holder.both']],
    [{ role: 'programme_team', personId: '3', startsOn: '2026-01-01' }, ['personId:network.field.unknownChoice']],
    [{ role: 'programme_team', personId: '-1', startsOn: '2026-01-01' }, ['personId:network.field.unknownChoice']],
    [{ role: 'core_team', personId: '1', municipality: 'Zwolle', startsOn: '2026-01-01' }, ['municipality:field.unknownValue']],
    [{ role: 'community_of_practice', personId: '1', community: 'c'.repeat(101), startsOn: '2026-01-01' }, ['community:field.tooLong']],
    [{ role: 'programme_team', personId: '1', startsOn: '2026-05-02', endsOn: '2026-05-01' }, ['endsOn:network.field.endsOn.beforeStart']],
    [{ role: 'programme_team', personId: '1', startsOn: '2026-02-29' }, ['startsOn:field.invalidDate']],
  ];
  for (const [raw, want] of cases) assert.deepEqual(fields(parseRoleForm(raw, roleChoices)), want, JSON.stringify(raw));
  // Without municipalities in the ecosystem any name will do for a core team.
  assert.equal(parseRoleForm({ role: 'core_team', personId: '1', municipality: 'Wijk Noord', startsOn: '2026-01-01' }, { ...roleChoices, municipalities: [] }).input?.municipality, 'Wijk Noord');
  // Editing: the kind of role comes from the role, not from the form.
  assert.equal(parseRoleForm({ role: 'lead_applicant', personId: '1', startsOn: '2026-01-01' }, roleChoices, { role: 'programme_team' }).input?.role, 'programme_team');
});

test('ending a role, the partner, person and school forms', () => {
  assert.deepEqual(parseEndForm({ lastDay: '2026-06-30' }, '2026-01-01'), { problems: [], endsOn: '2026-06-30' });
  assert.deepEqual(fields(parseEndForm({ lastDay: '2025-12-31' }, '2026-01-01')), ['lastDay:network.field.endsOn.beforeStart']);
  assert.deepEqual(parsePartnerForm({ status: 'former', statusSince: '2026-08-31', note: ' Gestopt ' }).input, { organisationId: 0, status: 'former', statusSince: '2026-08-31', note: 'Gestopt' });
  assert.deepEqual(fields(parsePartnerForm({ organisationId: '5', status: 'active', statusSince: '2026-01-01' }, [4])), ['organisationId:network.field.unknownChoice']);
  assert.deepEqual(parsePersonForm({ name: 'Anna', email: 'A@B.NL', organisationId: '', userId: '' }, { organisationIds: [], userIds: [] }).input, {
    name: 'Anna', jobTitle: '', organisationId: null, email: 'a@b.nl', phone: null, userId: null,
  });
  assert.deepEqual(parseSchoolForm({ types: ['havo', 'vwo', 'havo'], pupilCount: '0', participation: 'participating', participatingSince: '2026-09-01', neighbourhoodId: '7' }, [7]).input, {
    types: ['havo', 'vwo'], pupilCount: 0, participation: 'participating', participatingSince: '2026-09-01', neighbourhoodId: 7,
  });
  // A date typed for a school that does not take part is not kept.
  assert.equal(parseSchoolForm({ types: 'po', participation: 'interested', participatingSince: '2026-09-01' }, []).input?.participatingSince, null);
});

test('role periods: current on the day, overlapping when they share a day', () => {
  assert.ok(isCurrent({ startsOn: '2026-01-01', endsOn: null }, '2026-01-01'));
  assert.ok(isCurrent({ startsOn: '2026-01-01', endsOn: '2026-03-31' }, '2026-03-31'), 'the last day still counts');
  assert.ok(!isCurrent({ startsOn: '2026-01-01', endsOn: '2026-03-31' }, '2026-04-01'));
  assert.ok(!isCurrent({ startsOn: '2026-05-01', endsOn: null }, '2026-04-30'));
  assert.ok(overlaps({ startsOn: '2026-01-01', endsOn: '2026-03-31' }, { startsOn: '2026-03-31', endsOn: null }));
  assert.ok(!overlaps({ startsOn: '2026-01-01', endsOn: '2026-03-31' }, { startsOn: '2026-04-01', endsOn: null }));
  assert.ok(overlaps({ startsOn: '2020-01-01', endsOn: null }, { startsOn: '2030-01-01', endsOn: null }));
  assert.deepEqual(Object.entries(roleHolders).filter(([, h]) => !h.person).map(([r]) => r), ['lead_applicant']);
  assert.deepEqual(Object.entries(roleHolders).filter(([, h]) => !h.organisation).map(([r]) => r), ['programme_leader', 'coordinator']);
});
