import type { RoundingMode } from './duration.js';

/**
 * A client's outside-counsel billing guidelines, in integer units:
 * minutes for time, percent for travel, cents for rate caps.
 */
export interface Guidelines {
  readonly incrementMinutes: number;
  readonly rounding: RoundingMode;
  readonly minimumMinutes: number;
  /** Per timekeeper per day across this client's matters. */
  readonly maxMinutesPerDay: number;
  readonly bannedPhrases: readonly string[];
  readonly forbidBlockBilling: boolean;
  readonly forbidClerical: boolean;
  /** Non-working travel billed at this percent of the rate (100 = full rate). */
  readonly travelRatePercent: number;
  readonly requireTaskCodes: boolean;
  readonly maxDescriptionLength: number;
  /** Classification (e.g. PARTNR) or timekeeper email → highest hourly rate in cents. */
  readonly rateCaps: Readonly<Record<string, number>>;
}

/** The defaults of DESIGN.md: 0.1 h increments rounded up, 6 min minimum, no caps. */
export const DEFAULT_GUIDELINES: Guidelines = Object.freeze({
  incrementMinutes: 6,
  rounding: 'up',
  minimumMinutes: 6,
  maxMinutesPerDay: 24 * 60,
  bannedPhrases: [],
  forbidBlockBilling: true,
  forbidClerical: true,
  travelRatePercent: 100,
  requireTaskCodes: false,
  maxDescriptionLength: 1000,
  rateCaps: {},
});
