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
 *
 * Some counts no pattern protects (hiding more only ever widens what the attacker must consider,
 * so if hiding every figure still pins one, nothing will): those are reported back, and the
 * caller withholds the tables they are in (table-withholding.ts). Withheld figures are not
 * printed at all: the attacker knows only that they are whole numbers, and they must not be
 * worked out either.
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

export type Disclosure = 'PUBLISHED' | 'PRIMARY' | 'COMPLEMENTARY' | 'WITHHELD';

/** Either what to print of every count, or the counts no suppression around them protects. */
export type SuppressionPlan = { readonly disclosure: Disclosure[] } | { readonly unprotectable: readonly number[] };

export interface Bounds {
  lo: number;
  hi: number;
}

/** Below this, "<t" would say too little about anything to be worth suppressing (t = 2 hides only ones). */
export const MINIMUM_THRESHOLD = 3;

/**
 * Which counts to publish and which to suppress, the counts in `withheld` being printed nowhere;
 * or, when some count (small, or withheld) cannot be protected, which ones.
 */
export function suppressSmallCounts(system: CountSystem, threshold: number, withheld: ReadonlySet<number> = new Set()): SuppressionPlan {
  if (!Number.isInteger(threshold) || threshold < MINIMUM_THRESHOLD) {
    throw new RangeError(`suppression threshold must be a whole number of at least ${MINIMUM_THRESHOLD}`);
  }
  const isPrimary = (i: number) => system.values[i]! > 0 && system.values[i]! < threshold;
  const disclosure: Disclosure[] = system.values.map((_, i) => (withheld.has(i) ? 'WITHHELD' : isPrimary(i) ? 'PRIMARY' : 'PUBLISHED'));
  const equationsOf = equationsByCount(system);
  // Complements the attacker pinned and that were published again; never hidden a second time,
  // which is what makes the search end.
  const withdrawn = new Set<number>();
  for (;;) {
    const bounds = attackerBounds(system, disclosure, threshold, equationsOf);
    let exposed = disclosure.flatMap((d, i) => (d !== 'PUBLISHED' && bounds[i]!.lo === bounds[i]!.hi ? [i] : []));
    // Propagation and probing can miss what a complete search finds; where the hidden counts are
    // few enough to search, every one is checked exactly as well.
    if (exposed.length === 0) exposed = exactlyPinned(system, disclosure, equationsOf, bounds);
    if (exposed.length === 0) return { disclosure };
    // One complement per exposed count per round (a count whose neighbourhood this round's
    // complements already hid waits for the next); the attacker then runs again on the result.
    let hidden = 0;
    for (const count of exposed) {
      const partner = complementFor(count, system, disclosure, equationsOf, withdrawn);
      if (partner === undefined) continue;
      // A hidden zero is printed like any count under the threshold (it is one), so it cannot be
      // told apart from a primary cell; a larger complement is printed "x".
      disclosure[partner] = system.values[partner] === 0 ? 'PRIMARY' : 'COMPLEMENTARY';
      hidden++;
    }
    if (hidden > 0) continue;
    // Nothing is left to hide around the exposed counts. A complement the attacker pins protects
    // nothing, and its value is known already: publishing it tells the attacker nothing new (every
    // assignment consistent with the report keeps the same values), and it no longer needs
    // protecting. Without this the search hid more and more — zeros of empty months, counts at
    // exactly the threshold whose "x" the totals pin at its lower end — until every count was
    // hidden, still given away, and the report could not be published.
    const pinnedComplements = exposed.filter((i) => disclosure[i] !== 'WITHHELD' && !isPrimary(i));
    for (const count of pinnedComplements) {
      disclosure[count] = 'PUBLISHED';
      withdrawn.add(count);
    }
    if (pinnedComplements.length === 0) return { unprotectable: exposed };
  }
}

/**
 * The published count that best hides `exposed`, searched outwards from it through the
 * equations (its own first, then those of the counts tied to it): a zero if there is one (hiding
 * it loses no information), else the smallest cell, else the smallest total.
 */
