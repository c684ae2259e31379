import { afterEach, beforeEach } from 'vitest';
import type { SourceKind } from '../../../src/core/firm.js';
import type { Logger } from '../../../src/core/logger.js';
import type { CaptureUser, CaptureWindow, SyncStore } from '../../../src/capture/sources/source.js';
import { FakeGraphServer } from './fake-graph-server.js';

/** A SyncStore over a Map: the readers' own interface, so no database stands in for it. */
export interface MemorySyncStore extends SyncStore {
  readonly values: Map<string, string>;
  /** What is stored for a user and key, or null. */
  peek(userId: number, key: string): string | null;
}

export function memorySyncStore(): MemorySyncStore {
  const values = new Map<string, string>();
  const id = (userId: number, key: string) => `${userId}|${key}`;
  return {
    values,
    peek: (userId, key) => values.get(id(userId, key)) ?? null,
    get: async (userId, key) => values.get(id(userId, key)) ?? null,
    save: async (userId, key, cursor) => {
      if (cursor === null) values.delete(id(userId, key));
      else values.set(id(userId, key), cursor);
    },
  };
}

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: object;
  readonly message: string | undefined;
}

/** A Logger that keeps every line, so tests can check what was (and was not) logged. */
export function recordingLogger(): Logger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: object): Logger & { lines: LogLine[] } => ({
    lines,
    debug: (fields, message) => void lines.push({ level: 'debug', fields: { ...bindings, ...fields }, message }),
    info: (fields, message) => void lines.push({ level: 'info', fields: { ...bindings, ...fields }, message }),
    warn: (fields, message) => void lines.push({ level: 'warn', fields: { ...bindings, ...fields }, message }),
    error: (fields, message) => void lines.push({ level: 'error', fields: { ...bindings, ...fields }, message }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}

const ALL: readonly SourceKind[] = ['calendar', 'email', 'documents', 'calls', 'slack'];

export function captureUser(overrides: Partial<CaptureUser> = {}): CaptureUser {
  return { id: 1, email: 'alice@firm.example', aadObjectId: '0a11ce00-0000-4000-8000-000000000001', slackUserId: null, timezone: 'America/New_York', sources: ALL, ...overrides };
}

/** A New York working day: [05:00Z, next day 05:00Z) in winter. */
export function nyDay(date: string): CaptureWindow {
  const start = new Date(`${date}T05:00:00Z`);
  return { date, start, end: new Date(start.getTime() + 86_400_000) };
}

/** Starts a fresh fake before each test and closes it after. Read `.current` inside tests. */
export function useFakeGraph(): { readonly current: FakeGraphServer } {
  const holder = { current: undefined as unknown as FakeGraphServer };
  beforeEach(async () => {
    holder.current = await FakeGraphServer.start();
  });
  afterEach(async () => {
    await holder.current?.close();
  });
  return holder;
}
