import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amsterdamInstant, amsterdamTime, isCalendarDay, isoWeekday, parseSeriesForm, parseSessionForm, weeklyDays } from './forms.js';

test('Amsterdam wall-clock time becomes the right instant in winter and in summer', () => {
  assert.equal(amsterdamInstant('2027-01-13', '14:00').toISOString(), '2027-01-13T13:00:00.000Z');
  assert.equal(amsterdamInstant('2027-07-14', '14:00').toISOString(), '2027-07-14T12:00:00.000Z');
  // The Sunday clocks go forward (28 March 2027) and back (31 October 2027).
  assert.equal(amsterdamInstant('2027-03-28', '10:00').toISOString(), '2027-03-28T08:00:00.000Z');
  assert.equal(amsterdamInstant('2027-10-31', '10:00').toISOString(), '2027-10-31T09:00:00.000Z');
  assert.equal(amsterdamTime(amsterdamInstant('2027-10-31', '10:00')), '10:00');
});

test('weekly days: every week on the weekday, from the first one on or after the start', () => {
  assert.equal(isoWeekday('2027-01-11'), 1);
  assert.equal(isoWeekday('2027-01-17'), 7);
  assert.deepEqual(weeklyDays(3, '2027-01-11', '2027-02-03'), ['2027-01-13', '2027-01-20', '2027-01-27', '2027-02-03']);
  assert.deepEqual(weeklyDays(1, '2027-01-11', '2027-01-11'), ['2027-01-11']);
  assert.deepEqual(weeklyDays(2, '2027-01-11', '2027-01-11'), []);
  // Across the change to summer time the series keeps its weekday.
  assert.ok(weeklyDays(7, '2027-03-01', '2027-04-30').every((d) => isoWeekday(d) === 7));
});

test('calendar days must exist', () => {
  assert.equal(isCalendarDay('2028-02-29'), true);
  assert.equal(isCalendarDay('2027-02-29'), false);
  assert.equal(isCalendarDay('2027-13-01'), false);
  assert.equal(isCalendarDay('14-03-2027'), false);
});

test('session form: times as 9:30 or 09.30, capacity optional', () => {
  const ok = parseSessionForm({ date: '2027-05-12', startTime: '9.30', endTime: '11:00', capacity: '', note: '' });
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.input!.startsAt.toISOString(), '2027-05-12T07:30:00.000Z');
  assert.equal(ok.input!.capacity, null);
  assert.deepEqual(parseSessionForm({ date: '2027-05-12', startTime: '24:00', endTime: '11:00' }).problems.map((p) => p.field), ['startTime']);
});

test('series form: exceptions one per line or separated by commas', () => {
  const parsed = parseSeriesForm({ weekday: '3', startTime: '14:00', endTime: '15:00', from: '2027-01-11', until: '2027-03-01', skip: '2027-01-20\r\n2027-01-27, 2027-02-03', capacity: '12' });
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.input!.skip, ['2027-01-20', '2027-01-27', '2027-02-03']);
  assert.equal(parsed.input!.capacity, 12);
});
