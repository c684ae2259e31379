/**
 * Stable error codes. The edge (CLI, bots, HTTP) translates them into user text and exit codes;
 * inside, code throws the most precise one with the original error as `cause`.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_PERIOD'
  | 'INVALID_MONEY'
  | 'INVALID_DURATION'
  | 'INVALID_CONFIG'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'STALE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** One problem found while validating input, located by a path such as `matters[3].client`. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Codes that mean the person asked for something wrong (exit 1), not that Tally broke (exit 2). */
const USER_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'INVALID_PERIOD',
  'INVALID_MONEY',
  'INVALID_DURATION',
  'INVALID_CONFIG',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'STALE',
]);

/** The one error type of Tally: a stable `code`, a user-safe `message`, optional problems and cause. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; problems?: readonly Problem[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
  }

  /** True when the error was caused by the person's input rather than by Tally or its environment. */
  get isUserError(): boolean {
    return USER_CODES.has(this.code);
  }
}

/** Narrows an unknown thrown value to an AppError, optionally of one code. */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
