import { describe, expect, it } from 'vitest';
import {
  bannedPhraseIn,
  cleanNarrative,
  fallbackForAll,
  mentionsHoursOrMoney,
  suggestedActivityCode,
  suggestedTaskCode,
  validateAnswer,
  type AnsweredEntry,
} from '../../../src/capture/narrative/narrative-validation.js';
import type { NarrativeRequest } from '../../../src/capture/narrative/narrator.js';

function aRequest(overrides: Partial<NarrativeRequest> = {}): NarrativeRequest {
  return {
    id: 'd1',
    kind: 'call',
    titles: ['Call with J. Doe'],
    participants: ['jdoe@acme.com'],
    clientName: 'Acme Corp',
    matterName: 'Acme v. Beta',
    templateNarrative: 'Call re Acme v. Beta',
    maxLength: 80,
    bannedPhrases: ['Work on', 'attention to'],
    ...overrides,
  };
}

function anEntry(overrides: Partial<AnsweredEntry> = {}): AnsweredEntry {
  return { id: 'd1', narrative: 'Confer with J. Doe re deposition schedule', taskCode: 'L330', activityCode: 'A106', ...overrides };
}

const PREFIX = 'Narrative drafted from a template: the language model ';

describe('cleanNarrative', () => {
  it.each([
    ['plain text stays', 'Draft reply to Beta counsel re production', 'Draft reply to Beta counsel re production'],
    ['control characters become spaces', 'Draft\u0000reply\u0007to\tcounsel\r\nre production', 'Draft reply to counsel re production'],
    ['C1 controls and DEL', 'Draft\u0085reply\u007fnow', 'Draft reply now'],
    ['zero-width and bidi overrides vanish', 'Rev\u200bise\u202e motion\ufeff', 'Revise motion'],
    ['a user mention becomes its label', 'Call with <@U123|J. Doe> re claims', 'Call with J. Doe re claims'],
    ['a bare user mention disappears', 'Call with <@U123> re claims', 'Call with re claims'],
    ['a channel link becomes its name', 'Post in <#C123|acme-beta> re claims', 'Post in acme-beta re claims'],
    ['broadcast mentions disappear', '<!here> <!channel> Review exhibits', 'Review exhibits'],
    ['a link with a label becomes the label', 'Review <https://x.example/doc|deposition outline>', 'Review deposition outline'],
    ['a bare link keeps its address', 'Review <https://x.example/doc>', 'Review https://x.example/doc'],
    ['Slack-escaped entities decode', 'Smith &amp; Jones &lt;draft&gt;', 'Smith & Jones <draft>'],
    ['escaped mentions are stripped after decoding', 'Call &lt;@U1|Ann&gt; re terms', 'Call Ann re terms'],
    ['bold, strike and code marks go', '*Draft* ~old~ `motion` re ```terms```', 'Draft old motion re terms'],
    ['underscore emphasis unwraps', 'Review _Beta_ production', 'Review Beta production'],
    ['snake_case words survive', 'Review file_name_v2 export', 'Review file_name_v2 export'],
    ['a markdown link becomes its label', 'Review [outline](https://x.example/a) re Doe', 'Review outline re Doe'],
    ['a leading quote mark goes', '> Draft motion', 'Draft motion'],
    ['a leading heading mark goes', '## Draft motion', 'Draft motion'],
    ['a number sign in text stays', '#5 exhibit list', '#5 exhibit list'],
    ['whitespace collapses', '  Draft   motion \n\n to compel  ', 'Draft motion to compel'],
  ])('%s', (_name, input, expected) => {
    expect(cleanNarrative(input)).toBe(expected);
  });
});

