import type { PassRecord } from './queries/pass-privacy-record.js';
import { formatPassCode } from './pass-code.js';

/**
 * Everything about one pass as one JSON document, for its parent (the right
 * of access and to data portability). Field names are English and stable;
 * `about` says in Dutch what the file is. The secret and the private link
 * are not in it: only their hashes are kept, and those open nothing.
 */
export function passExport(
  record: PassRecord,
  staffViews: Array<{ at: Date; by: string }>,
  ecosystem: { name: string; slug: string },
  /** What other modules keep about the pass (sign-ups, …), by module id: see `passData` in the module manifest. */
  more: Record<string, unknown> = {},
  now: Date = new Date(),
) {
  return {
    about: `Alle gegevens die ${ecosystem.name} bewaart over deze kinderpas, gedownload op ${now.toISOString()}.`,
    exportedAt: now.toISOString(),
    ecosystem: { name: ecosystem.name, slug: ecosystem.slug },
    pass: {
      code: formatPassCode(record.code),
      issuedVia: record.issuedVia,
      createdAt: record.createdAt.toISOString(),
      lastActiveAt: record.lastActiveAt.toISOString(),
      hasPrivateLink: record.hasPrivateLink,
    },
    profile: {
      nickname: record.profile.nickname,
      birthYear: record.profile.birthYear,
      postcode: record.profile.postcode,
      neighbourhood: record.profile.neighbourhood,
      school: record.profile.school,
      gender: record.profile.gender,
      contactEmail: record.profile.contactEmail,
    },
    consents: {
      current: record.consents,
      history: [...record.consentHistory].reverse().map((c) => ({
        purpose: c.purpose,
        granted: c.granted,
        givenBy: c.givenBy,
        givenByName: c.givenByName,
        recordedAt: c.recordedAt.toISOString(),
        recordedByStaff: c.recordedByStaff,
      })),
    },
    participations: [...record.participations].reverse().map((p) => ({
      scannedAt: p.scannedAt.toISOString(),
      activity: p.activity,
      activityId: p.activityId,
      organisation: p.organisation,
      session: { startsAt: p.sessionStartsAt.toISOString(), endsAt: p.sessionEndsAt.toISOString() },
      // What monitoring may count (only with its consent); null when nothing was kept.
      monitoringSnapshot: p.neighbourhoodId === null && p.age === null ? null : { neighbourhoodId: p.neighbourhoodId, age: p.age },
    })),
    badges: [...record.badges].reverse().map((b) => ({
      id: b.id,
      achievement: b.achievement,
      issuedAt: b.issuedAt.toISOString(),
      revokedAt: b.revokedAt?.toISOString() ?? null,
      credential: b.credential ?? null,
    })),
    staffViews: staffViews.map((v) => ({ at: v.at.toISOString(), by: v.by })),
    ...more,
  };
}
