import { pdfmakeEngine, PDF_FONT } from '../src/billing/renderers/pdf-engine.js';
import { renderLedes } from '../src/billing/renderers/ledes.renderer.js';
import { renderPdf } from '../src/billing/renderers/pdf.renderer.js';
import { compileInvoices } from '../src/billing/invoice-compile.service.js';
import { SYSTEM_ACTOR } from '../src/core/audit.js';
import { parsePeriod } from '../src/core/period.js';
import { sql } from 'kysely';
import { transaction, type Db } from '../src/db/connection.js';
import { findMatterByCode } from '../src/db/repositories/matter.repository.js';
import { insertEntries, type NewEntry } from '../src/db/repositories/time-entry.repository.js';
import { listUsers } from '../src/db/repositories/user.repository.js';
import { importFirm } from '../src/firm/firm-import.service.js';
import { openBenchDatabase } from './bench-db.js';
import type { BenchResult } from './bench-result.js';
import { prng } from './synthetic-firm.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const actor = { ...SYSTEM_ACTOR, label: 'bench' };
const VERBS = ['Draft and revise', 'Review and analyze', 'Conference with client re', 'Prepare for and attend deposition of', 'Research'];
const OBJECTS = ['motion to compel production of documents', 'expert report on damages', 'settlement term sheet', 'privilege log entries', 'witness outline'];

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function seed(db: Db): Promise<void> {
  const users = Array.from({ length: 12 }, (_, i) => ({ email: `tk${i}@bench.example`, name: `Timekeeper Person${i}`, timekeeperId: `T${i}`, classification: i < 3 ? 'PARTNR' : 'ASSOC', roles: ['lawyer'], rate: i < 3 ? '650.00' : '333.33' }));
  await importFirm(db, { firm: { name: 'Bench LLP', lawFirmId: '12-3456789', timezone: 'America/New_York' }, users, clients: [{ code: 'BIG', name: 'Big Client Inc', guidelines: { rateCaps: { PARTNR: '600.00' } } }], matters: [{ code: 'BIG-001', client: 'BIG', name: 'Big v. Small', clientMatterId: 'M-1' }] }, actor);
  const matter = await findMatterByCode(db, 'BIG-001');
  const people = await listUsers(db);
  const random = prng(7);
  const entries: NewEntry[] = Array.from({ length: ENTRIES }, (_, i) => {
    const minutes = 6 * (1 + Math.floor(random() * 30));
    return {
      userId: people[i % people.length]?.id ?? 0, matterId: matter?.id ?? null, workDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      actualMinutes: minutes, billedMinutes: minutes, narrative: `${VERBS[i % VERBS.length]} ${OBJECTS[(i >> 2) % OBJECTS.length]} (item ${i})`,
      taskCode: 'L120', activityCode: 'A103', confidence: 'high', evidence: [], warnings: [], sourceActivityIds: [], origin: 'manual', captureKey: null, status: 'approved',
    };
  });
  await transaction(db, (tx) => insertEntries(tx, entries, actor));
}

interface BareRow {
  readonly work_date: string;
  readonly name: string;
  readonly narrative: string;
  readonly billed_minutes: number;
  readonly rate_cents: number;
  readonly amount_cents: number;
}

/** The baseline select: the same six values per line (date, name, narrative, minutes, rate, amount) in one query. */
function bareSelect(db: Db): Promise<BareRow[]> {
  return sql<BareRow>`
    select e.work_date, u.name, e.narrative, e.billed_minutes, r.rate_cents, (r.rate_cents * e.billed_minutes + 30) / 60 as amount_cents
    from time_entries e join users u on u.id = e.user_id join rates r on r.user_id = e.user_id and r.client_id is null and r.matter_id is null
    where e.status = 'approved' order by e.work_date, u.name`.execute(db).then((r) => r.rows);
}

/** The baseline PDF: the same six columns as plain strings in one pdfmake table, nothing else. */
async function barePdf(rows: readonly BareRow[]): Promise<Buffer> {
  const cents = (c: number) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;
  return pdfmakeEngine.render({
    defaultStyle: { font: PDF_FONT, fontSize: 8 },
    content: [{ table: { headerRows: 1, widths: [50, 72, '*', 28, 48, 58], body: [['Date', 'Timekeeper', 'Description', 'Hours', 'Rate', 'Amount'], ...rows.map((r) => [r.work_date, r.name, r.narrative, String(r.billed_minutes / 60), cents(r.rate_cents), cents(r.amount_cents)])] } }],
  });
}

/** 10,000 approved entries: compile + PDF + LEDES, against a bare select plus a bare pdfmake table of the same rows. */
export async function benchInvoice(options: { pglite: boolean }): Promise<BenchResult> {
  const database = await openBenchDatabase(options.pglite);
  try {
    const db = database.handle.db;
    await seed(db);
    const period = parsePeriod('march 2026', '2026-04-15');
    const [result, compileMs] = await time(() => compileInvoices(db, { client: 'big', period, actor }));
    const docs = result.invoices;
    const [pdf, pdfMs] = await time(() => renderPdf(docs));
    const [ledes, ledesMs] = await time(async () => renderLedes(docs));
    const [rows, selectMs] = await time(() => bareSelect(db));
    const [bare, barePdfMs] = await time(() => barePdf(rows));
    const oursMs = compileMs + pdfMs + ledesMs;
    const baseMs = selectMs + barePdfMs;
    return {
      name: 'invoice',
      database: database.label,
      figures: {
        entries: ENTRIES, lines: docs[0]?.lines.length ?? 0, compile_ms: Math.round(compileMs), pdf_ms: Math.round(pdfMs), pdf_bytes: pdf.length,
        ledes_ms: Math.round(ledesMs), ledes_bytes: ledes.length, bare_select_ms: Math.round(selectMs), bare_pdf_ms: Math.round(barePdfMs), bare_pdf_bytes: bare.length,
        heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
      },
      goals: [{ name: 'compile + PDF + LEDES ÷ (bare select + bare pdfmake table)', value: oursMs / baseMs, unit: '×', goal: 1.3, better: 'lower' }],
    };
  } finally {
    await database.close();
  }
}
