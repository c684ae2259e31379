import { describe, it, expect } from 'vitest';
import type { Activity } from '../../../src/core/activity.js';
import type { Draft } from '../../../src/core/capture-types.js';
import type { Client, Matter } from '../../../src/core/firm.js';
import { checkDay, finishDraft } from '../../../src/core/finish-draft.js';
import { checkGuidelines, type GuidelineEntry } from '../../../src/core/guideline-rules.js';
import { DEFAULT_GUIDELINES, type Guidelines } from '../../../src/core/guidelines.js';
import { distinctTasks } from '../../../src/core/block-billing.js';

function client(guidelines: Partial<Guidelines> = {}, id = 2, name = 'Globex Corporation', domains = ['globex.com']): Client {
  return { id, code: `C${String(id)}`, name, domains, aliases: [], ledesClientId: null, guidelines: { ...DEFAULT_GUIDELINES, ...guidelines } };
}

function entry(narrative: string, overrides: Partial<GuidelineEntry> = {}): GuidelineEntry {
  return { narrative, billedMinutes: 30, taskCode: 'L120', activityCode: 'A106', ...overrides };
}

const PERMISSIVE: Partial<Guidelines> = { forbidBlockBilling: false, forbidClerical: false, minimumMinutes: 0 };

describe('checkGuidelines, one rule at a time', () => {
  it.each<[string, GuidelineEntry, Partial<Guidelines>, number, string[], string]>([
    ['banned phrase, any case', entry('Review File and summarize'), { bannedPhrases: ['review file'] }, 30, ['banned_phrase'], 'Globex Corporation forbids "review file"'],
    ['banned phrase as a substring ("one" hits "phone")', entry('Telephone conference with J. Doe'), { bannedPhrases: ['one'] }, 30, ['banned_phrase'], 'forbids "one"'],
    ['no banned phrase', entry('Telephone conference with J. Doe'), { bannedPhrases: ['work on', ''] }, 30, [], ''],
    ['block billing: two tasks joined by ";"', entry('Draft motion to compel; telephone conference with J. Doe'), { forbidBlockBilling: true }, 30, ['block_billing'], 'Globex Corporation forbids block billing'],
    ['block billing: two tasks joined by "and"', entry('Review documents and draft memo re venue'), { forbidBlockBilling: true }, 30, ['block_billing'], '2 tasks'],
    ['block billing: three tasks joined by ", "', entry('Review exhibits, draft outline, call J. Doe'), { forbidBlockBilling: true }, 30, ['block_billing'], '3 tasks'],
    ['block billing allowed by this client', entry('Review documents and draft memo'), { forbidBlockBilling: false }, 30, [], ''],
    ['a compound verb is one task', entry('Draft and revise motion to compel'), { forbidBlockBilling: true }, 30, [], ''],
    ['"prepare for and attend" is one task', entry('Prepare for and attend claim construction hearing'), { forbidBlockBilling: true }, 30, [], ''],
    ['attendees joined by "and" are one task', entry('Conference with J. Doe and K. Lee (Acme Corp) re deposition preparation'), { forbidBlockBilling: true }, 30, [], ''],
    ['clerical work', entry('Prepare hearing binders and scanning'), { forbidClerical: true }, 30, ['clerical'], 'Globex Corporation does not pay for clerical work ("binders", "scanning")'],
    ['a scheduling order is not clerical', entry('Review scheduling order'), { forbidClerical: true }, 30, [], ''],
    ['clerical allowed by this client', entry('Organize files'), { forbidClerical: false }, 30, [], ''],
    ['over the daily cap', entry('Review expert report'), { maxMinutesPerDay: 480 }, 486, ['max_hours_per_day'], 'Globex Corporation allows at most 8.0 h a day per timekeeper; this day has 8.1 h'],
    ['exactly at the daily cap', entry('Review expert report'), { maxMinutesPerDay: 480 }, 480, [], ''],
    ['description too long', entry('Review expert report '.repeat(6).trim()), { maxDescriptionLength: 100 }, 30, ['description_too_long'], 'at most 100 characters; this one has 125'],
    ['description at the limit', entry('x'.repeat(100)), { maxDescriptionLength: 100 }, 30, [], ''],
    ['task code required and missing', entry('Review expert report', { taskCode: null }), { requireTaskCodes: true }, 30, ['task_code_required'], 'Globex Corporation requires a UTBMS task code'],
    ['task code not required', entry('Review expert report', { taskCode: null }), { requireTaskCodes: false }, 30, [], ''],
    ['travel at a reduced rate', entry('Travel to Chicago for deposition'), { travelRatePercent: 50 }, 30, ['travel_rate'], 'Globex Corporation pays non-working travel at 50% of the rate'],
    ['travel at full rate', entry('Travel to Chicago for deposition'), { travelRatePercent: 100 }, 30, [], ''],
    ['"travel" must be a word', entry('Review travelogue exhibits'), { travelRatePercent: 50 }, 30, [], ''],
    ['below the minimum', entry('Review expert report', { billedMinutes: 3 }), { minimumMinutes: 6 }, 3, ['below_minimum'], 'at least 6 min per entry; this one has 3 min'],
    ['at the minimum', entry('Review expert report', { billedMinutes: 6 }), { minimumMinutes: 6 }, 6, [], ''],
    ['no minimum', entry('Review expert report', { billedMinutes: 1 }), { minimumMinutes: 0 }, 1, [], ''],
  ])('%s', (_name, input, rules, day, codes, message) => {
    const warnings = checkGuidelines(input, client({ ...PERMISSIVE, ...rules }), day);
    expect(warnings.map((warning) => warning.code)).toEqual(codes);
    if (message !== '') expect(warnings.map((warning) => warning.message).join(' | ')).toContain(message);
  });

  it('reports every broken rule, in a fixed order', () => {
    const strict = client({ bannedPhrases: ['review file'], maxMinutesPerDay: 60, maxDescriptionLength: 40, requireTaskCodes: true, travelRatePercent: 50, minimumMinutes: 12 });
    const warnings = checkGuidelines(entry('Review file; travel to court; prepare binders', { taskCode: null, billedMinutes: 6 }), strict, 90);
    expect(warnings.map((warning) => warning.code)).toEqual([
      'banned_phrase', 'block_billing', 'clerical', 'max_hours_per_day', 'description_too_long', 'task_code_required', 'travel_rate', 'below_minimum',
    ]);
  });

  it.each([
    ['Review documents; draft memo', ['review', 'draft']],
    ['Review and analyze expert report', ['review']],
    ['Review exhibits and review transcript', ['review']],
    ['Internal conference with A. Harlow re strategy', ['confer']],
  ])('distinctTasks(%j) = %j', (narrative, tasks) => {
    expect(distinctTasks(narrative)).toEqual(tasks);
  });
});

