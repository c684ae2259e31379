import { describe, expect, it } from 'vitest';
import { PhraseIndex, wordsOf } from '../../../src/core/phrase-index.js';
import { containsPhrase } from '../../../src/core/text-match.js';

const PHRASES = ['beta', 'Acme v. Beta', "'882", 'motion to compel', 'expert  report', 'ACME-001', 'claim construction', 'ß', 'lease', 'Ärztekammer', 'to'];

describe('PhraseIndex', () => {
  it.each([
    ['Acme v. Beta — deposition prep', ['beta', 'Acme v. Beta']],
    ['Globex \'882 claim construction', ["'882", 'claim construction']],
    ['MOTION   TO\tCOMPEL draft', ['motion to compel', 'to']],
    ['motion-to-compel draft', ['to']],
    ['alphabetical lease2 leases', []],
    ['expert report due', ['expert  report']],
    ['expert  report due', ['expert  report']],
    ['ärztekammer filing', ['Ärztekammer']],
    ['', []],
  ])('finds in %j exactly %j', (text, expected) => {
    const index = new PhraseIndex(PHRASES.map((p) => [p, p] as const));
    expect(index.find(text).map((hit) => hit.phrase)).toEqual(expected.sort((a, b) => PHRASES.indexOf(a) - PHRASES.indexOf(b)));
  });

  it('gives the same answer as testing every phrase on its own, for many texts', () => {
    const words = ['acme', 'v.', 'beta', 'motion', 'to', 'compel', "'882", 'claim', 'construction', '—', 'lease', 'Lease', 'x', 'ACME-001', 'acme-0010'];
    const phrases = [...PHRASES, 'acme', 'v', 'compel', 'acme v', 'to compel'];
    const index = new PhraseIndex(phrases.map((p) => [p, p] as const));
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 6) }, () => words[Math.floor(next() * words.length)]).join(next() < 0.2 ? '  ' : ' ');
      expect(index.find(text).map((h) => h.phrase), text).toEqual(phrases.filter((p) => containsPhrase(text, p)));
    }
  });

  it('lists hits in the order the phrases were given, not the order they appear', () => {
    const index = new PhraseIndex([['lease', 1], ['beta', 2]] as const);
    expect(index.find('beta and lease').map((h) => h.value)).toEqual([1, 2]);
  });

  it('reads words as runs of letters and digits', () => {
    expect([...wordsOf('Client12_Beta v2.docx — ÄB')]).toEqual(['client12', 'beta', 'v2', 'docx', 'äb']);
  });
});
