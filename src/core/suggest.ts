import { AppError } from './errors.js';

/**
 * Case-insensitive Damerau-Levenshtein distance in its optimal-string-alignment form:
 * insertions, deletions, substitutions and transpositions of adjacent characters each cost 1.
 */
export function editDistance(a: string, b: string): number {
  // Array.from splits by code point, so an accented or astral character counts as one edit.
  const s = Array.from(a.toLowerCase());
  const t = Array.from(b.toLowerCase());
  const width = t.length + 1;
  // Three rolling rows are enough: OSA looks back at most two rows for a transposition.
  let beforePrevious: number[] = [];
  let previous: number[] = Array.from({ length: width }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current: number[] = [i];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/** The default tolerance for a word: a third of its length, at least 1 and at most 3 edits. */
export function defaultMaxDistance(word: string): number {
  return Math.min(3, Math.max(1, Math.floor(Array.from(word).length / 3)));
}

/**
 * The candidate closest to `word` (case-insensitive, see {@link editDistance}) within `maxDistance` edits,
 * or undefined when none is close enough. Ties go to the earliest candidate.
 */
export function closestMatch(word: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  const limit = maxDistance ?? defaultMaxDistance(word);
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new AppError('INTERNAL', `maxDistance "${String(maxDistance)}" must be a whole number of at least 0`);
  }
  const length = Array.from(word).length;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    // The length difference is a lower bound on the distance; skipping saves work on long lists.
    if (Math.abs(Array.from(candidate).length - length) >= bestDistance) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * ` — did you mean "x"?` for the closest candidate, or '' when none is close enough
 * or the word already is that candidate. Callers append it to their message.
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined || match === word ? '' : ` — did you mean "${match}"?`;
}
