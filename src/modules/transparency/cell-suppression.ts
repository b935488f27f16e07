/**
 * Small-cell suppression for published counts, with complementary suppression checked by the
 * attacker it has to defeat.
 *
 * A report is a set of counts (cells and their totals) tied by additive equations: a row's
 * cells sum to the row total, a quarter's cell is the sum of the same cell in its three months,
 * and so on. Counts from 1 to threshold−1 are suppressed (primary: shown as "<5"). That alone
 * protects nothing when a row total is published: total minus the other cells gives the hidden
 * one back. So other counts are suppressed as well — zeros first, shown as "<5" like any count
 * under the threshold, else larger counts, shown as "x" — until an attacker who knows every
 * published figure, every equation and the rule itself (a "<5" lies in 0..threshold−1, an "x"
 * is at least the threshold) can pin down no suppressed count exactly.
 *
 * The attacker is interval propagation over the equations plus probing (each candidate value of
 * a hidden cell is tried and kept only if the whole system stays consistent). It is the attack a
 * spreadsheet user can carry out; the tests also run a complete search on small systems.
 */

export interface CountSystem {
  /** Every count the report contains. */
  readonly values: readonly number[];
  /** `values[total] === sum(values[parts])` for each equation. */
  readonly equations: readonly CountEquation[];
}

export interface CountEquation {
  readonly total: number;
  readonly parts: readonly number[];
}

export type Disclosure = 'PUBLISHED' | 'PRIMARY' | 'COMPLEMENTARY';

export interface Bounds {
  lo: number;
  hi: number;
}

/** Below this, "<t" would say too little about anything to be worth suppressing (t = 2 hides only ones). */
export const MINIMUM_THRESHOLD = 3;

/** Which counts to publish and which to suppress. */
export function suppressSmallCounts(system: CountSystem, threshold: number): Disclosure[] {
  if (!Number.isInteger(threshold) || threshold < MINIMUM_THRESHOLD) {
    throw new RangeError(`suppression threshold must be a whole number of at least ${MINIMUM_THRESHOLD}`);
  }
  const disclosure: Disclosure[] = system.values.map((v) => (v > 0 && v < threshold ? 'PRIMARY' : 'PUBLISHED'));
  const equationsOf = equationsByCount(system);
  for (;;) {
    const bounds = attackerBounds(system, disclosure, threshold);
    const exposed = disclosure.findIndex((d, i) => d !== 'PUBLISHED' && bounds[i]!.lo === bounds[i]!.hi);
    if (exposed < 0) return disclosure;
    const partner = complementFor(exposed, system, disclosure, equationsOf);
    if (partner === undefined) throw new Error(`count ${exposed} cannot be protected: every count tied to it is already hidden`);
    // A hidden zero is printed like any count under the threshold (it is one), so it cannot be
    // told apart from a primary cell; a larger complement is printed "x".
    disclosure[partner] = system.values[partner] === 0 ? 'PRIMARY' : 'COMPLEMENTARY';
  }
}

/**
 * The published count that best hides `exposed`, searched outwards from it through the
 * equations (its own first, then those of the counts tied to it): a zero if there is one (hiding
 * it loses no information), else the smallest cell, else the smallest total.
 */
