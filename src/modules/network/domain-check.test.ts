import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sectors } from '../catalogue/vocabulary.js';
import { checkDomains, domainOf, domains, sectorDomains } from './domain-check.js';

test('every sector of the catalogue is mapped, and every domain has sectors', () => {
  assert.deepEqual(Object.keys(sectorDomains).sort(), [...sectors].sort());
  for (const domain of domains) assert.ok(Object.values(sectorDomains).includes(domain), domain);
  assert.equal(domainOf('school_primary'), 'education');
  assert.equal(domainOf('company'), 'business');
  assert.equal(domainOf('youth_work'), 'social');
  assert.equal(domainOf('library'), 'culture');
  assert.equal(domainOf('other'), null);
  assert.equal(domainOf('toString'), null, 'no prototype keys');
  assert.equal(domainOf('spaceport'), null);
});

// [active partner sectors, missing domains, partners needed, complete]
const cases: Array<[string, string[], string[], number, boolean]> = [
  ['nobody yet', [], ['education', 'culture', 'social', 'business'], 5, false],
  ['one school', ['school_primary'], ['culture', 'social', 'business'], 4, false],
  ['four domains, four partners', ['school_primary', 'museum', 'youth_work', 'company'], [], 1, false],
  ['five partners, no social domain', ['school_primary', 'school_secondary', 'museum', 'library', 'company'], ['social'], 0, false],
  ['five partners in four domains', ['school_primary', 'museum', 'youth_work', 'company', 'library'], [], 0, true],
  ['an "other" partner counts towards five but not a domain', ['school_primary', 'museum', 'club', 'company', 'other'], [], 0, true],
  ['only "other" partners', ['other', 'other', 'other', 'other', 'other', 'other'], ['education', 'culture', 'social', 'business'], 0, false],
];

test('the domain check names what is missing', () => {
  for (const [name, active, missing, needed, complete] of cases) {
    const result = checkDomains(active);
    assert.deepEqual(result.missingDomains, missing, name);
    assert.equal(result.partnersNeeded, needed, name);
    assert.equal(result.complete, complete, name);
    assert.equal(result.activePartners, active.length, name);
  }
  assert.deepEqual(checkDomains(['school_primary', 'vocational', 'nature', 'municipality']).perDomain, { education: 2, culture: 1, social: 1, business: 0 });
});
