import type { WorkKind } from '../../core/capture-types.js';
import type { Warning } from '../../core/time-entry.js';

/**
 * What a narrator is told about one draft: titles and participants only (no bodies), plus the
 * template narrative to improve. Minutes, matter and status are not negotiable and not sent.
 */
export interface NarrativeRequest {
  readonly id: string;
  readonly kind: WorkKind;
  readonly titles: readonly string[];
  readonly participants: readonly string[];
  readonly clientName: string | null;
  readonly matterName: string | null;
  readonly templateNarrative: string;
  readonly maxLength: number;
  readonly bannedPhrases: readonly string[];
}

/** A narrator's proposal for one draft; codes are only suggestions and are validated by the caller. */
export interface NarrativeSuggestion {
  readonly id: string;
  readonly narrative: string;
  readonly taskCode: string | null;
  readonly activityCode: string | null;
}

export interface NarratorResult {
  readonly suggestions: ReadonlyMap<string, NarrativeSuggestion>;
  /** Per draft id: why the template was kept (refusal, truncation, timeout, invalid output). */
  readonly warnings: ReadonlyMap<string, readonly Warning[]>;
}

/** Writes narratives for one person's day in one go. The template narrator is the offline default. */
export interface Narrator {
  readonly name: string;
  narrate(requests: readonly NarrativeRequest[]): Promise<NarratorResult>;
}

/** The offline default: keeps every template narrative as it is. */
export const templateNarrator: Narrator = {
  name: 'template',
  narrate: async () => ({ suggestions: new Map(), warnings: new Map() }),
};
