// Hostile 5 — "forged Teams JWTs (none, expired, wrong issuer, wrong audience, HS256/none, serviceurl
// mismatch) → 401, zero outbound calls": no turn runs and the Bot Connector is never called.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeJwt, generateSigningKey } from '../support/fakes/teams-identity-fake.js';
import { recordingCore, startTeamsHarness, teamsActivity, type TeamsHarness } from '../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../support/test-database.js';

const AAD = '0a11ce00-0000-4000-8000-0000000000aa';
const now = () => Math.floor(Date.now() / 1000);

describe.each(databaseKinds())('hostile 05: forged Teams JWTs at /api/messages on %s', (kind) => {
  const t = useTestDatabase(kind);
  const recorder = recordingCore();
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ db: t.current.db, core: recorder.core });
  });
  afterAll(async () => h.close());
  // One edge serves every case: start each from no calls, so one failure does not hide the next.
  beforeEach(() => {
    recorder.calls.length = 0;
    h.connector.calls.length = 0;
  });

  const message = () => teamsActivity(h, AAD, { type: 'message', text: 'help' });
  const other = generateSigningKey();

  type Case = [string, (activity: Record<string, unknown>) => { token?: string | null; claims?: Record<string, unknown> }];
  it.each<Case>([
    ['no Authorization header', () => ({ token: null })],
    ['an empty bearer token', () => ({ token: '' })],
    ['a token that is not a JWT', () => ({ token: 'not-a-jwt' })],
    ['an expired token (past the 300 s skew)', () => ({ claims: { iat: now() - 4000, nbf: now() - 4000, exp: now() - 400 } })],
    ['a token that never expires (no exp claim)', () => ({ claims: { exp: undefined } })],
    ['a token not valid yet (beyond the 300 s skew)', () => ({ claims: { nbf: now() + 900, iat: now() + 900 } })],
    ['a wrong issuer signed with the authority key', () => ({ claims: { iss: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0' } })],
    ['a wrong audience', () => ({ claims: { aud: 'another-bot' } })],
    ['no audience', () => ({ claims: { aud: undefined } })],
    ['a serviceurl claim naming another host', () => ({ claims: { serviceurl: 'https://smba.trafficmanager.net/emea/' } })],
    ['a serviceurl claim naming another path on the same host', (a) => ({ claims: { serviceurl: `${String(a.serviceUrl)}other/` } })],
    ['no serviceurl claim', () => ({ claims: { serviceurl: undefined } })],
    ['an unsigned token (alg none)', (a) => ({ token: encodeJwt({ header: { alg: 'none', typ: 'JWT' }, claims: h.claimsFor(a) }) })],
    ['an HS256 token keyed with the app password', (a) => ({ token: encodeJwt({ header: { alg: 'HS256', typ: 'JWT', kid: h.identity.key.kid }, claims: h.claimsFor(a) }, h.config.appPassword ?? 'test-password') })],
    ['an alg none token carrying the authority key id and a real signature', (a) => {
      const [, , sig] = h.identity.sign(h.claimsFor(a)).split('.');
      return { token: `${encodeJwt({ header: { alg: 'none', typ: 'JWT', kid: h.identity.key.kid }, claims: h.claimsFor(a) })}${String(sig)}` };
    }],
    ['an HS256 token keyed with the public key', (a) => ({ token: encodeJwt({ header: { alg: 'HS256', typ: 'JWT', kid: h.identity.key.kid }, claims: h.claimsFor(a) }, h.identity.key.publicKey.export({ format: 'pem', type: 'spki' }).toString()) })],
    ['the right issuer signed by another key with the same kid', (a) => ({ token: h.identity.sign(h.claimsFor(a), { key: { ...other, kid: h.identity.key.kid } }) })],
    ['the right issuer signed by another key', (a) => ({ token: h.identity.sign(h.claimsFor(a), { key: other }) })],
    ['claims changed after signing', (a) => {
      const [head, , sig] = h.identity.sign(h.claimsFor(a)).split('.');
      return { token: `${String(head)}.${Buffer.from(JSON.stringify(h.claimsFor(a, { aud: 'x', exp: now() + 99999 }))).toString('base64url')}.${String(sig)}` };
    }],
  ])('refuses %s with 401, without running anything or calling out', async (_name, make) => {
    const activity = message();
    const { status } = await h.signedPost(activity, make(activity));
    expect(status).toBe(401);
    expect(recorder.calls).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('accepts a valid token within the skew and answers through the Bot Connector', async () => {
    const activity = message();
    const { status } = await h.signedPost(activity, { claims: { exp: now() - 60 } });
    expect(status).toBe(200);
    expect(recorder.calls).toHaveLength(1);
    expect(h.connector.messagesIn(`a:dm-${AAD}`)).toHaveLength(1);
    expect(h.connector.calls.every((c) => c.token === h.connector.token)).toBe(true);
  });

  it('refuses a serviceUrl outside Microsoft and the allowed hosts even with a matching claim, with no outbound call', async () => {
    const activity = { ...message(), serviceUrl: 'https://attacker.example/teams/' };
    const { status } = await h.signedPost(activity);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(recorder.calls).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);
  });
});
