import { describe, it, expect } from 'vitest';
import type { ErrorCode } from '../../../src/core/errors.js';
import { expectAppError } from '../../support/expect-app-error.js';
import { feeForMinutes, formatAmount, formatMoney, parseMoney, scaleCents, sumCents } from '../../../src/core/money.js';

describe('parseMoney', () => {
  it.each<[string | number, number]>([
    ['1,234.50', 123450],
    ['350', 35000],
    ['350.5', 35050],
    ['$1,234.50', 123450],
    [' 350 ', 35000],
    ['0.99', 99],
    ['.99', 99],
    ['0', 0],
    ['1,000,000', 100000000],
    ['$ 12.05', 1205],
    ['€1,234.50', 123450],
    ['007', 700],
    [350, 35000],
    [350.5, 35050],
    [0.07, 7],
    [1234.56, 123456],
    [0, 0],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parseMoney(%j) = %i cents', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each<[string | number, number]>([
    ['-12.50', -1250],
    ['-$12.50', -1250],
    ['$-12.50', -1250],
    ['-0', 0],
    [-12.5, -1250],
    ['12.50', 1250],
  ])('parseMoney(%j, { allowNegative: true }) = %i cents', (input, expected) => {
    expect(Object.is(parseMoney(input, { allowNegative: true }), expected)).toBe(true);
  });

  it.each<[string | number, string]>([
    ['', 'invalid amount "" — enter an amount, e.g. "1,234.50"'],
    ['   ', 'invalid amount "" — enter an amount, e.g. "1,234.50"'],
    ['abc', 'invalid amount "abc" — use digits, e.g. "1,234.50"'],
    ['12a', 'invalid amount "12a" — use digits, e.g. "1,234.50"'],
    ['1.234', 'invalid amount "1.234" — use at most 2 decimals, e.g. "1,234.50"'],
    ['1,23,4', 'invalid amount "1,23,4" — put commas between groups of 3 digits, e.g. "1,234.50"'],
    ['12,34.00', 'invalid amount "12,34.00" — put commas between groups of 3 digits, e.g. "1,234.50"'],
    ['1234,567', 'invalid amount "1234,567" — put commas between groups of 3 digits, e.g. "1,234.50"'],
    ['-12.50', 'invalid amount "-12.50" — the amount must not be negative'],
    ['$', 'invalid amount "$" — use digits, e.g. "1,234.50"'],
    ['.', 'invalid amount "." — use digits, e.g. "1,234.50"'],
    ['350.', 'invalid amount "350." — use digits, e.g. "1,234.50"'],
    ['1.2.3', 'invalid amount "1.2.3" — use digits, e.g. "1,234.50"'],
    ['--5', 'invalid amount "--5" — use digits, e.g. "1,234.50"'],
    ['1e3', 'invalid amount "1e3" — use digits, e.g. "1,234.50"'],
    ['90071992547409.92', 'invalid amount "90071992547409.92" — the amount is too large'],
    ['99999999999999999999', 'invalid amount "99999999999999999999" — the amount is too large'],
    [Number.NaN, 'invalid amount "NaN" — use a number, e.g. "1,234.50"'],
    [Number.POSITIVE_INFINITY, 'invalid amount "Infinity" — use a number, e.g. "1,234.50"'],
    [350.555, 'invalid amount "350.555" — use at most 2 decimals, e.g. "1,234.50"'],
    [0.1 + 0.2, 'invalid amount "0.30000000000000004" — use at most 2 decimals, e.g. "1,234.50"'],
    [1e-7, 'invalid amount "1e-7" — use at most 2 decimals, e.g. "1,234.50"'],
    [1e21, 'invalid amount "1e+21" — the amount is too large'],
    [-5, 'invalid amount "-5" — the amount must not be negative'],
  ])('rejects %j with INVALID_MONEY', (input, message) => {
    expectAppError(() => parseMoney(input), 'INVALID_MONEY', message);
  });
});