function complementFor(
  exposed: number,
  system: CountSystem,
  disclosure: readonly Disclosure[],
  equationsOf: readonly number[][],
  withdrawn: ReadonlySet<number>,
): number | undefined {
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
          if (disclosure[member] === 'PUBLISHED' && !withdrawn.has(member) && (best === undefined || cheaper(member, best))) best = member;
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
 * a "<threshold" in 0..threshold−1, an "x" at least the threshold, a withheld one at least 0,
 * narrowed by the equations. The attacker also knows the largest count (`largestCount`: the
 * system's own, unless told otherwise). That makes it stronger, and it is also what makes the
 * narrowing end: with an "x" unbounded above, an impossible trial value could raise the lower
 * bounds of a cycle of totals one step at a time for ever instead of contradicting them.
 */
export function attackerBounds(
  system: CountSystem,
  disclosure: readonly Disclosure[],
  threshold: number,
  equationsOf: readonly number[][] = equationsByCount(system),
  largestCount: number = Math.max(0, ...system.values),
): Bounds[] {
  const n = system.values.length;
  const state = { lo: new Float64Array(n), hi: new Float64Array(n) };
  disclosure.forEach((d, i) => {
    state.lo[i] = d === 'PUBLISHED' ? system.values[i]! : d === 'COMPLEMENTARY' ? threshold : 0;
    state.hi[i] = d === 'PUBLISHED' ? system.values[i]! : d === 'PRIMARY' ? Math.min(threshold - 1, largestCount) : largestCount;
  });
  const inconsistent = () => new Error('the published counts are inconsistent with their equations');
  if (!narrow(system.equations, state, equationsOf)) throw inconsistent();
  // Probing: an end of a hidden count's range survives only if fixing the count there leaves the
  // whole system consistent; otherwise the range shrinks from that end and is propagated.
  const trial = { lo: new Float64Array(n), hi: new Float64Array(n) };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (disclosure[i] === 'PUBLISHED') continue;
      for (const end of ['lo', 'hi'] as const) {
        for (;;) {
          const v = state[end][i]!;
          if (state.lo[i] === state.hi[i] || !Number.isFinite(v)) break;
          trial.lo.set(state.lo);
          trial.hi.set(state.hi);
          trial.lo[i] = v;
          trial.hi[i] = v;
          if (narrow(system.equations, trial, equationsOf, [i])) break;
          if (end === 'lo') state.lo[i] = v + 1;
          else state.hi[i] = v - 1;
          if (!narrow(system.equations, state, equationsOf, [i])) throw inconsistent();
          changed = true;
        }
      }
    }
  }
  return Array.from(state.lo, (lo, i) => ({ lo, hi: state.hi[i]! }));
}

/** Interval propagation to a fixed point; undefined when the bounds contradict an equation. */
export function propagate(equations: readonly CountEquation[], start: readonly Bounds[]): Bounds[] | undefined {
  const state = { lo: Float64Array.from(start, (b) => b.lo), hi: Float64Array.from(start, (b) => b.hi) };
  const equationsOf: number[][] = start.map(() => []);
  equations.forEach((equation, e) => {
    for (const member of [equation.total, ...equation.parts]) equationsOf[member]!.push(e);
  });
  if (!narrow(equations, state, equationsOf)) return undefined;
  return Array.from(state.lo, (lo, i) => ({ lo, hi: state.hi[i]! }));
}

/**
 * Hidden counts at most this many are also checked by a complete search (its cost grows fast with
 * them): a quarter of a table up to 3×3 (16 counts a period) can be hidden whole and still checked.
 */
const EXACT_SEARCH_LIMIT = 64;
/** Search steps per hidden count before the search gives up and trusts propagation and probing. */
const EXACT_SEARCH_BUDGET = 20_000;

/**
 * Hidden counts a complete search pins: no assignment consistent with everything shown gives
 * them another value. An "x" is searched up to the largest count of the system, which only
 * makes the attacker stronger than one who does not know it.
 */
