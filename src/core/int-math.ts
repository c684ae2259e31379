import { AppError, type ErrorCode } from './errors.js';

/**
 * Throws `AppError(code)` unless `value` is a safe integer (and, with `min`, at least `min`).
 * `name` describes the value in the message, e.g. `minutes`.
 */
export function requireSafeInteger(value: number, name: string, code: ErrorCode = 'INTERNAL', min?: number): number {
  if (!Number.isInteger(value)) throw new AppError(code, `${name} "${String(value)}" is not a whole number`);
  if (!Number.isSafeInteger(value)) throw new AppError(code, `${name} "${String(value)}" is too large`);
  if (min !== undefined && value < min) {
    throw new AppError(code, `${name} "${String(value)}" must be at least ${String(min)}`);
  }
  return value;
}

/**
 * Computes `a × b ÷ d` rounded half away from zero, exactly (BigInt inside, so the product may exceed 2^53).
 * All three must be safe integers and `d` must be positive; the result must be a safe integer.
 */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  requireSafeInteger(a, 'multiplicand');
  requireSafeInteger(b, 'multiplier');
  requireSafeInteger(d, 'divisor', 'INTERNAL', 1);
  const product = BigInt(a) * BigInt(b);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const divisor = BigInt(d);
  const rounded = (2n * magnitude + divisor) / (2n * divisor);
  const result = Number(negative ? -rounded : rounded);
  if (!Number.isSafeInteger(result)) {
    throw new AppError('INTERNAL', `result of "${String(a)} × ${String(b)} ÷ ${String(d)}" is too large`);
  }
  // Avoid returning -0, which would print as "-0.00" in some formatters.
  return result === 0 ? 0 : result;
}

/** Integer division of a safe integer by a positive divisor rounded half away from zero. */
export function divHalfUp(n: number, d: number): number {
  return mulDivHalfUp(n, 1, d);
}

/** Integer division of a safe integer by a positive divisor, rounded towards minus infinity (no floating point). */
export function divFloor(n: number, d: number): number {
  const remainder = n % d;
  const quotient = (n - remainder) / d;
  return remainder < 0 ? quotient - 1 : quotient;
}
