import type { Actor } from '../../src/core/audit.js';
import type { CliIo } from '../../src/cli/cli-io.js';

type Raw = Record<string, unknown>;

/** A small valid firm file (one firm, three people, two clients, three matters) to vary per test. */
export function aFirmFile(overrides: Raw = {}): Raw {
  return {
    firm: { name: 'Test & Partners LLP', lawFirmId: '12-3456789', timezone: 'America/New_York', currency: 'USD' },
    users: [
      aUser({ email: 'lee@test.example', name: 'Lee Park', roles: ['lawyer', 'manager'], rate: '500.00', timekeeperId: 'T1', classification: 'PARTNR' }),
      aUser({ email: 'max@test.example', name: 'Max Rowe', roles: ['lawyer'], rate: '300', manager: 'lee@test.example', delegates: ['ann@test.example'], timekeeperId: 'T2' }),
      aUser({ email: 'ann@test.example', name: 'Ann Byrd', roles: ['assistant', 'billing'] }),
    ],
    clients: [
      aClient({ code: 'ACME', name: 'Acme Corp', domains: ['acme.com'], guidelines: { maxHoursPerDay: 8, bannedPhrases: ['review file'] } }),
      aClient({ code: 'GLOBEX', name: 'Globex', guidelines: { rounding: 'down', travelRate: 0.5 } }),
    ],
    matters: [
      aMatter({ code: 'ACME-001', client: 'ACME', name: 'Acme v. Beta', slackChannels: ['C1'], rates: { 'lee@test.example': '550.00' } }),
      aMatter({ code: 'ACME-002', client: 'ACME', name: 'Acme supply' }),
      aMatter({ code: 'GLOBEX-001', client: 'GLOBEX', name: 'Globex patent' }),
    ],
    ...overrides,
  };
}

export function aUser(overrides: Raw = {}): Raw {
  return { email: 'someone@test.example', name: 'Some One', roles: ['lawyer'], ...overrides };
}

export function aClient(overrides: Raw = {}): Raw {
  return { code: 'CLIENT', name: 'A Client', ...overrides };
}

export function aMatter(overrides: Raw = {}): Raw {
  return { code: 'CLIENT-001', client: 'CLIENT', name: 'A matter', ...overrides };
}

export const TEST_ACTOR: Actor = Object.freeze({ userId: null, label: 'test', via: 'cli' });

/** CLI io that records what a command printed, with its own environment and clock. */
export function captureIo(env: Record<string, string | undefined>, cwd = process.cwd(), now = () => new Date('2026-11-29T15:00:00Z')) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env, cwd, now };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** The environment a CLI run needs to reach a test database (PGlite directory or PostgreSQL URL). */
export function envFor(location: { readonly dataDir?: string; readonly url?: string }): Record<string, string | undefined> {
  return location.url ? { DATABASE_URL: location.url, LOG_LEVEL: 'silent' } : { TALLY_DATA_DIR: location.dataDir, LOG_LEVEL: 'silent' };
}
