/**
 * Sets of documents as bitmaps: bit i of word i >> 5 says whether document i
 * is in the set. A finder query combines up to ten conditions over a whole
 * region's offer; with one bit per document, intersecting two conditions over
 * 100,000 activities touches about 3,000 words, and counting a set is a
 * population count rather than a walk over its members.
 */
export type DocSet = Int32Array;

/** An empty set for `n` documents. */
export function emptySet(n: number): DocSet {
  return new Int32Array((n + 31) >>> 5);
}

export function add(set: DocSet, i: number): void {
  set[i >>> 5]! |= 1 << (i & 31);
}

export function remove(set: DocSet, i: number): void {
  set[i >>> 5]! &= ~(1 << (i & 31));
}

export function has(set: DocSet, i: number): boolean {
  return (set[i >>> 5]! & (1 << (i & 31))) !== 0;
}

/** A set of the given documents. */
export function setOf(n: number, docs: ArrayLike<number>): DocSet {
  const set = emptySet(n);
  for (let k = 0; k < docs.length; k++) add(set, docs[k]!);
  return set;
}

/** `out` becomes the members of `out` that are also in `b`. */
export function intersectInto(out: DocSet, b: DocSet): void {
  for (let w = 0; w < out.length; w++) out[w]! &= b[w]!;
}

/** `out` becomes the members of `out` or `b`. */
export function unionInto(out: DocSet, b: DocSet): void {
  for (let w = 0; w < out.length; w++) out[w]! |= b[w]!;
}

/** `out` becomes the members of `out` that are not in `b`. */
export function subtractInto(out: DocSet, b: DocSet): void {
  for (let w = 0; w < out.length; w++) out[w]! &= ~b[w]!;
}

/** Number of members. */
export function size(set: DocSet): number {
  let n = 0;
  for (let w = 0; w < set.length; w++) {
    let x = set[w]!;
    if (x === 0) continue;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    x = (x + (x >>> 4)) & 0x0f0f0f0f;
    n += Math.imul(x, 0x01010101) >>> 24;
  }
  return n;
}

/** Writes the members into `out` in ascending order and returns how many there are. */
export function members(set: DocSet, out: Int32Array): number {
  let n = 0;
  for (let w = 0; w < set.length; w++) {
    let x = set[w]!;
    while (x !== 0) {
      const low = x & -x;
      out[n++] = (w << 5) + 31 - Math.clz32(low);
      x ^= low;
    }
  }
  return n;
}
