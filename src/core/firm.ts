import type { Guidelines } from './guidelines.js';

/** What a person does at the firm; decides what Tally lets them see and do. */
export type Role = 'lawyer' | 'assistant' | 'billing' | 'manager' | 'admin';
export const ROLES: readonly Role[] = ['lawyer', 'assistant', 'billing', 'manager', 'admin'];

/** Activity a person has allowed Tally to read for them. */
export type SourceKind = 'calendar' | 'email' | 'documents' | 'calls' | 'slack';
export const SOURCE_KINDS: readonly SourceKind[] = ['calendar', 'email', 'documents', 'calls', 'slack'];

export type MatterStatus = 'open' | 'closed';

export interface Firm {
  readonly name: string;
  readonly lawFirmId: string | null;
  readonly timezone: string;
  readonly currency: string;
  readonly invoiceNumberFormat: string;
  readonly isDemo: boolean;
}

export interface User {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly timekeeperId: string | null;
  readonly classification: string | null;
  readonly roles: readonly Role[];
  readonly timezone: string;
  /** Local wall time 'HH:MM' when the daily review card is sent. */
  readonly summaryTime: string;
  /** ISO weekdays (1 = Monday) on which the daily card is sent. */
  readonly summaryDays: readonly number[];
  readonly managerId: number | null;
  readonly delegateIds: readonly number[];
  readonly slackUserId: string | null;
  readonly aadObjectId: string | null;
  readonly sources: readonly SourceKind[];
  readonly reminders: boolean;
  readonly unreachableAt: Date | null;
  readonly active: boolean;
}

export interface Client {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly aliases: readonly string[];
  readonly ledesClientId: string | null;
  readonly guidelines: Guidelines;
}

export interface Matter {
  readonly id: number;
  readonly code: string;
  readonly clientId: number;
  readonly name: string;
  readonly clientMatterId: string | null;
  readonly status: MatterStatus;
  readonly keywords: readonly string[];
  readonly slackChannels: readonly string[];
  readonly defaultTaskCode: string | null;
  readonly billable: boolean;
}

/**
 * An hourly rate in cents for a scope: timekeeper, client, matter or a combination.
 * Dates are inclusive; null means open-ended.
 */
export interface Rate {
  readonly userId: number | null;
  readonly clientId: number | null;
  readonly matterId: number | null;
  readonly rateCents: number;
  readonly effectiveFrom: string | null;
  readonly effectiveTo: string | null;
}

/** Splits a person's full name into LEDES `Last, First` form. */
export function lastFirst(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return name.trim();
  const last = parts[parts.length - 1] ?? '';
  return `${last}, ${parts.slice(0, -1).join(' ')}`;
}

/** True when the user holds any of the given roles. */
export function hasRole(user: Pick<User, 'roles'>, ...roles: readonly Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}
