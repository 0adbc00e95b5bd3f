/**
 * The lottery draw as a pure function: the same entries, policy and seed give
 * the same result, on any machine, so anyone can re-run a recorded draw and
 * compare. No clock, no database, no Math.random. The algorithm is described
 * in docs/lottery.md.
 */

/** The ecosystem's priorities, as in force at the draw. */
export interface LotteryPolicy {
  /** Children with no participation yet this season go first. */
  firstTimers: boolean;
  /** Children from a priority neighbourhood (SES tier at or below the ecosystem's limit) go before others. */
  priorityAreas: boolean;
  /** Brothers and sisters entered together get places together, or wait together. */
  siblingsTogether: boolean;
  /** Everyone one place before anyone a second. */
  oneBeforeTwo: boolean;
}

export interface DrawSession {
  sessionId: number;
  /** Places to give out in this draw. */
  places: number;
}

export interface DrawEntry {
  signupId: string;
  /** Stands for the child: entries with the same key are one child (a pseudonym, never a name). */
  childKey: string;
  /** Entries of brothers and sisters entered together share this key. */
  familyKey: string | null;
  sessionId: number;
  /** The family's order of preference among the child's entries, 1 = first. */
  choice: number;
  firstTimer: boolean;
  priorityArea: boolean;
}

export interface DrawInput {
  sessions: DrawSession[];
  entries: DrawEntry[];
}

/** Why a child came where it came: the priorities that applied, its lot and the round. */
export interface Assignment {
  signupId: string;
  sessionId: number;
  childKey: string;
  outcome: 'place' | 'waiting';
  /** For a place: the round it was given in (1 = everyone's first place). */
  round: number | null;
  /** For the waiting list: the position on that session's list. */
  position: number | null;
}

export interface DrawUnit {
  /** The family key, or the child's key for a child entered alone. */
  unitKey: string;
  childKeys: string[];
  /** The random number that orders units within the same priority: lower goes first. */
  lot: number;
  firstTimer: boolean;
  priorityArea: boolean;
  /** The unit's place in the order of the draw, 1 = first. */
  rank: number;
}

export interface DrawResult {
  units: DrawUnit[];
  assignments: Assignment[];
}

/**
 * sfc32, a small fast counter-based generator with a 128-bit state, seeded
 * from the 32 hex digits of the seed. Good enough statistically for a
 * lottery and, above all, the same everywhere.
 */
