/**
 * "Did you mean …?": the closest of a few known words to a mistyped one, by edit distance. Used by
 * `subscribe()`'s option checks (event names, buckets) and meant for the CLI's commands and roads.
 * Small and dependency-free: it is part of the root entry.
 * @internal @module
 */

/**
 * The optimal-string-alignment distance between two strings: the fewest single-character
 * insertions, deletions, substitutions and swaps of two neighbours that turn `a` into `b`.
 * Compares UTF-16 code units, exactly (case counts).
 *
 * @example
 * ```ts
 * editDistance('ObjectCreated:Puts', 'ObjectCreated:Put'); //=> 1
 * editDistance('ObjectCreated:Ptu', 'ObjectCreated:Put'); //=> 1 (one swap)
 * ```
 * @internal
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rows of the dynamic-programming table: two back (for swaps), one back, and this one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] as number) + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/**
 * Options of {@link closest}.
 * @internal
 */
export interface ClosestOptions {
  /**
   * The largest distance still worth suggesting. Default: a third of the longer word's length,
   * at least 1 and at most 3, so that `'ObjectCreated:Puts'` suggests `'ObjectCreated:Put'` but
   * `'foo'` suggests nothing.
   */
  readonly maxDistance?: number | undefined;
}

/**
 * The candidate nearest to `input`, or `undefined` when none is near enough. Case is ignored when
 * measuring (so `'objectcreated:put'` finds `'ObjectCreated:Put'`); on a tie the earlier candidate
 * wins. An exact match is returned as is.
 *
 * @example
 * ```ts
 * closest('ObjectCreated:Puts', ['ObjectCreated:Put', 'ObjectCreated:Post']); //=> 'ObjectCreated:Put'
 * closest('inspcet', ['inspect', 'generate', 'tail']); //=> 'inspect'
 * closest('deploy', ['inspect', 'generate', 'tail']); //=> undefined
 * ```
 * @internal
 */
export function closest(input: string, candidates: Iterable<string>, options: ClosestOptions = {}): string | undefined {
  const folded = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) return candidate;
    const limit = options.maxDistance ?? Math.min(3, Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3)));
    const distance = editDistance(folded, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