const GLOBEX = client({ incrementMinutes: 15, rounding: 'up', minimumMinutes: 15, maxMinutesPerDay: 60, bannedPhrases: ['telephone'] });
const ACME = client({ incrementMinutes: 6, rounding: 'down', minimumMinutes: 6 }, 1, 'Acme Corp', ['acme.com']);
const MATTERS: Matter[] = [
  { id: 1, code: 'ACME-001', clientId: 1, name: 'Acme v. Beta', clientMatterId: null, status: 'open', keywords: [], slackChannels: [], defaultTaskCode: 'L120', billable: true },
  { id: 2, code: 'GLOBEX-882', clientId: 2, name: "'882 patent", clientMatterId: null, status: 'open', keywords: [], slackChannels: [], defaultTaskCode: null, billable: true },
];
const CTX = { matters: MATTERS, clients: [ACME, GLOBEX], people: [], firmDomains: ['firm.example'] };

function draft(key: string, matterId: number | null, actualMinutes: number, kind: Draft['kind'] = 'call', participants = ['j.doe@globex.com']): Draft {
  const activity: Activity = {
    id: key, source: 'call', user: 'robert@firm.example', start: new Date('2026-03-02T09:00:00Z'), end: new Date('2026-03-02T10:00:00Z'),
    title: 'Claim construction', participants, ref: null, meta: {},
  };
  return { key, kind, matterId, confidence: 'high', reasons: [], category: 'client', activities: [activity], start: activity.start, end: activity.end, actualMinutes };
}

describe('finishDraft', () => {
  it.each<[string, Draft, number]>([
    ["rounds up to Globex's 15 minutes", draft('g', 2, 16), 30],
    ["raises to Globex's 15-minute minimum", draft('g', 2, 2), 15],
    ["rounds down to Acme's 6 minutes", draft('a', 1, 17), 12],
    ["keeps Acme's 6-minute minimum", draft('a', 1, 4), 6],
    ['without a matter rounds up to 6 minutes', draft('n', null, 7), 12],
  ])('%s', (_name, input, billed) => {
    const checked = finishDraft(input, CTX);
    expect(checked.billedMinutes).toBe(billed);
    expect(checked.actualMinutes).toBe(input.actualMinutes);
  });

  it('fills codes, the template narrative and the warnings', () => {
    const checked = finishDraft(draft('g', 2, 16), CTX);
    expect(checked).toMatchObject({ taskCode: null, activityCode: 'A106', narrative: 'Telephone conference with J. Doe (Globex Corporation) re Claim construction' });
    expect(checked.warnings.map((warning) => warning.code)).toEqual(['banned_phrase']);
  });

  it('a draft without a matter gets no client warnings', () => {
    expect(finishDraft(draft('n', null, 30), CTX).warnings).toEqual([]);
  });

  it('uses the day total the caller passes for the client', () => {
    const over = finishDraft(draft('g', 2, 30), { ...CTX, dayBilledMinutes: new Map([[2, 75]]) });
    expect(over.warnings.map((warning) => warning.code)).toContain('max_hours_per_day');
  });
});

describe('checkDay', () => {
  it.each<[string, Draft[], Map<number, number> | undefined, boolean]>([
    ['one Globex draft under the cap', [draft('g1', 2, 30)], undefined, false],
    ['two Globex drafts add up past the cap', [draft('g1', 2, 30), draft('g2', 2, 40)], undefined, true],
    ['stored entries of the day count too', [draft('g1', 2, 30)], new Map([[2, 45]]), true],
    ['another client does not count against Globex', [draft('g1', 2, 30), draft('a1', 1, 240, 'call', ['j.doe@acme.com'])], undefined, false],
  ])('%s', (_name, drafts, stored, capped) => {
    const checked = checkDay(drafts, { ...CTX, storedMinutesByClient: stored });
    const globex = checked.filter((item) => item.matterId === 2);
    for (const item of globex) expect(item.warnings.some((warning) => warning.code === 'max_hours_per_day')).toBe(capped);
    expect(checked.map((item) => item.key)).toEqual(drafts.map((item) => item.key));
  });
});
