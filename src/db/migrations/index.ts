import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as summaryCards from './0002-summary-cards.js';
import * as scheduledSends from './0003-scheduled-sends.js';

/** Every migration in order, imported statically so `npx tally` and tests need no file scanning. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-summary-cards': summaryCards,
  '0003-scheduled-sends': scheduledSends,
};
