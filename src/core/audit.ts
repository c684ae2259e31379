/** The surface a state change came through; recorded on every audit row. */
export type Via = 'slack' | 'teams' | 'cli' | 'console' | 'system';
export const VIAS: readonly Via[] = ['slack', 'teams', 'cli', 'console', 'system'];

/** Who did something: a known user, or a named system actor such as `import` or `capture`. */
export interface Actor {
  readonly userId: number | null;
  readonly label: string;
  readonly via: Via;
}

/** One row of the audit log: every state change writes one, with the state before and after. */
export interface AuditRecord {
  readonly id: number;
  readonly at: Date;
  readonly actor: Actor;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The actor for work Tally does on its own (scheduled capture, purges). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, label: 'system', via: 'system' });
