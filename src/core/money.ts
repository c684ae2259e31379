import { AppError } from './errors.js';
import { divFloor, mulDivHalfUp, requireSafeInteger } from './int-math.js';

/** Options of {@link parseMoney}. */
export interface ParseMoneyOptions {
  /** Accept a leading minus sign (credits, write-downs). Default false. */
  readonly allowNegative?: boolean;
}

const EXAMPLE = 'e.g. "1,234.50"';
// Sign before or after one optional currency symbol, then digits with optional thousands commas and decimals.
const SHAPE = /^(-?)\s*[$€£]?\s*(-?)([\d,]*)(?:\.(\d*))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+$/;
const MAX_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

function invalid(text: string, reason: string): AppError {
  return new AppError('INVALID_MONEY', `invalid amount "${text}" — ${reason}`);
}

/** The shortest decimal text of a number, so 350.5 is validated exactly like "350.5". */
function numberToText(input: number): string {
  const text = String(input);
  if (!Number.isFinite(input)) throw invalid(text, `use a number, ${EXAMPLE}`);
  if (/e/i.test(text)) {
    throw invalid(text, Math.abs(input) >= 1 ? 'the amount is too large' : `use at most 2 decimals, ${EXAMPLE}`);
  }
  return text;
}

/**
 * Parses an amount typed by a person (or a number from a file) into integer cents:
 * "1,234.50", "$1,234.50", "350", "350.5", ".99", 350.5. Throws INVALID_MONEY naming the input otherwise.
 */
export function parseMoney(input: string | number, options: ParseMoneyOptions = {}): number {
  const text = typeof input === 'number' ? numberToText(input) : input.trim();
  if (text === '') throw invalid(text, `enter an amount, ${EXAMPLE}`);
  const match = SHAPE.exec(text);
  const [, before = '', after = '', whole = '', decimals] = match ?? [];
  if (match === null || (before !== '' && after !== '') || (whole === '' && !decimals) || decimals === '') {
    throw invalid(text, `use digits, ${EXAMPLE}`);
  }
  if (decimals !== undefined && decimals.length > 2) throw invalid(text, `use at most 2 decimals, ${EXAMPLE}`);
  if (whole.includes(',') && !GROUPED.test(whole)) {
    throw invalid(text, `put commas between groups of 3 digits, ${EXAMPLE}`);
  }
  const negative = before !== '' || after !== '';
  if (negative && options.allowNegative !== true) throw invalid(text, 'the amount must not be negative');
  const digits = whole.replaceAll(',', '') || '0';
  const cents = BigInt(digits) * 100n + BigInt((decimals ?? '').padEnd(2, '0'));
  if (cents > MAX_CENTS) throw invalid(text, 'the amount is too large');
  // A zero result is returned as 0, never -0 ("-0.00" is not an amount anyone typed on purpose).
  return negative && cents !== 0n ? -Number(cents) : Number(cents);
}

/**
 * Plain decimal text of an amount in cents, "1234.50" or "-0.05": no symbol, no grouping.
 * Used by LEDES and CSV exports and as the exact input of {@link formatMoney}.
 */
export function formatAmount(cents: number): string {
  requireSafeInteger(cents, 'amount in cents');
  const magnitude = Math.abs(cents);
  const whole = divFloor(magnitude, 100);
  const rest = magnitude % 100;
  return `${cents < 0 ? '-' : ''}${String(whole)}.${String(rest).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  const cached = formatters.get(key);
  if (cached !== undefined) return cached;
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    throw new AppError('INVALID_CONFIG', `invalid currency "${currency}" — use a 3-letter ISO code such as "USD"`);
  }
  let formatter: Intl.NumberFormat;
  try {
    // Amounts are cents, so always two decimals: nothing is rounded away for any currency.
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  } catch (error) {
    throw new AppError('INVALID_CONFIG', `invalid locale "${locale}"`, { cause: error });
  }
  formatters.set(key, formatter);
  return formatter;
}

/**
 * An amount in cents for people: "$1,234.50", "-$12.00", "€1,234.50" (EUR).
 * Intl formats the exact decimal string, so no amount ever passes through cents / 100.
 */
export function formatMoney(cents: number, currency = 'USD', locale = 'en-US'): string {
  const text = formatAmount(cents);
  return currencyFormatter(currency, locale).format(text as Intl.StringNumericLiteral);
}

/** The fee for `minutes` at an hourly rate in cents: rate × minutes ÷ 60, rounded half up to a cent. */
export function feeForMinutes(rateCentsPerHour: number, minutes: number): number {
  requireSafeInteger(rateCentsPerHour, 'hourly rate in cents');
  requireSafeInteger(minutes, 'minutes');
  return mulDivHalfUp(rateCentsPerHour, minutes, 60);
}

/** `percent`% of an amount (50 for half-rate travel), rounded half up (away from zero) to a cent. */
export function scaleCents(cents: number, percent: number): number {
  requireSafeInteger(cents, 'amount in cents');
  requireSafeInteger(percent, 'percent', 'INTERNAL', 0);
  return mulDivHalfUp(cents, percent, 100);
}

/** The exact sum of amounts in cents; throws INTERNAL if any value or the total is not a safe integer. */
export function sumCents(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    requireSafeInteger(value, 'amount in cents');
    total += value;
    if (!Number.isSafeInteger(total)) throw new AppError('INTERNAL', `total "${String(total)}" of amounts is too large`);
  }
  return total;
}