function exactlyPinned(system: CountSystem, disclosure: readonly Disclosure[], equationsOf: readonly number[][], bounds: readonly Bounds[]): number[] {
  const hidden = disclosure.flatMap((d, i) => (d === 'PUBLISHED' ? [] : [i]));
  if (hidden.length === 0 || hidden.length > EXACT_SEARCH_LIMIT) return [];
  const cap = Math.max(...system.values);
  const start = { lo: Float64Array.from(bounds, (b) => b.lo), hi: Float64Array.from(bounds, (b) => Math.min(b.hi, cap)) };
  const pinned: number[] = [];
  for (const i of hidden) {
    const truth = system.values[i]!;
    let budget = EXACT_SEARCH_BUDGET;
    const solvable = (state: BoundsState, changed: readonly number[]): boolean | undefined => {
      if (--budget < 0) return undefined;
      if (!narrow(system.equations, state, equationsOf, changed)) return false;
      let pick = -1;
      for (const h of hidden) if (state.lo[h]! < state.hi[h]! && (pick < 0 || state.hi[h]! - state.lo[h]! < state.hi[pick]! - state.lo[pick]!)) pick = h;
      if (pick < 0) return true;
      let unknown = false;
      for (let v = state.lo[pick]!; v <= state.hi[pick]!; v++) {
        const next = { lo: Float64Array.from(state.lo), hi: Float64Array.from(state.hi) };
        next.lo[pick] = v;
        next.hi[pick] = v;
        const answer = solvable(next, [pick]);
        if (answer === true) return true;
        if (answer === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    };
    const otherValue = [
      [start.lo[i]!, truth - 1],
      [truth + 1, start.hi[i]!],
    ].some(([lo, hi]) => {
      if (lo! > hi!) return false;
      const state = { lo: Float64Array.from(start.lo), hi: Float64Array.from(start.hi) };
      state.lo[i] = lo!;
      state.hi[i] = hi!;
      // An unfinished search is not taken as proof: propagation and probing already passed it.
      return solvable(state, [i]) !== false;
    });
    if (!otherValue) pinned.push(i);
  }
  return pinned;
}

interface BoundsState {
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * Narrows `state` in place to a fixed point of the equations; false when they contradict it.
 * With `from`, only the equations of those counts (and what their changes reach) are revisited:
 * the rest is already at a fixed point.
 */
function narrow(equations: readonly CountEquation[], state: BoundsState, equationsOf: readonly number[][], from?: readonly number[]): boolean {
  const { lo: L, hi: H } = state;
  const queued = new Uint8Array(equations.length);
  const queue: number[] = [];
  const enqueueOf = (i: number) => {
    for (const e of equationsOf[i]!) {
      if (queued[e] === 0) {
        queued[e] = 1;
        queue.push(e);
      }
    }
  };
  if (from) for (const i of from) enqueueOf(i);
  else for (let i = 0; i < L.length; i++) enqueueOf(i);
  for (let head = 0; head < queue.length; head++) {
    const e = queue[head]!;
    queued[e] = 0;
    const { total, parts } = equations[e]!;
    let loSum = 0;
    let finiteHiSum = 0;
    let unboundedParts = 0;
    for (const p of parts) {
      loSum += L[p]!;
      if (H[p] === Infinity) unboundedParts++;
      else finiteHiSum += H[p]!;
    }
    const hiSum = unboundedParts > 0 ? Infinity : finiteHiSum;
    // total ∈ [Σlo, Σhi]
    if (loSum > L[total]! || hiSum < H[total]!) {
      L[total] = Math.max(L[total]!, loSum);
      H[total] = Math.min(H[total]!, hiSum);
      if (L[total]! > H[total]!) return false;
      enqueueOf(total);
    }
    // part ∈ [total.lo − Σhi(others), total.hi − Σlo(others)]
    for (const p of parts) {
      const ownUnbounded = H[p] === Infinity ? 1 : 0;
      const othersHi = unboundedParts - ownUnbounded > 0 ? Infinity : finiteHiSum - (ownUnbounded ? 0 : H[p]!);
      const lo = L[total]! - othersHi;
      const hi = H[total]! - (loSum - L[p]!);
      if (lo > L[p]! || hi < H[p]!) {
        L[p] = Math.max(L[p]!, lo);
        H[p] = Math.min(H[p]!, hi);
        if (L[p]! > H[p]!) return false;
        enqueueOf(p);
      }
    }
  }
  return true;
}
