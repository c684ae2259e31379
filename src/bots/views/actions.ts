/**
 * What a button or form sends back. Payloads are untrusted: ids are re-read from the database, the
 * actor is checked against the owner, and hours or amounts never travel in a button (only in a
 * form the person filled in: Edit, Write down).
 */
export type ReviewVerb = 'approve' | 'approve_all' | 'not_billable' | 'undo' | 'change_matter' | 'edit' | 'show_all';

export interface ReviewAction {
  readonly verb: ReviewVerb;
  /** The card's owner and day (which card to re-render); the actor must be the owner or a delegate. */
  readonly ownerId: number;
  readonly date: string;
  /** approve, not_billable, undo, change_matter, edit. */
  readonly entryId?: string;
  /** The version the card showed; a different current version → the fresh card and a note. */
  readonly version?: number;
  /** change_matter: the chosen matter code. */
  readonly matter?: string;
  /** edit: what the person typed (hours as "1.5", "1h30m" or "90m"). */
  readonly edit?: {
    readonly narrative?: string;
    readonly hours?: string;
    readonly matter?: string;
    readonly taskCode?: string;
    readonly activityCode?: string;
  };
}

export type InvoiceVerb = 'finalize' | 'file' | 'void' | 'write_down';

export interface InvoiceAction {
  readonly verb: InvoiceVerb;
  readonly invoiceId: string;
  /** file: which rendering. */
  readonly format?: 'pdf' | 'ledes' | 'csv';
  /** write_down: a money string ("-120.00" writes down, "50" writes up) and its reason; optional line. */
  readonly amount?: string;
  readonly reason?: string;
  readonly lineNo?: number;
}

/** Who clicked or typed, as the platform says; resolved to a Tally user from the database. */
export interface ChatContext {
  readonly platform: 'slack' | 'teams' | 'console';
  /** Slack user id (U…), Teams AAD object id, or the console's chosen person (a Tally user id). */
  readonly platformUserId: string;
  /** The delivery's idempotency key (Slack event/action identity, Teams activity id). */
  readonly deliveryKey: string;
  /** The moment of the delivery (services take the clock as a parameter). */
  readonly now: Date;
}
