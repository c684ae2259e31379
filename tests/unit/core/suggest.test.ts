import { describe, it, expect } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { closestMatch, defaultMaxDistance, didYouMean, editDistance } from '../../../src/core/suggest.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['ACME', 'acme', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['marhc', 'march', 1],
    ['acmee', 'acme', 1],
    ['acm', 'acme', 1],
    ['acne', 'acme', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    // Optimal string alignment never edits a transposed pair again: 3, where unrestricted Damerau gives 2.
    ['ca', 'abc', 3],
    ['Müller', 'Muller', 1],
  ])('editDistance(%j, %j) = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('defaultMaxDistance', () => {
  it.each([
    ['', 1],
    ['ab', 1],
    ['abcde', 1],
    ['abcdef', 2],
    ['abcdefghi', 3],
    ['abcdefghijklmnop', 3],
  ])('allows %j %i edits', (word, expected) => {
    expect(defaultMaxDistance(word)).toBe(expected);
  });
});

describe('closestMatch', () => {
  it.each<[string, readonly string[], number | undefined, string | undefined]>([
    ['ACMEE', ['Globex', 'ACME'], undefined, 'ACME'],
    ['acme', ['Globex', 'ACME'], undefined, 'ACME'],
    ['marhc', MONTHS, undefined, 'march'],
    ['setpember', MONTHS, undefined, 'september'],
    ['xyz', ['acme', 'globex'], undefined, undefined],
    ['anything', [], undefined, undefined],
    // Ties go to the first candidate.
    ['cat', ['bat', 'hat'], undefined, 'bat'],
    ['cat', ['hat', 'bat'], undefined, 'hat'],
    // A closer later candidate beats an earlier one.
    ['globexx', ['globe', 'globex'], undefined, 'globex'],
    // Short words allow one edit, long ones three at most.
    ['ab', ['xy'], undefined, undefined],
    ['ab', ['ax'], undefined, 'ax'],
    ['abcdefghijkl', ['abcdefghixyz'], undefined, 'abcdefghixyz'],
    ['abcdefghijkl', ['abcdefghwxyz'], undefined, undefined],
    ['acme', ['ACME'], 0, 'ACME'],
    ['acmee', ['acme'], 0, undefined],
    ['acmxyz', ['acme'], 4, 'acme'],
  ])('closestMatch(%j, %j, %j) = %j', (word, candidates, maxDistance, expected) => {
    expect(closestMatch(word, candidates, maxDistance)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('rejects maxDistance %j with INTERNAL', (maxDistance) => {
    let caught: unknown;
    try {
      closestMatch('acme', ['acme'], maxDistance);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'INTERNAL', message: `maxDistance "${String(maxDistance)}" must be a whole number of at least 0` });
  });
});

describe('didYouMean', () => {
  it.each([
    ['ACMEE', ['Globex', 'ACME'], ' — did you mean "ACME"?'],
    ['marhc', MONTHS, ' — did you mean "march"?'],
    ['zzzz', ['ACME'], ''],
    // Nothing to suggest when the word already is the candidate.
    ['ACME', ['ACME'], ''],
    ['acme', ['ACME'], ' — did you mean "ACME"?'],
  ])('didYouMean(%j, %j) = %j', (word, candidates, expected) => {
    expect(didYouMean(word, candidates)).toBe(expected);
  });
});
