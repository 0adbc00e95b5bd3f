import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  grantYears, latestGrantEnd, parseAgreementForm, parseBudgetLineForm, parseContributionForm, parseEuros, parseExpenseForm, parseGrantForm, parseHours,
  parseSignatoryForm,
} from './finance-forms.js';
import { checkCofinancing, eurosText, hoursText, money, percentOf, ratioText, requiredCofinancing, sum, valueOf } from './finance-money.js';

describe('amounts as Dutch people type them', () => {
  const good: Array<[string, number]> = [
    ['0', 0], ['7', 700], ['7,5', 750], ['7,50', 750], ['1.250,50', 125_050], ['1250,50', 125_050], ['€ 1.250', 125_000], ['€1.250.000', 125_000_000],
    ['12.50', 1250], ['12.5', 1250], ['1.234.567,89', 123_456_789], [' 99 ', 9900], ['1 250,00', 125_000],
  ];
  for (const [text, cents] of good) test(`"${text}" is ${cents} cents`, () => assert.equal(parseEuros(text), cents));
  const bad: Array<[string, string]> = [
    ['-5', 'finance.field.amount.negative'], ['−5', 'finance.field.amount.negative'], ['-0,01', 'finance.field.amount.negative'],
    ['7,505', 'finance.field.amount.decimals'], ['0,001', 'finance.field.amount.decimals'], ['12.3456', 'finance.field.amount.decimals'],
    ['tien', 'finance.field.amount.invalid'], ['1,2,3', 'finance.field.amount.invalid'], ['1.23.4', 'finance.field.amount.invalid'], ['1e6', 'finance.field.amount.invalid'],
    ['', 'finance.field.amount.invalid'], ['9999999999999', 'finance.field.amount.invalid'], ['€', 'finance.field.amount.invalid'], ['Infinity', 'finance.field.amount.invalid'],
  ];
  for (const [text, key] of bad) test(`"${text}" is refused: ${key}`, () => assert.equal(parseEuros(text), key));
});

describe('hours with at most two decimals', () => {
  const good: Array<[string, number]> = [['40', 4000], ['7,5', 750], ['7.25', 725], ['0,01', 1], ['12 uur', 1200]];
  for (const [text, hundredths] of good) test(`"${text}" is ${hundredths} hundredths`, () => assert.equal(parseHours(text), hundredths));
  const bad: Array<[string, string]> = [
    ['-3', 'finance.field.hours.negative'], ['7,255', 'finance.field.hours.decimals'], ['0', 'finance.field.hours.zero'], ['0,00', 'finance.field.hours.zero'],
    ['veel', 'finance.field.hours.invalid'], ['1.000,5', 'finance.field.hours.invalid'],
  ];
  for (const [text, key] of bad) test(`"${text}" is refused: ${key}`, () => assert.equal(parseHours(text), key));
});

