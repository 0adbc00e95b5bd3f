import type { Sector } from '../catalogue/vocabulary.js';

/**
 * The four domains a learning ecosystem must connect (PRODUCT.md §7; the
 * Techkwadraat guide: schools, museums and libraries, companies, and the
 * social domain of the Twente essay).
 */
export const domains = ['education', 'culture', 'social', 'business'] as const;
export type Domain = (typeof domains)[number];

/** A network needs at least this many active partners (PRODUCT.md §7). */
export const minimumActivePartners = 5;

/**
 * The domain of each sector of the catalogue's taxonomy. Every sector is
 * listed, so adding one to the catalogue without deciding here fails to
 * compile. `null`: the sector counts as a partner but not towards a domain.
 */
export const sectorDomains: Record<Sector, Domain | null> = {
  // Schools are the education domain by definition.
  school_primary: 'education',
  school_secondary: 'education',
  school_special: 'education',
  // mbo, hbo and universities train the teachers and technicians of the region: education, even when they run out-of-school labs.
  vocational: 'education',
  // Museums are the core of the cultural domain in the seeds (VSC: "musea, bibliotheken, science centers").
  museum: 'culture',
  // Science centres are informal learning places run like museums (the VSC unites both), not schools.
  science_centre: 'culture',
  // Public libraries are cultural institutions by law (Wet stelsel openbare bibliotheekvoorzieningen), though they also reach into the social domain.
  library: 'culture',
  // Maker spaces sit in libraries and cultural centres in the seeds (Twente essay); making is a creative, cultural practice.
  maker_space: 'culture',
  // Art and culture organisations: the cultural domain itself.
  culture: 'culture',
  // Companies bring context, careers and expertise: the business domain.
  company: 'business',
  // Out-of-school care (BSO) is childcare, part of the social domain; the Zwolle core team counts it with welfare work.
  out_of_school_care: 'social',
  // Youth and social work are the social domain in the narrowest sense.
  youth_work: 'social',
  // Nature and environment education (IVN, NME centres) is informal learning outside school, like museums: culture and leisure, not the social domain.
  nature: 'culture',
  // Sports clubs, scouting and hobby clubs are civil society that reaches children through their free time: the social domain.
  club: 'social',
  // The municipality carries the social domain (youth, welfare) and is usually the party that connects it to the network.
  municipality: 'social',
  // Unknown kind: a partner, but no evidence for any domain.
  other: null,
};

/** The domain of a sector; `null` for sectors outside the four, and for codes the catalogue does not know. */
export function domainOf(sector: string): Domain | null {
  return Object.hasOwn(sectorDomains, sector) ? sectorDomains[sector as Sector] : null;
}

export interface DomainCheck {
  /** Active partners per domain. */
  perDomain: Record<Domain, number>;
  /** Active partners in total, including those in no domain. */
  activePartners: number;
  /** How many active partners are still needed to reach the minimum (0 when reached). */
  partnersNeeded: number;
  /** The domains without any active partner, in the order of `domains`. */
  missingDomains: Domain[];
  /** All four domains and enough partners. */
  complete: boolean;
}

/**
 * Whether the network connects the four domains with enough partners, from
 * the sectors of its active partners. Pure, so the checklist and its tests
 * agree by construction.
 */
export function checkDomains(activePartnerSectors: readonly string[]): DomainCheck {
  const perDomain: Record<Domain, number> = { education: 0, culture: 0, social: 0, business: 0 };
  for (const sector of activePartnerSectors) {
    const domain = domainOf(sector);
    if (domain) perDomain[domain] += 1;
  }
  const activePartners = activePartnerSectors.length;
  const partnersNeeded = Math.max(0, minimumActivePartners - activePartners);
  const missingDomains = domains.filter((d) => perDomain[d] === 0);
  return { perDomain, activePartners, partnersNeeded, missingDomains, complete: partnersNeeded === 0 && missingDomains.length === 0 };
}
