import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/core/errors.js';

/** Runs `run`, expecting it to throw an AppError with this code and message (exact text, or a pattern). */
export function expectAppError(run: () => unknown, code: ErrorCode, message: string | RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect(caught).toMatchObject({ code });
  if (typeof message === 'string') expect((caught as AppError).message).toBe(message);
  else expect((caught as AppError).message).toMatch(message);
}
