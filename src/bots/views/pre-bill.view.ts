import type { InvoiceStatus } from '../../core/invoice.js';

/** One row of the by-timekeeper table, already formatted. */
export interface TimekeeperRowView {
  readonly name: string;
  readonly hours: string;
  /** "$350.00" or "various". */
  readonly rate: string;
  readonly amount: string;
}

/** One matter's invoice on the pre-bill card. Only `invoiceId` goes into button payloads. */
export interface PreBillMatterView {
  readonly invoiceId: string;
  readonly status: InvoiceStatus;
  /** The invoice number once finalized. */
  readonly number: string | null;
  readonly matter: { readonly code: string; readonly name: string };
  readonly hours: string;
  readonly fees: string;
  readonly total: string;
  readonly timekeepers: readonly TimekeeperRowView[];
  /** "Write-down −$120.00: duplicate research". */
  readonly adjustments: readonly string[];
  readonly warnings: readonly string[];
  /** "3 drafts (2.4 h) in this period still awaiting approval from A. Harlow, B. Finch", or null. */
  readonly awaiting: string | null;
}

/** The pre-bill card after `/invoice acme march` (cards.md "Pre-bill"). */
export interface PreBillView {
  readonly kind: 'pre-bill';
  /** "Acme Corp — March 2026 — pre-bill" (or "— invoices" once all are issued). */
  readonly title: string;
  readonly matters: readonly PreBillMatterView[];
  /** Matters with only unapproved drafts: "ACME-002: 2 drafts (1.2 h) awaiting approval". */
  readonly awaitingOnly: readonly string[];
  /** The combined total of the drafts, for Finalize's confirmation: "$4,210.00". */
  readonly total: string;
  /** Whether the viewer may void (billing/admin) — always true for a pre-bill's requester today. */
  readonly canVoid: boolean;
}
