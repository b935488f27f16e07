/**
 * A small seeded PRNG (sfc32, from PractRand) so that demo data is reproducible: the same
 * keys always give the same sequence, on every platform and Node version. Not for secrets.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Each key (seed, record index, …) changes the whole sequence. */
  constructor(...keys: number[]) {
    let h = 0x9e3779b9;
    // Both halves of each key count, so seeds beyond 2^32 do not wrap onto small ones.
    for (const key of keys) h = mix32(h ^ mix32(key >>> 0) ^ mix32(Math.floor(key / 2 ** 32) + 0x85ebca6b)) + 0x6d2b79f5;
    this.a = mix32(h + 1);
    this.b = mix32(h + 2);
    this.c = mix32(h + 3);
    this.d = 1;
    // The first outputs of sfc32 are still correlated with the state; discard them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weight: `weighted([['A', 9], ['B', 1]])` gives A nine times in ten. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** Up to `count` distinct items, in list order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i] as T);
  }

  /** Fills a pattern: `#` becomes a digit, `@` an upper-case letter; other characters stay. */
  pattern(template: string): string {
    let out = '';
    for (const ch of template) {
      if (ch === '#') out += String(this.int(0, 9));
      else if (ch === '@') out += String.fromCharCode(65 + this.int(0, 25));
      else out += ch;
    }
    return out;
  }
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
