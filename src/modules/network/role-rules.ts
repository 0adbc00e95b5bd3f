import type { NetworkRole } from './db/schema.js';

/**
 * Who can hold each role. The penvoerder applies for the grant, so it is an
 * organisation (Techkwadraat guide); programme leader and coordinator are
 * people by definition; the bodies (steering group, core team, programme team,
 * community of practice) seat people, and may also list an organisation as a
 * member when it takes part as a whole. The database checks the same rules.
 */
export const roleHolders: Record<NetworkRole, { person: boolean; organisation: boolean }> = {
  lead_applicant: { person: false, organisation: true },
  steering_group: { person: true, organisation: true },
  programme_leader: { person: true, organisation: false },
  coordinator: { person: true, organisation: false },
  core_team: { person: true, organisation: true },
  programme_team: { person: true, organisation: true },
  community_of_practice: { person: true, organisation: true },
};

/** A role is current on `day` (yyyy-mm-dd) when it has started and not yet ended; the end day itself still counts. */
export function isCurrent(role: { startsOn: string; endsOn: string | null }, day: string): boolean {
  return role.startsOn <= day && (role.endsOn === null || role.endsOn >= day);
}

/** Whether two periods (end null = open) share at least one day. */
export function overlaps(a: { startsOn: string; endsOn: string | null }, b: { startsOn: string; endsOn: string | null }): boolean {
  return (a.endsOn === null || a.endsOn >= b.startsOn) && (b.endsOn === null || b.endsOn >= a.startsOn);
}
