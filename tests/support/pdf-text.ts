import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { InvoiceDocument, InvoiceLine, Timekeeper, TimekeeperSummary } from '../../src/core/invoice.js';
import { addDays } from '../../src/core/dates.js';
import { feeForMinutes } from '../../src/core/money.js';

const run = promisify(execFile);

/** poppler-utils' text extractor; CI images install it. */
export const PDFTOTEXT = '/usr/bin/pdftotext';

/**
 * Whether PDF text tests can run. Without pdftotext they are skipped with a printed reason on a
 * developer machine; under CI=true a missing pdftotext is an error, never a silent skip.
 */
export function pdftotextAvailable(): boolean {
  if (existsSync(PDFTOTEXT)) return true;
  const reason = `${PDFTOTEXT} is missing (apt-get install poppler-utils)`;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${reason}: PDF text tests must run in CI`);
  console.warn(`skipping PDF text tests: ${reason}`);
  return false;
}

/** The text of a PDF as `pdftotext -layout` lays it out, pages separated by form feeds. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tally-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of each page (pdftotext ends every page with a form feed). */
export function pagesOf(text: string): string[] {
  const pages = text.split('\f');
  return pages.slice(0, -1);
}

// ---- a small InvoiceDocument builder ---------------------------------------------------------------

export const PARTNER: Timekeeper = { userId: 1, name: 'Robert Arnsley', timekeeperId: '22547', classification: 'PARTNR' };
export const ASSOCIATE: Timekeeper = { userId: 2, name: 'José Núñez', timekeeperId: '30112', classification: 'ASSOC' };
export const PARALEGAL: Timekeeper = { userId: 3, name: 'Zoë Ångström', timekeeperId: 'ZA1', classification: 'PARALG' };

const RATES = new Map<number, number>([[1, 60_000], [2, 33_333], [3, 15_000]]);
const PEOPLE = [PARTNER, ASSOCIATE, PARALEGAL];
const NARRATIVES = [
  'Draft motion to compel production of documents; review opposing counsel\'s objections and meet-and-confer correspondence',
  'Telephone conference with client re: settlement strategy and deposition schedule',
  'Research case law on spoliation sanctions under Rule 37(e); summarize findings for R. Arnsley',
  'Organize deposition exhibits and prepare witness binders',
];

/** A fee line whose amount is its minutes at the timekeeper's rate, as the compiler prices it. */
export function aFeeLine(lineNo: number, fields: Partial<InvoiceLine> = {}): InvoiceLine {
  const timekeeper = fields.timekeeper ?? PEOPLE[(lineNo - 1) % PEOPLE.length] ?? PARTNER;
  const minutes = fields.minutes ?? 6 * (1 + (lineNo % 15));
  const rateCents = fields.rateCents ?? RATES.get(timekeeper.userId) ?? 30_000;
  return {
    lineNo, kind: 'fee', entryId: `entry-${String(lineNo)}`, entryVersion: 1,
    workDate: addDays('2026-03-01', (lineNo - 1) % 31), timekeeper,
    description: NARRATIVES[(lineNo - 1) % NARRATIVES.length] ?? '', minutes, rateCents,
    amountCents: feeForMinutes(rateCents, minutes), adjustmentCents: 0, adjustmentReason: null, rateNote: null,
    taskCode: 'L120', activityCode: 'A104', ...fields,
  };
}

/** An invoice-level write-down or write-up. */
export function anAdjustmentLine(lineNo: number, description: string, amountCents: number): InvoiceLine {
  return {
    lineNo, kind: 'adjustment', entryId: null, entryVersion: null, workDate: null, timekeeper: null, description,
    minutes: null, rateCents: null, amountCents, adjustmentCents: 0, adjustmentReason: null, rateNote: null,
    taskCode: null, activityCode: null,
  };
}

/** `count` generated fee lines, numbered from 1. */
export function feeLines(count: number): InvoiceLine[] {
  return Array.from({ length: count }, (_, i) => aFeeLine(i + 1));
}

function timekeeperSummaries(lines: readonly InvoiceLine[]): TimekeeperSummary[] {
  const rows = new Map<number, { timekeeper: Timekeeper; minutes: number; rates: Set<number>; amountCents: number }>();
  for (const line of lines) {
    if (line.kind !== 'fee' || line.timekeeper === null) continue;
    const row = rows.get(line.timekeeper.userId) ?? { timekeeper: line.timekeeper, minutes: 0, rates: new Set<number>(), amountCents: 0 };
    row.minutes += line.minutes ?? 0;
    if (line.rateCents !== null) row.rates.add(line.rateCents);
    row.amountCents += line.amountCents;
    rows.set(line.timekeeper.userId, row);
  }
  return [...rows.values()]
    .sort((a, b) => a.timekeeper.name.localeCompare(b.timekeeper.name))
    .map((r) => ({ timekeeper: r.timekeeper, minutes: r.minutes, rateCents: r.rates.size === 1 ? ([...r.rates][0] ?? null) : null, amountCents: r.amountCents }));
}

/**
 * An issued invoice (number 2026-0007 unless given) whose totals and timekeeper summary are computed
 * from its lines the way the compiler computes them. Pass `lines` or use the default three fee lines.
 */
export function anInvoice(fields: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const lines = fields.lines ?? feeLines(3);
  const feesCents = lines.filter((l) => l.kind === 'fee').reduce((sum, l) => sum + l.amountCents, 0);
  const adjustmentCents = lines.reduce((sum, l) => sum + (l.kind === 'fee' ? l.adjustmentCents : l.amountCents), 0);
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001', number: '2026-0007', status: 'issued', issueDate: '2026-04-02',
    periodStart: '2026-03-01', periodEnd: '2026-03-31', currency: 'USD',
    firm: { name: 'Arnsley & Beaster LLP', lawFirmId: '24-6437381' },
    client: { code: 'ACME', name: 'Acme Corporation', ledesClientId: '00711' },
    matter: { code: 'ACME-001', name: 'Acme v. Beta Industries', clientMatterId: '423-987' },
    feesCents, adjustmentCents, totalCents: feesCents + adjustmentCents, timekeepers: timekeeperSummaries(lines),
    warnings: [], awaiting: { count: 0, minutes: 0, people: [] },
    ...fields,
    lines,
  };
}

/** A draft pre-bill: no number, no issue date. */
export function aDraft(fields: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return anInvoice({ id: 'd7a3f00d-0000-4000-8000-000000000009', number: null, status: 'draft', issueDate: null, ...fields });
}
