import type { Activity } from '../../core/activity.js';
import type { SourceKind } from '../../core/firm.js';

/** The person whose activity is read: only what sources need, never their narratives. */
export interface CaptureUser {
  readonly id: number;
  readonly email: string;
  readonly aadObjectId: string | null;
  readonly slackUserId: string | null;
  readonly timezone: string;
  /** What this person allows Tally to read; a source not listed is never read for them. */
  readonly sources: readonly SourceKind[];
}

/** One local working day of a person, as UTC instants [start, end). */
export interface CaptureWindow {
  readonly date: string;
  readonly start: Date;
  readonly end: Date;
}

/** Where a source keeps its place between runs (Graph delta links, Slack cursors), per user and key. */
export interface SyncStore {
  get(userId: number, key: string): Promise<string | null>;
  /** null forgets the place, so the next read starts over. */
  save(userId: number, key: string, cursor: string | null): Promise<void>;
}

/**
 * A reader of one kind of activity (calendar, sent mail, documents, calls, Slack history, a file).
 * It yields Activities in the DESIGN.md format with stable ids; reading twice yields the same ids.
 */
export interface ActivityReader {
  readonly name: string;
  /** The permission this reader needs in the person's `sources` list. */
  readonly kind: SourceKind;
  read(user: CaptureUser, window: CaptureWindow): Promise<Activity[]>;
}
