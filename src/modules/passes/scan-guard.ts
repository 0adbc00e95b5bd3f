/** How many unknown codes someone may scan in a window before scanning pauses for them. */
export interface GuardLimits {
  /** Per signed-in person (or per API key). */
  perActor: number;
  /** Per client address, whoever is signed in there. */
  perAddress: number;
  windowMs: number;
}

/**
 * A real partner rarely scans a code this ecosystem does not know (a pass of
 * another region, a card printed for a test); someone guessing does so all the
 * time. 80 random bits make guessing hopeless anyway; the limit keeps it
 * visible and cheap.
 */
export const defaultGuardLimits: GuardLimits = { perActor: 20, perAddress: 50, windowMs: 15 * 60_000 };

/** Entries kept before expired ones are swept out; bounds memory under a flood of addresses. */
const maxEntries = 50_000;

/**
 * Counts scans of well-formed but unknown codes per actor and per address, in
 * fixed windows, in this process's memory. Only unknown codes count: a typo
 * is caught by the check character before any look-up and never counts, and
 * normal scans pay one map look-up. Each server process counts on its own,
 * which multiplies the allowance by the number of processes and is still far
 * from useful for guessing.
 */
export class UnknownCodeGuard {
  private readonly counts = new Map<string, { n: number; until: number }>();

  constructor(
    private readonly limits: GuardLimits = defaultGuardLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  private current(key: string, now: number): number {
    const entry = this.counts.get(key);
    return entry && entry.until > now ? entry.n : 0;
  }

  /** Whether scanning is paused for this actor or address; answers in microseconds, without the database. */
  blocked(actorKey: string | undefined, address: string): boolean {
    if (this.counts.size === 0) return false;
    const now = this.clock();
    return (actorKey !== undefined && this.current(`a:${actorKey}`, now) >= this.limits.perActor) || this.current(`i:${address}`, now) >= this.limits.perAddress;
  }

  /** Seconds until the actor's and address's windows both allow scanning again. */
  retryAfterSeconds(actorKey: string | undefined, address: string): number {
    const now = this.clock();
    const untils = [actorKey !== undefined ? this.counts.get(`a:${actorKey}`)?.until : undefined, this.counts.get(`i:${address}`)?.until].filter((u): u is number => u !== undefined && u > now);
    return Math.max(1, Math.ceil((Math.max(now, ...untils) - now) / 1000));
  }

  /** Counts one unknown code; says whether this one reached a limit (so that is logged once per window). */
  note(actorKey: string | undefined, address: string): { limitReached: boolean } {
    const now = this.clock();
    if (this.counts.size >= maxEntries) this.sweep(now);
    const bump = (key: string, limit: number) => {
      const entry = this.counts.get(key);
      const n = entry && entry.until > now ? entry.n + 1 : 1;
      this.counts.set(key, { n, until: entry && entry.until > now ? entry.until : now + this.limits.windowMs });
      return n === limit;
    };
    const byActor = actorKey !== undefined && bump(`a:${actorKey}`, this.limits.perActor);
    const byAddress = bump(`i:${address}`, this.limits.perAddress);
    return { limitReached: byActor || byAddress };
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts) if (entry.until <= now) this.counts.delete(key);
    // Still full: a flood of addresses. Start over rather than grow without bound.
    if (this.counts.size >= maxEntries) this.counts.clear();
  }
}
