import type { UserActor } from '../modules/accounts/queries/actor-loader.js';
import { writeClock } from '../db/write-clock.js';

/** A signed-in person as the session query loads them. */
export type LoadedSession = UserActor & { lastSeenAt: Date; csrfSecret: string; expiresAt: Date };

interface Entry {
  session: LoadedSession;
  /** The access clock when the load started: any write to accounts, sessions or roles since then makes it stale. */
  access: number;
  cachedAt: number;
}

/**
 * Remembers signed-in people for a few seconds, so a partner's phone sending
 * scans, or anyone clicking through pages, costs no session query per request
 * (the scan endpoint's busiest cost after the scan itself; see bench:scan).
 *
 * Safe because every write in this process to the tables behind a session
 * (users, sessions, roles) moves `writeClock.access`, which empties it at once:
 * signing out, a role taken away or an account blocked take effect on the next
 * request. Changes made by another process (a second server, the command
 * line) are seen within `ttlMs`. Expired sessions are never answered.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private access = writeClock.access;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The clock to hand to `remember` for a load starting now. */
  clock(): number {
    return writeClock.access;
  }

  get(tokenHash: string, now = Date.now()): LoadedSession | undefined {
    this.forgetIfChanged();
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt > this.ttlMs || entry.session.expiresAt.getTime() <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.session;
  }

  /** Keeps a session loaded when the clock showed `access`; a write since then means it may be stale, so it is not kept. */
  remember(tokenHash: string, session: LoadedSession, access: number, now = Date.now()): void {
    this.forgetIfChanged();
    if (access !== writeClock.access) return;
    // Oldest first out; a Map keeps insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { session, access, cachedAt: now });
  }

  private forgetIfChanged(): void {
    if (this.access === writeClock.access) return;
    this.entries.clear();
    this.access = writeClock.access;
  }
}
