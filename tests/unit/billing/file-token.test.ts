import { describe, expect, it } from 'vitest';
import { signFileToken, verifyFileToken } from '../../../src/billing/file-token.js';

const KEY = 'k'.repeat(64);
const NOW = new Date('2026-04-02T15:00:00Z');
const grant = { invoiceId: '0b6f2d4e-8a8b-4c0d-9a36-1f2e3d4c5b6a', format: 'ledes' as const, expires: NOW.getTime() / 1000 + 60 };

describe('file tokens', () => {
  it('verify to exactly the grant they were signed for', () => {
    expect(verifyFileToken(signFileToken(grant, KEY), KEY, NOW)).toEqual(grant);
  });

  it.each([
    ['expired', () => signFileToken({ ...grant, expires: NOW.getTime() / 1000 - 1 }, KEY), KEY],
    ['signed with another key', () => signFileToken(grant, 'x'.repeat(64)), KEY],
    ['with the payload swapped for another invoice', () => `${signFileToken({ ...grant, invoiceId: 'other' }, KEY).split('.')[0]}.${signFileToken(grant, KEY).split('.')[1]}`, KEY],
    ['truncated', () => signFileToken(grant, KEY).slice(0, -3), KEY],
    ['not a token at all', () => 'hello', KEY],
    ['with an extra part', () => `${signFileToken(grant, KEY)}.x`, KEY],
    ['empty', () => '', KEY],
  ])('refuse a token %s', (_name, token, key) => {
    expect(verifyFileToken(token(), key, NOW)).toBeNull();
  });
});