describe('mentionsHoursOrMoney', () => {
  it.each([
    'Bill 10 hours for deposition prep',
    'Review documents (1.5 h)',
    'Review documents 1.5h',
    'Draft motion, 0,5 hrs',
    'Call for 30 min',
    'Call lasting 45 minutes',
    'Billed 6 tenths',
    'Charge $350',
    'Costs of €20',
    'Fee £ applies',
    'USD 1200 retainer',
    'Pay 200 dollars',
    'Spend two hours on the brief',
    'Took half an hour',
    'Took an hour',
    'Call of fifteen minutes',
  ])('flags "%s"', (text) => {
    expect(mentionsHoursOrMoney(text)).toBe(true);
  });

  it.each([
    'Draft motion to dismiss under Rule 12(b)(6)',
    'Review section 4.2 of the 2026 supply agreement',
    'Prepare for 3 hearings re Acme v. Beta',
    'Review exhibits 1-14',
    'Confer with J. Doe re hourly rate dispute',
    'Review minute order re scheduling',
    'Analyze L330 deposition topics',
  ])('accepts "%s"', (text) => {
    expect(mentionsHoursOrMoney(text)).toBe(false);
  });
});

describe('bannedPhraseIn', () => {
  it.each<[string, readonly string[], string | null]>([
    ['Work on brief', ['work on'], 'work on'],
    ['Telephone call with Doe', ['one'], 'one'],
    ['Review brief', ['WORK ON', 'handle'], null],
    ['Attention To detail', [' attention to '], 'attention to'],
    ['Anything', ['', '  '], null],
  ])('"%s" with %j → %s', (text, phrases, expected) => {
    expect(bannedPhraseIn(text, phrases)).toBe(expected);
  });
});

describe('suggested UTBMS codes (the lists of src/core/utbms-codes.ts)', () => {
  it.each([
    ['L110', 'L110'], ['l120', 'L120'], [' L530 ', 'L530'], ['L190', 'L190'], ['L470', 'L470'],
    ['L100', null], ['L200', null], ['L540', null], ['L170', null], ['B110', null], ['A101', null], ['', null], [null, null],
  ])('task %j → %j', (input, expected) => {
    expect(suggestedTaskCode(input)).toBe(expected);
  });

  it.each([
    ['A101', 'A101'], ['a111', 'A111'], ['A106', 'A106'],
    ['A100', null], ['A112', null], ['L110', null], ['E101', null], [null, null],
  ])('activity %j → %j', (input, expected) => {
    expect(suggestedActivityCode(input)).toBe(expected);
  });

  it.each([42, undefined, {}, ['L110']])('ignores a non-string %j', (input) => {
    expect(suggestedTaskCode(input)).toBeNull();
    expect(suggestedActivityCode(input)).toBeNull();
  });
});

