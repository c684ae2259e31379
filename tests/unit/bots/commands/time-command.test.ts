import { describe, expect, it } from 'vitest';
import { resolveDateWord } from '../../../../src/bots/commands/date-word.js';
import { parseTimeCommand, withMatter } from '../../../../src/bots/commands/time-command.js';

// 2026-03-04 is a Wednesday.
const AS_OF = '2026-03-04';

describe('resolveDateWord', () => {
  it.each([
    ['today', '2026-03-04'],
    ['Yesterday', '2026-03-03'],
    ['mon', '2026-03-02'],
    ['monday', '2026-03-02'],
    ['wed', '2026-03-04'],
    ['Wednesday', '2026-03-04'],
    ['thu', '2026-02-26'],
    ['thurs', '2026-02-26'],
    ['sun', '2026-03-01'],
    ['sat', '2026-02-28'],
    ['2026-03-02', '2026-03-02'],
    ['2026-03-04', '2026-03-04'],
    ['2025-12-31', '2025-12-31'],
  ])('%s → %s', (word, date) => {
    expect(resolveDateWord(word, AS_OF)).toBe(date);
  });

  it.each(['acme-001', 'drafted', '1.5', 'monk', '03-02', '2026/03/02'])('"%s" is not a date word', (word) => {
    expect(resolveDateWord(word, AS_OF)).toBeNull();
  });

  it.each([
    ['2026-02-30', 'date "2026-02-30" is not a real day — write it as YYYY-MM-DD, e.g. 2026-03-02'],
    ['2026-3-2', 'date "2026-3-2" is not a real day — write it as YYYY-MM-DD, e.g. 2026-03-02'],
    ['2026-03-05', 'date "2026-03-05" is in the future — time is recorded for work already done'],
  ])('"%s" is refused: %s', (word, message) => {
    expect(() => resolveDateWord(word, AS_OF)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message }));
  });
});

describe('parseTimeCommand', () => {
  it.each([
    ['1.5 acme-001 drafted motion to compel', 90, 'acme-001', '2026-03-04', 'drafted motion to compel'],
    ['1h30m acme-001 drafted motion to compel', 90, 'acme-001', '2026-03-04', 'drafted motion to compel'],
    ['90m acme-001 drafted motion to compel', 90, 'acme-001', '2026-03-04', 'drafted motion to compel'],
    ['1h 30m acme drafted motion', 90, 'acme', '2026-03-04', 'drafted motion'],
    ['.5 globex call with client', 30, 'globex', '2026-03-04', 'call with client'],
    ['yesterday 1.5 acme-001 drafted motion', 90, 'acme-001', '2026-03-03', 'drafted motion'],
    ['1.5 mon acme-001 drafted motion', 90, 'acme-001', '2026-03-02', 'drafted motion'],
    ['1.5 acme-001 mon drafted motion', 90, 'acme-001', '2026-03-02', 'drafted motion'],
    ['0.2 ACME-001 2026-03-02 reviewed   the  order', 12, 'ACME-001', '2026-03-02', 'reviewed the order'],
    ['mon 2h beta prepared for monday hearing', 120, 'beta', '2026-03-02', 'prepared for monday hearing'],
    ['  1.5   acme-001   today   called J. Doe  ', 90, 'acme-001', '2026-03-04', 'called J. Doe'],
  ])('"%s" → %i min on %s, %s, "%s"', (text, minutes, matterWord, date, narrative) => {
    expect(parseTimeCommand(text, AS_OF)).toMatchObject({ minutes, matterWord, date, narrative });
  });

  it.each([
    ['1..5 acme-001 drafted motion', 'INVALID_DURATION', 'hours "1..5" is not a duration — try 1.5, 1h30m or 90m'],
    ['acme-001 1.5 drafted motion', 'INVALID_DURATION', 'hours "acme-001" is not a duration — try 1.5, 1h30m or 90m'],
    ['25 acme-001 drafted motion', 'INVALID_DURATION', 'hours "25" — at most 24 hours in one entry'],
    ['0 acme-001 drafted motion', 'INVALID_DURATION', 'hours "0" — must be at least 1 minute'],
    ['1h75m acme-001 drafted', 'INVALID_DURATION', 'hours "1h75m" — minutes after hours must be under 60; use e.g. "1.5", "1h 30m" or "90m"'],
    ['1.5', 'INVALID_INPUT', 'say which matter after the hours — e.g. /time 1.5 acme-001 drafted motion to compel'],
    ['1.5 today', 'INVALID_INPUT', 'say which matter after the hours — e.g. /time 1.5 acme-001 drafted motion to compel'],
    ['1.5 acme-001', 'INVALID_INPUT', 'say what you did after the matter — e.g. /time 1.5 acme-001 drafted motion to compel'],
    ['1.5 acme-001 yesterday', 'INVALID_INPUT', 'say what you did after the matter — e.g. /time 1.5 acme-001 drafted motion to compel'],
    ['1.5 2026-02-30 acme-001 drafted', 'INVALID_INPUT', 'date "2026-02-30" is not a real day — write it as YYYY-MM-DD, e.g. 2026-03-02'],
    ['tomorrow 1.5 acme-001 drafted', 'INVALID_DURATION', 'hours "tomorrow" is not a duration — try 1.5, 1h30m or 90m'],
  ])('"%s" is refused with %s naming the word: %s', (text, code, message) => {
    expect(() => parseTimeCommand(text, AS_OF)).toThrow(expect.objectContaining({ code, message }));
  });

  it.each(['', '   '])('empty text "%s" gets the usage', (text) => {
    expect(() => parseTimeCommand(text, AS_OF)).toThrow(/^usage: \/time HOURS MATTER \[DAY\] WHAT YOU DID/);
  });

  it.each([
    ['1.5 acme drafted motion', 'ACME-001', '1.5 ACME-001 drafted motion'],
    ['mon 1h 30m acme yesterday? no: drafted', 'ACME-002', 'mon 1h 30m ACME-002 yesterday? no: drafted'],
    ['1.5 mon nw drafted  lease', 'NW-001', '1.5 mon NW-001 drafted lease'],
  ])('withMatter puts the chosen code in place of the matter word: "%s"', (text, code, expected) => {
    const parsed = parseTimeCommand(text, AS_OF);
    expect(withMatter(parsed, code)).toBe(expected);
    expect(parseTimeCommand(expected, AS_OF)).toMatchObject({ minutes: parsed.minutes, date: parsed.date, narrative: parsed.narrative, matterWord: code });
  });
});