describe('formatMoney', () => {
  it.each<[number, string | undefined, string | undefined, string]>([
    [123450, undefined, undefined, '$1,234.50'],
    [-1200, undefined, undefined, '-$12.00'],
    [0, undefined, undefined, '$0.00'],
    [5, undefined, undefined, '$0.05'],
    [-5, undefined, undefined, '-$0.05'],
    [123450, 'EUR', undefined, '€1,234.50'],
    [123450, 'GBP', 'en-GB', '£1,234.50'],
    [123450, 'EUR', 'de-DE', '1.234,50\u00a0€'],
    [Number.MAX_SAFE_INTEGER, 'USD', 'en-US', '$90,071,992,547,409.91'],
  ])('formatMoney(%i, %j, %j) = %j', (cents, currency, locale, expected) => {
    expect(formatMoney(cents, currency, locale)).toBe(expected);
  });

  it.each<[() => unknown, ErrorCode, string]>([
    [() => formatMoney(1.5), 'INTERNAL', 'amount in cents "1.5" is not a whole number'],
    [() => formatMoney(Number.NaN), 'INTERNAL', 'amount in cents "NaN" is not a whole number'],
    [() => formatMoney(100, 'US'), 'INVALID_CONFIG', 'invalid currency "US" — use a 3-letter ISO code such as "USD"'],
    [() => formatMoney(100, 'USD', 'not a locale!'), 'INVALID_CONFIG', 'invalid locale "not a locale!"'],
  ])('rejects bad input %#', (run, code, message) => {
    expectAppError(run, code, message);
  });
});

describe('formatAmount', () => {
  it.each([
    [123450, '1234.50'],
    [-5, '-0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-123456, '-1234.56'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formatAmount(%i) = %j', (cents, expected) => {
    expect(formatAmount(cents)).toBe(expected);
  });

  it('rejects a fractional amount', () => {
    expectAppError(() => formatAmount(0.5), 'INTERNAL', 'amount in cents "0.5" is not a whole number');
  });
});

describe('feeForMinutes', () => {
  it.each([
    [30000, 60, 30000],
    [30000, 6, 3000],
    [25000, 7, 2917],
    [33333, 1, 556],
    [10, 3, 1],
    [10, 2, 0],
    [0, 60, 0],
    [45000, 0, 0],
    [-10, 3, -1],
    [-25000, 7, -2917],
    [100_000_000, 1440, 2_400_000_000],
  ])('feeForMinutes(%i, %i) = %i', (rate, minutes, expected) => {
    expect(feeForMinutes(rate, minutes)).toBe(expected);
  });

  it.each<[number, number, string]>([
    [100.5, 6, 'hourly rate in cents "100.5" is not a whole number'],
    [10000, 1.5, 'minutes "1.5" is not a whole number'],
    [10000, Number.NaN, 'minutes "NaN" is not a whole number'],
  ])('rejects feeForMinutes(%j, %j)', (rate, minutes, message) => {
    expectAppError(() => feeForMinutes(rate, minutes), 'INTERNAL', message);
  });
});

describe('scaleCents', () => {
  it.each([
    [1000, 50, 500],
    [1001, 50, 501],
    [-1001, 50, -501],
    [999, 0, 0],
    [12345, 150, 18518],
    [1, 33, 0],
    [3, 50, 2],
    [12345, 100, 12345],
  ])('scaleCents(%i, %i) = %i', (cents, percent, expected) => {
    expect(scaleCents(cents, percent)).toBe(expected);
  });

  it.each<[number, number, string]>([
    [1000, 12.5, 'percent "12.5" is not a whole number'],
    [1000, -10, 'percent "-10" must be at least 0'],
    [10.5, 50, 'amount in cents "10.5" is not a whole number'],
  ])('rejects scaleCents(%j, %j)', (cents, percent, message) => {
    expectAppError(() => scaleCents(cents, percent), 'INTERNAL', message);
  });
});

describe('sumCents', () => {
  it.each<[readonly number[], number]>([
    [[], 0],
    [[1, 2, 3], 6],
    [[123450, -1200, 5], 122255],
    [[Number.MAX_SAFE_INTEGER - 1, 1], Number.MAX_SAFE_INTEGER],
  ])('sumCents(%j) = %i', (values, expected) => {
    expect(sumCents(values)).toBe(expected);
  });

  it.each<[readonly number[], string]>([
    [[100, 0.5], 'amount in cents "0.5" is not a whole number'],
    [[Number.NaN], 'amount in cents "NaN" is not a whole number'],
    [[Number.MAX_SAFE_INTEGER + 1], 'amount in cents "9007199254740992" is too large'],
    [[Number.MAX_SAFE_INTEGER, 1], 'total "9007199254740992" of amounts is too large'],
  ])('rejects sumCents(%j) with INTERNAL', (values, message) => {
    expectAppError(() => sumCents(values), 'INTERNAL', message);
  });
});
