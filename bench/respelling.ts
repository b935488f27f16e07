/**
 * Listed names respelled the way screeners meet them: reordered, a letter doubled or dropped.
 * Shared by the speed bench (`npm run bench -- screening`) and `npm run eval:screening`.
 */
export function respelled(name: string, i: number): string {
  const words = name.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (i % 3 === 0) words.reverse();
  const word = words[i % words.length]!;
  const at = Math.min(word.length - 1, 2 + (i % 3));
  words[i % words.length] = i % 2 === 0 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at] + word.slice(at);
  return words.join(' ');
}

/** The primary names of the OFAC SDN CSV (one per entry), in file order. */
export function sdnPrimaryNames(csv: string): string[] {
  return csv
    .split('\n')
    .map((line) => /^\d+,"([^"]+)"/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));
}
