import { addMonths, dateParts, endOfMonth, formatDate, makeLocalDate, monthName, type LocalDate } from './dates.js';
import { divFloor } from './int-math.js';

/** A reporting or billing period; both ends are inclusive. */
export interface Period {
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly label: string;
}

function dayLabel(start: LocalDate, end: LocalDate): string {
  if (start === end) return formatDate(start);
  const from = dateParts(start);
  // Within one year the year is written once: "1 Jan – 29 Nov 2026".
  const head = from.year === dateParts(end).year ? `${String(from.day)} ${monthName(from.month, 'short')}` : formatDate(start);
  return `${head} – ${formatDate(end)}`;
}

/** The days from `start` to `end`, labelled "5 Mar 2026" or "1 Jan – 29 Nov 2026". */
export function dayRange(start: LocalDate, end: LocalDate): Period {
  return { start, end, label: dayLabel(start, end) };
}

/** A calendar month, labelled "March 2026". */
export function monthPeriod(year: number, monthNumber: number): Period {
  const start = makeLocalDate(year, monthNumber, 1);
  return { start, end: endOfMonth(start), label: `${monthName(monthNumber)} ${String(year)}` };
}

/** A calendar quarter (1–4), labelled "Q1 2026". */
export function quarterPeriod(year: number, quarterNumber: number): Period {
  const start = makeLocalDate(year, quarterNumber * 3 - 2, 1);
  return { start, end: endOfMonth(addMonths(start, 2)), label: `Q${String(quarterNumber)} ${String(year)}` };
}

/** A calendar year, labelled "2026". */
export function yearPeriod(yearNumber: number): Period {
  return { start: makeLocalDate(yearNumber, 1, 1), end: makeLocalDate(yearNumber, 12, 31), label: String(yearNumber) };
}

/** A week from its Monday to `end`, labelled "Week of 23 Nov 2026". */
export function weekPeriod(monday: LocalDate, end: LocalDate): Period {
  return { start: monday, end, label: `Week of ${formatDate(monday)}` };
}

/** The quarter (1–4) a month (1–12) falls in. */
export function quarterOf(monthNumber: number): number {
  return divFloor(monthNumber + 2, 3);
}
