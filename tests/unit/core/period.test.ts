import { describe, it, expect } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { parsePeriod } from '../../../src/core/period.js';

const AS_OF = '2026-11-29'; // a Sunday
const HINT = 'try "march", "q1", "last month" or "2026-03-01..2026-03-15"';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parsePeriod: valid periods', () => {
  it.each<[string | readonly string[], string, string, string, string]>([
    // Bare months: the most recent one that has started.
    ['march', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['mar', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['MARCH', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['november', AS_OF, '2026-11-01', '2026-11-30', 'November 2026'],
    ['december', AS_OF, '2025-12-01', '2025-12-31', 'December 2025'],
    ['sept', AS_OF, '2026-09-01', '2026-09-30', 'September 2026'],
    ['sep', AS_OF, '2026-09-01', '2026-09-30', 'September 2026'],
    ['may', AS_OF, '2026-05-01', '2026-05-31', 'May 2026'],
    ['feb', AS_OF, '2026-02-01', '2026-02-28', 'February 2026'],
    // Months with a year.
    ['mar 2026', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['march 2026', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['2026 march', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['Sept 2025', AS_OF, '2025-09-01', '2025-09-30', 'September 2025'],
    ['december 2025', AS_OF, '2025-12-01', '2025-12-31', 'December 2025'],
    ['2026-03', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['03/2026', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['3/2026', AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['12/2025', AS_OF, '2025-12-01', '2025-12-31', 'December 2025'],
    // Quarters.
    ['q1', AS_OF, '2026-01-01', '2026-03-31', 'Q1 2026'],
    ['q4', AS_OF, '2026-10-01', '2026-12-31', 'Q4 2026'],
    ['Q3', AS_OF, '2026-07-01', '2026-09-30', 'Q3 2026'],
    ['q1 2026', AS_OF, '2026-01-01', '2026-03-31', 'Q1 2026'],
    ['2026 q1', AS_OF, '2026-01-01', '2026-03-31', 'Q1 2026'],
    ['2026-q1', AS_OF, '2026-01-01', '2026-03-31', 'Q1 2026'],
    ['q2 2025', AS_OF, '2025-04-01', '2025-06-30', 'Q2 2025'],
    // Relative periods.
    ['last month', AS_OF, '2026-10-01', '2026-10-31', 'October 2026'],
    ['this month', AS_OF, '2026-11-01', '2026-11-30', 'November 2026'],
    ['last week', AS_OF, '2026-11-16', '2026-11-22', 'Week of 16 Nov 2026'],
    ['this week', AS_OF, '2026-11-23', '2026-11-29', 'Week of 23 Nov 2026'],
    ['last quarter', AS_OF, '2026-07-01', '2026-09-30', 'Q3 2026'],
    ['this quarter', AS_OF, '2026-10-01', '2026-12-31', 'Q4 2026'],
    ['last year', AS_OF, '2025-01-01', '2025-12-31', '2025'],
    ['this year', AS_OF, '2026-01-01', '2026-12-31', '2026'],
    ['ytd', AS_OF, '2026-01-01', '2026-11-29', '1 Jan – 29 Nov 2026'],
    ['YTD', AS_OF, '2026-01-01', '2026-11-29', '1 Jan – 29 Nov 2026'],
    ['yesterday', AS_OF, '2026-11-28', '2026-11-28', '28 Nov 2026'],
    ['today', AS_OF, '2026-11-29', '2026-11-29', '29 Nov 2026'],
    // Years, days and ranges.
    ['2026', AS_OF, '2026-01-01', '2026-12-31', '2026'],
    ['2024', AS_OF, '2024-01-01', '2024-12-31', '2024'],
    ['2026-03-05', AS_OF, '2026-03-05', '2026-03-05', '5 Mar 2026'],
    ['2026-03-01..2026-03-15', AS_OF, '2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    ['2026-03-01 to 2026-03-15', AS_OF, '2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    ['2026-03-01 - 2026-03-15', AS_OF, '2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    ['2026-03-01 .. 2026-03-15', AS_OF, '2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    ['2026-03-01–2026-03-15', AS_OF, '2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    ['2025-12-15..2026-01-10', AS_OF, '2025-12-15', '2026-01-10', '15 Dec 2025 – 10 Jan 2026'],
    ['2026-03-05..2026-03-05', AS_OF, '2026-03-05', '2026-03-05', '5 Mar 2026'],
    ['2026-11-20..2026-12-31', AS_OF, '2026-11-20', '2026-12-31', '20 Nov – 31 Dec 2026'],
    // Words may come as an argument list, with any spacing and case.
    [['last', 'month'], AS_OF, '2026-10-01', '2026-10-31', 'October 2026'],
    [['2026-03-01', 'to', '2026-03-15'], AS_OF, '2026-03-01', '2026-03-15', '1 Mar – 15 Mar 2026'],
    [['march 2026'], AS_OF, '2026-03-01', '2026-03-31', 'March 2026'],
    ['  Last   Month  ', AS_OF, '2026-10-01', '2026-10-31', 'October 2026'],
    // January: "last month", "last quarter" and "december" reach back into last year.
    ['last month', '2026-01-15', '2025-12-01', '2025-12-31', 'December 2025'],
    ['december', '2026-01-15', '2025-12-01', '2025-12-31', 'December 2025'],
    ['january', '2026-01-15', '2026-01-01', '2026-01-31', 'January 2026'],
    ['last quarter', '2026-01-15', '2025-10-01', '2025-12-31', 'Q4 2025'],
    ['q1', '2026-01-15', '2026-01-01', '2026-03-31', 'Q1 2026'],
    ['q2', '2026-01-15', '2025-04-01', '2025-06-30', 'Q2 2025'],
    ['last week', '2026-01-15', '2026-01-05', '2026-01-11', 'Week of 5 Jan 2026'],
    ['this week', '2026-01-15', '2026-01-12', '2026-01-15', 'Week of 12 Jan 2026'],
    ['last week', '2026-01-05', '2025-12-29', '2026-01-04', 'Week of 29 Dec 2025'],
    ['this week', '2026-01-05', '2026-01-05', '2026-01-05', 'Week of 5 Jan 2026'],
    ['yesterday', '2026-01-01', '2025-12-31', '2025-12-31', '31 Dec 2025'],
    ['ytd', '2026-01-01', '2026-01-01', '2026-01-01', '1 Jan 2026'],
    ['last year', '2026-01-01', '2025-01-01', '2025-12-31', '2025'],
    // Leap years and short months.
    ['february 2024', '2024-03-10', '2024-02-01', '2024-02-29', 'February 2024'],
    ['february', '2024-03-10', '2024-02-01', '2024-02-29', 'February 2024'],
    ['last month', '2024-03-31', '2024-02-01', '2024-02-29', 'February 2024'],
    ['last month', '2026-03-31', '2026-02-01', '2026-02-28', 'February 2026'],
    ['q1 2024', AS_OF, '2024-01-01', '2024-03-31', 'Q1 2024'],
    // A dated period that starts on asOf has started.
    ['march 2026', '2026-03-01', '2026-03-01', '2026-03-31', 'March 2026'],
    ['march', '2026-03-01', '2026-03-01', '2026-03-31', 'March 2026'],
    ['april', '2026-03-31', '2025-04-01', '2025-04-30', 'April 2025'],
  ])('parsePeriod(%j) as of %s = %s..%s "%s"', (input, asOf, start, end, label) => {
    expect(parsePeriod(input, asOf)).toEqual({ start, end, label });
  });
});

describe('parsePeriod: invalid periods', () => {
  it.each<[string | readonly string[], string]>([
    ['marhc', 'unknown period "marhc" — did you mean "march"?'],
    ['Mrach 2026', 'unknown word "Mrach" in "Mrach 2026" — did you mean "march"?'],
    ['yesterdya', 'unknown period "yesterdya" — did you mean "yesterday"?'],
    ['qq1', 'unknown period "qq1" — did you mean "q1"?'],
    ['lst month', 'unknown word "lst" in "lst month" — did you mean "last"?'],
    ['last weak', 'unknown word "weak" in "last weak" — did you mean "week"?'],
    ['banana', 'unknown period "banana"'],
    ['last fortnight', 'unknown word "fortnight" in "last fortnight"'],
    ['', `no period given — ${HINT}`],
    ['   ', `no period given — ${HINT}`],
    [[], `no period given — ${HINT}`],
    ['2026-02-30', 'invalid date "2026-02-30"'],
    ['2026-03-01 to 2026-02-31', 'invalid date "2026-02-31"'],
    ['13/2026', 'month 13 in "13/2026" does not exist'],
    ['0/2026', 'month 0 in "0/2026" does not exist'],
    ['2026-13', 'month 13 in "2026-13" does not exist'],
    ['2026-03-15..2026-03-01', 'range "2026-03-15..2026-03-01" ends before it starts'],
    ['2026-03-15 to 2026-03-01', 'range "2026-03-15 to 2026-03-01" ends before it starts'],
    ['march 2027', 'period "march 2027" has not started yet'],
    ['March  2027', 'period "March 2027" has not started yet'],
    ['q1 2027', 'period "q1 2027" has not started yet'],
    ['2027', 'period "2027" has not started yet'],
    ['2026-12-01', 'period "2026-12-01" has not started yet'],
    ['2026-11-30..2026-12-05', 'period "2026-11-30..2026-12-05" has not started yet'],
    ['march april', 'did not understand "april" in "march april"'],
    ['this march', 'did not understand "march" in "this march"'],
    ['2026 2025', 'did not understand "2025" in "2026 2025"'],
    ['to 2026-03-01', 'did not understand "to" in "to 2026-03-01"'],
    ['last month please', 'unknown word "please" in "last month please"'],
    ['last', `incomplete period "last" — ${HINT}`],
    ['2026-03-01 to', `incomplete period "2026-03-01 to" — ${HINT}`],
  ])('parsePeriod(%j) fails with %j', (input, message) => {
    const error = errorOf(() => parsePeriod(input, AS_OF));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_PERIOD', message });
  });

  it('rejects an invalid asOf with INVALID_INPUT: the caller computed it wrongly', () => {
    const error = errorOf(() => parsePeriod('march', '2026-02-30'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'invalid date "2026-02-30"' });
  });
});