describe('validateAnswer', () => {
  it('accepts a clean narrative with valid codes', () => {
    const result = validateAnswer([aRequest()], [anEntry()]);
    expect(result.suggestions.get('d1')).toStrictEqual({ id: 'd1', narrative: 'Confer with J. Doe re deposition schedule', taskCode: 'L330', activityCode: 'A106' });
    expect(result.warnings.size).toBe(0);
    expect(result.counts).toEqual({ accepted: 1, rejected: 0, missing: 0, unknown: 0, duplicate: 0, codesDropped: 0 });
  });

  it.each<[string, Partial<AnsweredEntry>, string]>([
    ['empty', { narrative: '' }, 'returned an empty narrative.'],
    ['only markup', { narrative: '<!here> ** ``' }, 'returned an empty narrative.'],
    ['only control characters', { narrative: '\u0000\u0001\n\t' }, 'returned an empty narrative.'],
    ['over maxLength', { narrative: 'Confer with J. Doe re deposition schedule and the exhibit list for next week' }, "wrote a narrative longer than this client's limit of 60 characters."],
    ['a banned phrase, other case', { narrative: 'WORK ON deposition schedule' }, 'used "Work on", a phrase this client does not accept.'],
    ['a banned phrase hidden by a zero-width space', { narrative: 'Attention\u200b to deposition schedule' }, 'used "attention to", a phrase this client does not accept.'],
    ['hours', { narrative: 'Bill 10 hours re deposition' }, 'mentioned hours or money; time and amounts come only from your activity.'],
    ['decimal hours', { narrative: 'Deposition prep 1.5 h' }, 'mentioned hours or money; time and amounts come only from your activity.'],
    ['money', { narrative: 'Deposition prep at $500' }, 'mentioned hours or money; time and amounts come only from your activity.'],
  ])('keeps the template with a warning when the narrative is %s', (_name, entry, reason) => {
    const result = validateAnswer([aRequest({ maxLength: 60 })], [anEntry(entry)]);
    expect(result.suggestions.size).toBe(0);
    expect(result.warnings.get('d1')).toEqual([{ code: 'narrative_fallback', message: `${PREFIX}${reason}` }]);
    expect(result.counts.rejected).toBe(1);
  });

  it('measures the length after cleaning (markup does not count)', () => {
    const result = validateAnswer([aRequest({ maxLength: 20 })], [anEntry({ narrative: '*Revise* <@U1|motion> `brief`' })]);
    expect(result.suggestions.get('d1')?.narrative).toBe('Revise motion brief');
  });

  it('warns for an id the answer leaves out', () => {
    const result = validateAnswer([aRequest(), aRequest({ id: 'd2' })], [anEntry()]);
    expect([...result.suggestions.keys()]).toEqual(['d1']);
    expect(result.warnings.get('d2')).toEqual([{ code: 'narrative_fallback', message: `${PREFIX}returned no narrative for this entry.` }]);
    expect(result.counts.missing).toBe(1);
  });

  it('ignores ids that were not asked for, and later answers for the same id', () => {
    const result = validateAnswer(
      [aRequest()],
      [anEntry({ id: 'd9', narrative: 'Draft new entry' }), anEntry(), anEntry({ narrative: 'Second answer, ignored' }), anEntry({ id: 'D1' })],
    );
    expect([...result.suggestions.keys()]).toEqual(['d1']);
    expect(result.suggestions.get('d1')?.narrative).toBe('Confer with J. Doe re deposition schedule');
    expect(result.counts).toMatchObject({ accepted: 1, unknown: 2, duplicate: 1 });
  });

  it('uses the first answer for an id even when it is bad', () => {
    const result = validateAnswer([aRequest()], [anEntry({ narrative: 'Bill 3 hours' }), anEntry()]);
    expect(result.suggestions.size).toBe(0);
    expect(result.counts).toMatchObject({ rejected: 1, duplicate: 1 });
  });

  it.each<[string, string | null, string | null, string | null, string | null, number]>([
    ['valid codes', 'L330', 'A106', 'L330', 'A106', 0],
    ['lower-case codes', 'l310', 'a104', 'L310', 'A104', 0],
    ['a phase heading instead of a leaf', 'L300', 'A104', null, 'A104', 1],
    ['a bankruptcy code', 'B110', 'A104', null, 'A104', 1],
    ['swapped codes', 'A104', 'L310', null, null, 2],
    ['free text', 'depositions', 'communicate', null, null, 2],
    ['nulls', null, null, null, null, 0],
  ])('keeps only valid UTBMS codes: %s', (_name, taskCode, activityCode, expectedTask, expectedActivity, dropped) => {
    const result = validateAnswer([aRequest()], [anEntry({ taskCode, activityCode })]);
    expect(result.suggestions.get('d1')).toMatchObject({ taskCode: expectedTask, activityCode: expectedActivity });
    expect(result.counts.codesDropped).toBe(dropped);
  });

  it('returns nothing but id, narrative and codes, whatever else an entry carries', () => {
    const hostile = { ...anEntry(), minutes: 600, status: 'approved', matterId: 7 } as AnsweredEntry;
    expect(validateAnswer([aRequest()], [hostile]).suggestions.get('d1')).toStrictEqual({ id: 'd1', narrative: 'Confer with J. Doe re deposition schedule', taskCode: 'L330', activityCode: 'A106' });
  });
});

describe('fallbackForAll', () => {
  it('gives every request the same warning and no suggestion', () => {
    const result = fallbackForAll([aRequest(), aRequest({ id: 'd2' })], 'declined to write narratives for this day.');
    expect(result.suggestions.size).toBe(0);
    expect([...result.warnings.entries()]).toEqual([
      ['d1', [{ code: 'narrative_fallback', message: `${PREFIX}declined to write narratives for this day.` }]],
      ['d2', [{ code: 'narrative_fallback', message: `${PREFIX}declined to write narratives for this day.` }]],
    ]);
  });
});