describe('money in integers', () => {
  test('hours × rate rounds half up to the cent, as the database does', () => {
    assert.equal(valueOf({ hoursHundredths: 750, hourlyRateCents: 6_000 }), 45_000);
    assert.equal(valueOf({ hoursHundredths: 1, hourlyRateCents: 50 }), 1); // 0,01 h × € 0,50 = 0,5 cent → 1
    assert.equal(valueOf({ hoursHundredths: 1, hourlyRateCents: 49 }), 0);
    assert.equal(valueOf({ hoursHundredths: 333, hourlyRateCents: 3_333 }), 11_099); // 3,33 × 33,33 = 110,9889
    assert.equal(valueOf({ hoursHundredths: 10_000_000, hourlyRateCents: 50_000 }), 5_000_000_000);
  });

  test('no floating-point drift: a thousand times 0,10 is exactly 100', () => {
    assert.equal(sum(Array.from({ length: 1000 }, () => 10)), 10_000);
    assert.equal(eurosText(sum(Array.from({ length: 1000 }, () => 10))), '100');
  });

  test('required co-financing rounds up to the cent, for any ratio', () => {
    assert.equal(requiredCofinancing(100_000, { cofinancingPart: 1, grantPart: 1 }), 100_000);
    assert.equal(requiredCofinancing(100_001, { cofinancingPart: 1, grantPart: 2 }), 50_001);
    assert.equal(requiredCofinancing(100, { cofinancingPart: 1, grantPart: 3 }), 34);
    assert.equal(requiredCofinancing(2_000_000_000, { cofinancingPart: 100, grantPart: 1 }), 200_000_000_000);
  });

  test('the check says what is missing', () => {
    const short = checkCofinancing(40_000, 100_000, { cofinancingPart: 1, grantPart: 1 });
    assert.deepEqual(short, { cofinancingCents: 40_000, grantCents: 100_000, requiredCents: 100_000, shortCents: 60_000, meets: false, ratioHundredths: 40 });
    const enough = checkCofinancing(150_000, 100_000, { cofinancingPart: 1, grantPart: 1 });
    assert.equal(enough.meets, true);
    assert.equal(enough.shortCents, 0);
    assert.equal(ratioText(enough.ratioHundredths!), '1,50 : 1');
    assert.equal(checkCofinancing(10, 0, { cofinancingPart: 1, grantPart: 1 }).ratioHundredths, null);
  });

  test('amounts and hours read back as typed', () => {
    assert.equal(eurosText(125_050), '1.250,50');
    assert.equal(eurosText(125_000), '1.250');
    assert.equal(money(7), '€\u00a00,07');
    assert.equal(money(100_000_000), '€\u00a01.000.000');
    assert.equal(hoursText(750), '7,5');
    assert.equal(hoursText(725), '7,25');
    assert.equal(hoursText(4000), '40');
    assert.equal(percentOf(1, 3), 33);
    assert.equal(percentOf(5, 0), 0);
    for (const cents of [0, 1, 99, 100, 125_050, 123_456_789]) assert.equal(parseEuros(eurosText(cents)), cents);
  });
});

describe('grant periods', () => {
  test('whole grant years', () => {
    assert.equal(grantYears('2026-08-01', '2029-07-31'), 3);
    assert.equal(grantYears('2026-08-01', '2029-08-01'), 4);
    assert.equal(grantYears('2026-01-01', '2026-06-30'), 1);
    assert.equal(grantYears('2024-02-29', '2025-02-28'), 1);
    assert.equal(latestGrantEnd('2026-08-01'), '2031-08-01');
  });
});