export function seededRandom(seed: string): () => number {
  if (!/^[0-9a-f]{32}$/.test(seed)) throw new Error('seed must be 32 lowercase hex digits');
  let a = parseInt(seed.slice(0, 8), 16) >>> 0;
  let b = parseInt(seed.slice(8, 16), 16) >>> 0;
  let c = parseInt(seed.slice(16, 24), 16) >>> 0;
  let d = parseInt(seed.slice(24, 32), 16) >>> 0;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  // Warm up, so similar seeds do not start with similar numbers.
  for (let i = 0; i < 15; i += 1) next();
  return () => next() / 4294967296;
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Draws the places. Units (a family entered together, or one child) are
 * ordered by priority (first-timers, then priority areas, as the policy says)
 * and within a priority by a random lot from the seed. Then, in that order,
 * each unit gets its most preferred session that still has room for all its
 * children who entered it; with `oneBeforeTwo`, one place per child per round,
 * so everyone gets a first place before anyone a second. Entries left over go
 * to the waiting lists in the same order.
 */
export function drawLottery(input: DrawInput, policy: LotteryPolicy, seed: string): DrawResult {
  const random = seededRandom(seed);
  // Units, built from entries sorted by key, so the input's order never matters.
  const entries = [...input.entries].sort((x, y) => compareText(x.childKey, y.childKey) || x.choice - y.choice || x.sessionId - y.sessionId || compareText(x.signupId, y.signupId));
  const unitOf = (e: DrawEntry) => (policy.siblingsTogether && e.familyKey ? `f:${e.familyKey}` : `c:${e.childKey}`);
  const unitMap = new Map<string, { unitKey: string; childKeys: Set<string>; firstTimer: boolean; priorityArea: boolean }>();
  for (const e of entries) {
    const key = unitOf(e);
    const unit = unitMap.get(key) ?? { unitKey: key, childKeys: new Set<string>(), firstTimer: false, priorityArea: false };
    unit.childKeys.add(e.childKey);
    // A family counts as first-timer or from a priority area when one of its children does: they go together.
    unit.firstTimer ||= e.firstTimer;
    unit.priorityArea ||= e.priorityArea;
    unitMap.set(key, unit);
  }
  const keys = [...unitMap.keys()].sort(compareText);
  // One lot per unit, drawn in key order: the seed alone decides.
  const lots = new Map(keys.map((k) => [k, random()]));
  const tier = (u: { firstTimer: boolean; priorityArea: boolean }) => (policy.firstTimers && !u.firstTimer ? 2 : 0) + (policy.priorityAreas && !u.priorityArea ? 1 : 0);
  const ordered = keys
    .map((k) => unitMap.get(k)!)
    .sort((x, y) => tier(x) - tier(y) || lots.get(x.unitKey)! - lots.get(y.unitKey)! || compareText(x.unitKey, y.unitKey));
  const units: DrawUnit[] = ordered.map((u, i) => ({ unitKey: u.unitKey, childKeys: [...u.childKeys].sort(compareText), lot: lots.get(u.unitKey)!, firstTimer: u.firstTimer, priorityArea: u.priorityArea, rank: i + 1 }));

  const room = new Map(input.sessions.map((s) => [s.sessionId, Math.max(0, s.places)]));
  const entriesOfUnit = new Map<string, DrawEntry[]>();
  for (const e of entries) {
    const list = entriesOfUnit.get(unitOf(e)) ?? [];
    list.push(e);
    entriesOfUnit.set(unitOf(e), list);
  }
  const placed = new Map<string, number>(); // signupId → round
  const placesOfChild = new Map<string, number>();
  const maxRounds = policy.oneBeforeTwo ? Math.max(0, ...[...entriesOfUnit.values()].map((es) => es.length)) : 1;
  for (let round = 1; round <= maxRounds; round += 1) {
    for (const unit of units) {
      const open = entriesOfUnit.get(unit.unitKey)!.filter((e) => !placed.has(e.signupId) && room.has(e.sessionId));
      // Sessions the unit entered, by the best preference any of its children gave.
      const sessions = [...new Set(open.map((e) => e.sessionId))].sort((x, y) => {
        const best = (s: number) => Math.min(...open.filter((e) => e.sessionId === s).map((e) => e.choice));
        return best(x) - best(y) || x - y;
      });
      for (const sessionId of sessions) {
        // In this round, a child that already got a place this round waits for the next.
        const group = open.filter((e) => e.sessionId === sessionId && (!policy.oneBeforeTwo || (placesOfChild.get(e.childKey) ?? 0) < round));
        if (group.length === 0) continue;
        if (room.get(sessionId)! < group.length) continue;
        room.set(sessionId, room.get(sessionId)! - group.length);
        for (const e of group) {
          placed.set(e.signupId, round);
          placesOfChild.set(e.childKey, (placesOfChild.get(e.childKey) ?? 0) + 1);
        }
        if (policy.oneBeforeTwo) break;
      }
    }
  }
  // The rest wait, per session in the order of the draw; brothers and sisters next to each other.
  const positions = new Map<number, number>();
  const assignments: Assignment[] = [];
  for (const unit of units) {
    for (const e of entriesOfUnit.get(unit.unitKey)!) {
      const round = placed.get(e.signupId);
      if (round !== undefined) {
        assignments.push({ signupId: e.signupId, sessionId: e.sessionId, childKey: e.childKey, outcome: 'place', round, position: null });
      } else {
        const position = (positions.get(e.sessionId) ?? 0) + 1;
        positions.set(e.sessionId, position);
        assignments.push({ signupId: e.signupId, sessionId: e.sessionId, childKey: e.childKey, outcome: 'waiting', round: null, position });
      }
    }
  }
  return { units, assignments };
}
