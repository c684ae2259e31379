import { describe, expect, it } from 'vitest';
import { AppError, type Problem } from '../../../src/core/errors.js';
import type { Client, Matter, User } from '../../../src/core/firm.js';
import { DEFAULT_GUIDELINES } from '../../../src/core/guidelines.js';
import { validateFirmFile } from '../../../src/firm/firm-import.service.js';
import type { ExistingFirm } from '../../../src/firm/firm-references.js';
import { aClient, aFirmFile, aMatter, aUser } from '../../support/builders.js';

const NOTHING: ExistingFirm = { users: [], clients: [], matters: [] };

function problemsOf(raw: unknown, existing: ExistingFirm = NOTHING): Problem[] {
  try {
    validateFirmFile(raw, existing);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_CONFIG');
    return [...(error as AppError).problems];
  }
  throw new Error('expected the file to be refused');
}

const lines = (problems: Problem[]) => problems.map((p) => `${p.path}: ${p.message}`);
const base = aFirmFile();
const withMatters = (...matters: unknown[]) => aFirmFile({ matters });
const withUsers = (...users: unknown[]) => aFirmFile({ users, matters: [] });
const withClients = (...clients: unknown[]) => aFirmFile({ clients, matters: [] });

describe('validateFirmFile', () => {
  it('accepts the builder file and normalises it', () => {
    const plan = validateFirmFile(base, NOTHING);
    expect(plan.firm).toEqual({ name: 'Test & Partners LLP', lawFirmId: '12-3456789', timezone: 'America/New_York', currency: 'USD', invoiceNumberFormat: '{YYYY}-{seq:4}', isDemo: false });
    const max = plan.users.find((u) => u.email === 'max@test.example');
    expect(max).toMatchObject({ timezone: 'America/New_York', summaryTime: '17:30', summaryDays: [1, 2, 3, 4, 5], managerEmail: 'lee@test.example', delegateEmails: ['ann@test.example'], standardRate: { rates: [{ rateCents: 30000 }] } });
    const acme = plan.clients.find((c) => c.code === 'ACME');
    expect(acme?.guidelines).toEqual({ ...DEFAULT_GUIDELINES, maxMinutesPerDay: 480, bannedPhrases: ['review file'] });
    expect(plan.clients.find((c) => c.code === 'GLOBEX')?.guidelines).toMatchObject({ rounding: 'down', travelRatePercent: 50 });
    expect(plan.matters[0]).toMatchObject({ code: 'ACME-001', clientCode: 'ACME', status: 'open', billable: true, rates: [{ userEmail: 'lee@test.example', rates: [{ rateCents: 55000, effectiveFrom: null, effectiveTo: null }] }] });
  });

  it('lower-cases emails and upper-cases codes so references match however they are typed', () => {
    const plan = validateFirmFile(aFirmFile({
      users: [aUser({ email: 'Lee@Test.Example', manager: null })],
      clients: [aClient({ code: 'acme' })],
      matters: [aMatter({ code: 'acme-1', client: 'Acme' })],
    }), NOTHING);
    expect(plan.users[0]?.email).toBe('lee@test.example');
    expect(plan.matters[0]).toMatchObject({ code: 'ACME-1', clientCode: 'ACME' });
  });

  it('merges firm-wide guidelines under each client\'s own', () => {
    const plan = validateFirmFile(aFirmFile({ guidelines: { incrementMinutes: 15, maxHoursPerDay: 10 }, clients: [aClient({ code: 'A', guidelines: { maxHoursPerDay: 7.5 } })], matters: [] }), NOTHING);
    expect(plan.clients[0]?.guidelines).toMatchObject({ incrementMinutes: 15, maxMinutesPerDay: 450 });
  });

  it.each([
    ['a missing firm', { users: [] }, ['firm: is required']],
    ['a missing firm name and a bad timezone', { firm: { timezone: 'Mars/Base' } }, ['firm.name: is required', 'firm.timezone: must be an IANA timezone such as America/New_York']],
    ['an unknown client with a suggestion', withMatters(aMatter({ code: 'M1', client: 'ACMEE' })), ['matters[0].client: unknown client "ACMEE" (did you mean ACME?)']],
    ['an unknown client without a close one', withMatters(aMatter({ code: 'M1', client: 'ZZZ' })), ['matters[0].client: unknown client "ZZZ"']],
    ['a misspelt key', aFirmFile({ users: [aUser({ sumaryTime: '17:00' })] }), ['users[0].sumaryTime: unknown key "sumaryTime" (did you mean summaryTime?)']],
    ['an unknown top-level key', aFirmFile({ matter: [] }), ['matter: unknown key "matter" (did you mean matters?)']],
    ['a bad email', withUsers(aUser({ email: 'not-an-email' })), ['users[0].email: must be an email address']],
    ['an unknown role', withUsers(aUser({ roles: ['partner'] })), ['users[0].roles[0]: must be one of lawyer, assistant, billing, manager, admin']],
    ['no roles', withUsers(aUser({ roles: [] })), ['users[0].roles: must name at least one role']],
    ['a bad summary time', withUsers(aUser({ summaryTime: '25:00' })), ['users[0].summaryTime: must be a time HH:MM such as 17:30']],
    ['a rate with three decimals', withUsers(aUser({ rate: '350.123' })), ['users[0].rate: invalid amount "350.123" — use at most 2 decimals, e.g. "1,234.50"']],
    ['an unknown manager', withUsers(aUser({ email: 'a@x.example', manager: 'boss@x.example' })), ['users[0].manager: unknown user "boss@x.example"']],
    ['a self-delegate', withUsers(aUser({ email: 'a@x.example', delegates: ['a@x.example'] })), ['users[0].delegates[0]: a person cannot be their own delegate']],
    ['a duplicate email', withUsers(aUser({ email: 'a@x.example' }), aUser({ email: 'A@x.example' })), ['users[1].email: email "a@x.example" is also used by users[0].email']],
    ['a duplicate timekeeper id', withUsers(aUser({ email: 'a@x.example', timekeeperId: 7 }), aUser({ email: 'b@x.example', timekeeperId: '7' })), ['users[1].timekeeperId: timekeeperId "7" is also used by users[0].timekeeperId']],
    ['a channel mapped twice', withMatters(aMatter({ code: 'M1', client: 'ACME', slackChannels: ['C9'] }), aMatter({ code: 'M2', client: 'ACME', slackChannels: ['C9'] })), ['matters[1].slackChannels[0]: Slack channel "C9" is also used by matters[0].slackChannels[0]']],
    ['a bad matter status', withMatters(aMatter({ code: 'M1', client: 'ACME', status: 'pending' })), ['matters[0].status: must be one of open, closed']],
    ['a bad task code', withMatters(aMatter({ code: 'M1', client: 'ACME', defaultTaskCode: 'litigation' })), ['matters[0].defaultTaskCode: must be a UTBMS code such as L120']],
    ['rates for an unknown person', withMatters(aMatter({ code: 'M1', client: 'ACME', rates: { 'nobody@test.example': '100' } })), ['matters[0].rates.nobody@test.example: unknown user "nobody@test.example"']],
    ['overlapping dated rates', withMatters(aMatter({ code: 'M1', client: 'ACME', rates: { 'lee@test.example': [{ rate: '1', from: '2026-01-01' }, { rate: '2', from: '2026-03-01' }] } })), ['matters[0].rates.lee@test.example: rates overlap: one from 2026-01-01 and one from 2026-03-01']],
    ['an impossible rate date', withMatters(aMatter({ code: 'M1', client: 'ACME', rates: { 'lee@test.example': [{ rate: '1', from: '2026-02-30' }] } })), ['matters[0].rates.lee@test.example[0].from: invalid date "2026-02-30"']],
    ['travel rate above 1', withClients(aClient({ code: 'A', guidelines: { travelRate: 1.5 } })), ['clients[0].guidelines.travelRate: must be between 0 and 1']],
    ['a description limit past LEDES', withClients(aClient({ code: 'A', guidelines: { maxDescriptionLength: 2000 } })), ['clients[0].guidelines.maxDescriptionLength: must be below 1024 (LEDES limit)']],
    ['an unknown rounding', withClients(aClient({ code: 'A', guidelines: { rounding: 'sideways' } })), ['clients[0].guidelines.rounding: must be one of up, nearest, down']],
    ['a bad client code', withClients(aClient({ code: 'AC ME' })), ['clients[0].code: must be letters, digits, ".", "_" or "-" (at most 32)']],
    ['a bad invoice number format', aFirmFile({ firm: { name: 'F', timezone: 'UTC', invoiceNumberFormat: '{YYYY}-{n}' } }), ['firm.invoiceNumberFormat: must contain {seq} or {seq:N}, e.g. "{YYYY}-{seq:4}"']],
    ['users that is not a list', aFirmFile({ users: { email: 'a@x.example' } }), ['users: must be a list']],
  ])('reports %s with its path', (_name, raw, expected) => {
    expect(lines(problemsOf(raw))).toEqual(expected);
  });

  it('reports every problem of a file at once', () => {
    const raw = aFirmFile({
      users: [aUser({ email: 'bad', roles: ['judge'] }), aUser({ email: 'ok@x.example', summaryTime: '9am' })],
      matters: [aMatter({ code: 'M1', client: 'ACMEE' })],
    });
    // Schema problems come first; references are only checked on a file whose shape is right.
    expect(lines(problemsOf(raw))).toEqual([
      'users[0].email: must be an email address',
      'users[0].roles[0]: must be one of lawyer, assistant, billing, manager, admin',
      'users[1].summaryTime: must be a time HH:MM such as 17:30',
    ]);
    const fixedShape = aFirmFile({ users: [aUser({ email: 'a@x.example', manager: 'b@x.example' })], matters: [aMatter({ code: 'M1', client: 'ACMEE' }), aMatter({ code: 'M2', client: 'GLOBX' })] });
    expect(lines(problemsOf(fixedShape))).toEqual([
      'users[0].manager: unknown user "b@x.example" (did you mean a@x.example?)',
      'matters[0].client: unknown client "ACMEE" (did you mean ACME?)',
      'matters[1].client: unknown client "GLOBX" (did you mean GLOBEX?)',
    ]);
  });

  it('resolves references against what is already stored', () => {
    const existing: ExistingFirm = {
      users: [{ id: 1, email: 'old@x.example', timekeeperId: 'T9', slackUserId: 'U9' } as unknown as User],
      clients: [{ id: 1, code: 'INITECH', guidelines: DEFAULT_GUIDELINES } as unknown as Client],
      matters: [{ id: 1, code: 'INI-1', slackChannels: ['C77'] } as unknown as Matter],
    };
    const raw = { firm: { name: 'F', timezone: 'UTC' }, users: [aUser({ email: 'new@x.example', manager: 'old@x.example' })], matters: [aMatter({ code: 'INI-2', client: 'INITECH' })] };
    expect(() => validateFirmFile(raw, existing)).not.toThrow();
    const clash = { firm: { name: 'F', timezone: 'UTC' }, users: [aUser({ email: 'new@x.example', timekeeperId: 'T9' })], matters: [aMatter({ code: 'INI-2', client: 'INITECH', slackChannels: ['C77'] })] };
    expect(lines(problemsOf(clash, existing))).toEqual([
      'users[0].timekeeperId: timekeeperId "T9" is also used by existing user old@x.example',
      'matters[0].slackChannels[0]: Slack channel "C77" is also used by existing matter INI-1',
    ]);
  });
});