describe('the forms refuse what is wrong, field by field', () => {
  const agreement = { title: 'Convenant', kind: 'covenant', status: 'signed', startsOn: '2026-08-01', endsOn: '2029-07-31', reminderDays: '', documentUrl: '', notes: '' };
  const grant = { name: 'Techkwadraat', startsOn: '2026-08-01', endsOn: '2029-07-31', cofinancingPart: '1', grantPart: '1', awarded: '', notes: '', 'rate-po': '5.000' };
  const contribution = { organisationId: '3', agreementId: '', grantId: '1', stage: 'commitment', kind: 'hours', description: 'Educator', amount: '', hours: '40', hourlyRate: '60', datedOn: '' };
  const expense = { budgetLineId: '2', spentOn: '2026-09-01', description: 'Bus', organisationId: '', reference: '', amount: '250', hours: '', hourlyRate: '' };
  const now = new Date('2026-11-26T12:00:00Z');

  test('good input passes', () => {
    assert.deepEqual(parseAgreementForm(agreement).input, { ...agreement, kind: 'covenant', status: 'signed', reminderDays: 60, documentUrl: null });
    assert.deepEqual(parseGrantForm(grant).input?.rates, { po: 500_000 });
    assert.deepEqual(parseContributionForm(contribution, now).input?.value, { hoursHundredths: 4000, hourlyRateCents: 6000 });
    assert.deepEqual(parseExpenseForm(expense).input?.value, { amountCents: 25_000 });
    assert.deepEqual(parseBudgetLineForm({ category: 'activities', name: 'Workshops', planned1: '1.000', planned2: '', planned3: '2,5' }, 3).input?.planned, [100_000, 0, 250]);
    assert.equal(parseSignatoryForm({ signatoryOrganisation: '4', personName: 'A. de Vries', personFunction: '', signedOn: '2026-07-01' }, now).input?.organisationId, 4);
  });

  // [what, parser, fields changed, field with the problem, message key]
  const cases: Array<[string, (raw: Record<string, string>) => { problems: Array<{ field: string; key: string }> }, Record<string, string>, Record<string, string>, string, string]> = [
    ['agreement without title', parseAgreementForm, agreement, { title: '' }, 'title', 'finance.field.title.required'],
    ['agreement of an unknown kind', parseAgreementForm, agreement, { kind: 'contract' }, 'kind', 'manage.field.choose'],
    ['agreement ending before it starts', parseAgreementForm, agreement, { endsOn: '2026-07-31' }, 'endsOn', 'finance.field.endsOn.beforeStart'],
    ['agreement ending on its first day', parseAgreementForm, agreement, { endsOn: '2026-08-01' }, 'endsOn', 'finance.field.endsOn.beforeStart'],
    ['agreement on 30 February', parseAgreementForm, agreement, { startsOn: '2026-02-30' }, 'startsOn', 'field.invalidDate'],
    ['ended agreement without end', parseAgreementForm, agreement, { status: 'ended', endsOn: '' }, 'endsOn', 'finance.field.endsOn.requiredWhenEnded'],
    ['reminder of 0 days', parseAgreementForm, agreement, { reminderDays: '0' }, 'reminderDays', 'finance.field.reminderDays.invalid'],
    ['reminder of 400 days', parseAgreementForm, agreement, { reminderDays: '400' }, 'reminderDays', 'finance.field.reminderDays.invalid'],
    ['reminder of -5 days', parseAgreementForm, agreement, { reminderDays: '-5' }, 'reminderDays', 'finance.field.reminderDays.invalid'],
    ['a link that is no link', parseAgreementForm, agreement, { documentUrl: 'javascript:alert(1)' }, 'documentUrl', 'manage.field.website.invalid'],
    ['a title too long', parseAgreementForm, agreement, { title: 'x'.repeat(201) }, 'title', 'field.tooLong'],
    ['signed in the future', (r) => parseSignatoryForm(r, now), { signatoryOrganisation: '4', personName: 'A', personFunction: '', signedOn: '' }, { signedOn: '2027-01-01' }, 'signedOn', 'finance.field.signedOn.future'],
    ['signatory without name', (r) => parseSignatoryForm(r, now), { signatoryOrganisation: '4', personName: 'A', personFunction: '', signedOn: '' }, { personName: '' }, 'personName', 'finance.field.personName.required'],
    ['grant of six years', parseGrantForm, grant, { endsOn: '2032-07-31' }, 'endsOn', 'finance.field.grantPeriod.tooLong'],
    ['grant ending before it starts', parseGrantForm, grant, { endsOn: '2025-01-01' }, 'endsOn', 'finance.field.endsOn.beforeStart'],
    ['grant ratio 0 : 1', parseGrantForm, grant, { cofinancingPart: '0' }, 'cofinancingPart', 'finance.field.ratio.invalid'],
    ['grant ratio 1 : 1,5', parseGrantForm, grant, { grantPart: '1,5' }, 'grantPart', 'finance.field.ratio.invalid'],
    ['negative rate', parseGrantForm, grant, { 'rate-vwo': '-100' }, 'rate-vwo', 'finance.field.amount.negative'],
    ['rate beyond reason', parseGrantForm, grant, { 'rate-havo': '250.000' }, 'rate-havo', 'finance.field.amount.tooHigh'],
    ['awarded beyond reason', parseGrantForm, grant, { awarded: '25.000.000' }, 'awarded', 'finance.field.amount.tooHigh'],
    ['rate in three decimals', parseGrantForm, grant, { 'rate-po': '5000,125' }, 'rate-po', 'finance.field.amount.decimals'],
    ['contribution without partner', (r) => parseContributionForm(r, now), contribution, { organisationId: '' }, 'organisationId', 'manage.field.choose'],
    ['contribution partner "abc"', (r) => parseContributionForm(r, now), contribution, { organisationId: 'abc' }, 'organisationId', 'manage.field.choose'],
    ['negative hours', (r) => parseContributionForm(r, now), contribution, { hours: '-40' }, 'hours', 'finance.field.hours.negative'],
    ['hours in three decimals', (r) => parseContributionForm(r, now), contribution, { hours: '1,125' }, 'hours', 'finance.field.hours.decimals'],
    ['hours without rate', (r) => parseContributionForm(r, now), contribution, { hourlyRate: '' }, 'hourlyRate', 'finance.field.hourlyRate.required'],
    ['rate without hours', (r) => parseContributionForm(r, now), contribution, { hours: '' }, 'hours', 'finance.field.hours.required'],
    ['hourly rate of € 900', (r) => parseContributionForm(r, now), contribution, { hourlyRate: '900' }, 'hourlyRate', 'finance.field.amount.tooHigh'],
    ['hourly rate of € 0', (r) => parseContributionForm(r, now), contribution, { hourlyRate: '0' }, 'hourlyRate', 'finance.field.amount.tooLow'],
    ['amount and hours both', (r) => parseContributionForm(r, now), contribution, { amount: '100' }, 'amount', 'finance.field.value.both'],
    ['neither amount nor hours', (r) => parseContributionForm(r, now), contribution, { hours: '', hourlyRate: '' }, 'amount', 'finance.field.value.missing'],
    ['cash as hours', (r) => parseContributionForm(r, now), contribution, { kind: 'cash' }, 'amount', 'finance.field.value.cashIsAmount'],
    // A dot in hours is a decimal sign (people write 7.5), so "99.999" has three decimals.
    ['hours with a thousands dot', (r) => parseContributionForm(r, now), contribution, { hours: '99.999', hourlyRate: '500' }, 'hours', 'finance.field.hours.decimals'],
    ['hours × rate beyond € 10 million', (r) => parseContributionForm(r, now), contribution, { hours: '99999', hourlyRate: '500' }, 'hours', 'finance.field.value.tooHigh'],
    ['negative amount', (r) => parseContributionForm(r, now), contribution, { amount: '-1', hours: '', hourlyRate: '' }, 'amount', 'finance.field.amount.negative'],
    ['realised without date', (r) => parseContributionForm(r, now), contribution, { stage: 'realisation' }, 'datedOn', 'manage.field.date.required'],
    ['realised in the future', (r) => parseContributionForm(r, now), contribution, { stage: 'realisation', datedOn: '2027-01-01' }, 'datedOn', 'finance.field.realisedOn.future'],
    ['unknown stage', (r) => parseContributionForm(r, now), contribution, { stage: 'promised' }, 'stage', 'manage.field.choose'],
    ['in-kind without description', (r) => parseContributionForm(r, now), contribution, { description: '' }, 'description', 'finance.field.description.required'],
    ['expense without budget line', parseExpenseForm, expense, { budgetLineId: '' }, 'budgetLineId', 'manage.field.choose'],
    ['expense without date', parseExpenseForm, expense, { spentOn: '' }, 'spentOn', 'manage.field.date.required'],
    ['expense of -€ 250', parseExpenseForm, expense, { amount: '-250' }, 'amount', 'finance.field.amount.negative'],
    ['expense of € 11 million', parseExpenseForm, expense, { amount: '11.000.000' }, 'amount', 'finance.field.amount.tooHigh'],
    ['expense with a control character', parseExpenseForm, expense, { description: 'Bus\u0000' }, 'description', 'field.controlCharacters'],
    ['budget year with cents in three decimals', (r) => parseBudgetLineForm(r, 3), { category: 'other', name: 'x', planned1: '' }, { planned2: '1,234' }, 'planned2', 'finance.field.amount.decimals'],
    ['budget line of an unknown category', (r) => parseBudgetLineForm(r, 3), { category: 'other', name: 'x' }, { category: 'beer' }, 'category', 'manage.field.choose'],
  ];
  for (const [what, parse, base, change, field, key] of cases) {
    test(what, () => {
      const { problems } = parse({ ...base, ...change });
      assert.ok(problems.some((p) => p.field === field && p.key === key), `${what}: ${JSON.stringify(problems)}`);
    });
  }
});