function complementFor(exposed: number, system: CountSystem, disclosure: readonly Disclosure[], equationsOf: readonly number[][]): number | undefined {
  const isTotal = new Set(system.equations.map((e) => e.total));
  const cost = (i: number) => [system.values[i] === 0 ? 0 : 1, isTotal.has(i) ? 1 : 0, system.values[i]!, i];
  const cheaper = (a: number, b: number) => {
    const [x, y] = [cost(a), cost(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k]! < y[k]!;
    return false;
  };
  const seen = new Set([exposed]);
  let frontier = [exposed];
  while (frontier.length > 0) {
    let best: number | undefined;
    const next: number[] = [];
    for (const at of frontier) {
      for (const e of equationsOf[at] ?? []) {
        const equation = system.equations[e]!;
        for (const member of [equation.total, ...equation.parts]) {
          if (seen.has(member)) continue;
          seen.add(member);
          next.push(member);
          if (disclosure[member] === 'PUBLISHED' && (best === undefined || cheaper(member, best))) best = member;
        }
      }
    }
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}

function equationsByCount(system: CountSystem): number[][] {
  const byCount: number[][] = system.values.map(() => []);
  system.equations.forEach((equation, e) => {
    for (const member of [equation.total, ...equation.parts]) byCount[member]!.push(e);
  });
  return byCount;
}

/**
 * What an attacker can conclude about every count from what is shown: published counts exactly,
 * a "<threshold" in 1..threshold−1, an "x" at least the threshold, narrowed by the equations.
 */
export function attackerBounds(system: CountSystem, disclosure: readonly Disclosure[], threshold: number): Bounds[] {
  const initial = disclosure.map((d, i): Bounds => {
    if (d === 'PUBLISHED') return { lo: system.values[i]!, hi: system.values[i]! };
    if (d === 'PRIMARY') return { lo: 0, hi: threshold - 1 };
    return { lo: threshold, hi: Infinity };
  });
  const bounds = propagate(system.equations, initial);
  if (bounds === undefined) throw new Error('the published counts are inconsistent with their equations');
  // Probing: a value of a hidden count survives only if fixing it leaves the system consistent.
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < bounds.length; i++) {
      if (disclosure[i] === 'PUBLISHED') continue;
      const { lo, hi } = bounds[i]!;
      if (lo === hi || hi - lo > PROBE_LIMIT) continue;
      let first: number | undefined;
      let last: number | undefined;
      for (let v = lo; v <= hi; v++) {
        const trial = bounds.map((b) => ({ ...b }));
        trial[i] = { lo: v, hi: v };
        if (propagate(system.equations, trial) === undefined) continue;
        first ??= v;
        last = v;
      }
      if (first === undefined || last === undefined) throw new Error('the published counts are inconsistent with their equations');
      if (first !== lo || last !== hi) {
        bounds[i] = { lo: first, hi: last };
        const narrowed = propagate(system.equations, bounds);
        if (narrowed === undefined) throw new Error('the published counts are inconsistent with their equations');
        bounds.splice(0, bounds.length, ...narrowed);
        changed = true;
      }
    }
  }
  return bounds;
}

/** Ranges wider than this are not probed value by value (they are far from being pinned). */
const PROBE_LIMIT = 200;

/** Interval propagation to a fixed point; undefined when the bounds contradict an equation. */
export function propagate(equations: readonly CountEquation[], start: readonly Bounds[]): Bounds[] | undefined {
  const bounds = start.map((b) => ({ ...b }));
  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    for (const { total, parts } of equations) {
      let loSum = 0;
      let finiteHiSum = 0;
      let unboundedParts = 0;
      for (const p of parts) {
        loSum += bounds[p]!.lo;
        if (Number.isFinite(bounds[p]!.hi)) finiteHiSum += bounds[p]!.hi;
        else unboundedParts++;
      }
      const hiSum = unboundedParts > 0 ? Infinity : finiteHiSum;
      const t = bounds[total]!;
      // total ∈ [Σlo, Σhi]
      if (loSum > t.lo) {
        t.lo = loSum;
        changed = true;
      }
      if (hiSum < t.hi) {
        t.hi = hiSum;
        changed = true;
      }
      if (t.lo > t.hi) return undefined;
      // part ∈ [total.lo − Σhi(others), total.hi − Σlo(others)]
      for (const p of parts) {
        const b = bounds[p]!;
        const ownUnbounded = Number.isFinite(b.hi) ? 0 : 1;
        const othersHi = unboundedParts - ownUnbounded > 0 ? Infinity : finiteHiSum - (ownUnbounded ? 0 : b.hi);
        const lo = t.lo - othersHi;
        const hi = t.hi - (loSum - b.lo);
        if (lo > b.lo) {
          b.lo = lo;
          changed = true;
        }
        if (hi < b.hi) {
          b.hi = hi;
          changed = true;
        }
        if (b.lo > b.hi) return undefined;
      }
    }
    if (!changed) return bounds;
  }
  return bounds;
}
