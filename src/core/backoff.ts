import { AppError } from './errors.js';

export interface BackoffOptions {
  /** The ceiling of the first retry's wait; it doubles with each further attempt. */
  readonly baseMs: number;
  /** No wait is ever longer than this. */
  readonly capMs: number;
  /** Returns a number in [0, 1) (Math.random in production, a fixed sequence in tests). */
  readonly random: () => number;
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry): "full jitter", a whole
 * number of milliseconds drawn uniformly from [0, min(capMs, baseMs × 2^(attempt−1))]. Spreading
 * each wait over the whole range keeps many senders that failed together from retrying together.
 */
export function backoffMs(attempt: number, options: BackoffOptions): number {
  const { baseMs, capMs } = options;
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new AppError('INTERNAL', `backoff attempt "${String(attempt)}" must be a whole number from 1`);
  if (!Number.isFinite(baseMs) || baseMs < 0 || !Number.isFinite(capMs) || capMs < 0) throw new AppError('INTERNAL', 'backoff base and cap must be finite and not negative');
  // 2^60 × any positive base is already past every sensible cap, and stays finite.
  const ceiling = Math.floor(Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 60)));
  const r = options.random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(ceiling, Math.floor(unit * (ceiling + 1)));
}
