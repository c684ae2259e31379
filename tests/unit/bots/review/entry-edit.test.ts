import { describe, expect, it } from 'vitest';
import { entryEditOf, type EditInput, type EditRules } from '../../../../src/bots/review/entry-edit.js';
import { DEFAULT_GUIDELINES } from '../../../../src/core/guidelines.js';

const ACME: EditRules = { guidelines: { ...DEFAULT_GUIDELINES, maxDescriptionLength: 20, requireTaskCodes: true }, clientName: 'Acme Corp' };
const NORTHWIND: EditRules = { guidelines: { ...DEFAULT_GUIDELINES, incrementMinutes: 15, rounding: 'nearest', minimumMinutes: 15 }, clientName: 'Northwind' };

describe('entryEditOf', () => {
  it.each<[string, EditInput, EditRules, object]>([
    ['a trimmed narrative', { narrative: '  Drafted motion  ' }, ACME, { narrative: 'Drafted motion' }],
    ['decimal hours', { hours: '1.5' }, ACME, { billedMinutes: 90 }],
    ['hours and minutes', { hours: '1h30m' }, ACME, { billedMinutes: 90 }],
    ['minutes, rounded up to the tenth', { hours: '91m' }, ACME, { billedMinutes: 96 }],
    ["minutes by Northwind's 15-minute rule", { hours: '1.3' }, NORTHWIND, { billedMinutes: 75 }],
    ['codes in any case', { taskCode: ' l330 ', activityCode: 'a103' }, ACME, { taskCode: 'L330', activityCode: 'A103' }],
    ['a cleared activity code', { activityCode: '' }, ACME, { activityCode: null }],
    ['the chosen matter', { narrative: 'x' }, { ...ACME, matterId: 7 }, { narrative: 'x', matterId: 7 }],
  ])('accepts %s', (_case, input, rules, expected) => {
    expect(entryEditOf(input, rules)).toEqual(expected);
  });

  it.each<[string, EditInput, EditRules, string]>([
    ['an empty narrative', { narrative: '   ' }, ACME, 'narrative: say what was done; it cannot be empty'],
    ['a narrative over the client limit', { narrative: 'x'.repeat(21) }, ACME, 'narrative: at most 20 characters for Acme Corp (this one has 21)'],
    ['words for hours', { hours: 'lots' }, ACME, 'hours: "lots" — use e.g. "1.5", "1h 30m" or "90m"'],
    ['zero hours', { hours: '0' }, ACME, 'hours: "0" — must be at least 1 minute'],
    ['more than a day', { hours: '25' }, ACME, 'hours: "25" — at most 24 hours in one entry'],
    ['an unknown task code', { taskCode: 'L999' }, ACME, 'task code: "L999" is not a UTBMS task code (e.g. L120)'],
    ['an unknown activity code', { activityCode: 'B1' }, ACME, 'activity code: "B1" is not a UTBMS activity code (e.g. A106)'],
    ['a cleared task code the client requires', { taskCode: ' ' }, ACME, 'task code: Acme Corp requires a task code'],
    ['nothing at all', {}, ACME, 'edit: nothing to change'],
    ['several wrong fields', { narrative: '', hours: 'x' }, ACME, 'narrative: say what was done; it cannot be empty; hours: "x" — use e.g. "1.5", "1h 30m" or "90m"'],
  ])('refuses %s, naming the field', (_case, input, rules, message) => {
    expect(() => entryEditOf(input, rules)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message }));
  });
});
