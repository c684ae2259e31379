import { beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { pdfmakeEngine } from '../../../src/billing/renderers/pdf-engine.js';
import { classificationLabel, renderPdf, type PdfEngine } from '../../../src/billing/renderers/pdf.renderer.js';
import { formatHours } from '../../../src/core/duration.js';
import type { InvoiceDocument, TimekeeperSummary } from '../../../src/core/invoice.js';
import { formatMoney } from '../../../src/core/money.js';
import {
  aDraft, aFeeLine, anAdjustmentLine, anInvoice, feeLines, pagesOf, pdfText, pdftotextAvailable,
} from '../../support/pdf-text.js';

const NOW = new Date('2026-04-02T15:00:00Z');

interface Rendered {
  readonly pdf: Buffer;
  readonly text: string;
  readonly pages: string[];
}

async function render(docs: readonly InvoiceDocument[]): Promise<Rendered> {
  const pdf = await renderPdf(docs, { now: NOW });
  const text = await pdfText(pdf);
  return { pdf, text, pages: pagesOf(text) };
}

/** pdftotext -layout separates columns by runs of spaces: match cells of one row in order. */
function row(...cells: string[]): RegExp {
  return new RegExp(cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' {2,}'));
}

const money = (cents: number): string => formatMoney(cents, 'USD');

describe('renderPdf without pdftotext', () => {
  it('refuses an empty list of invoices', async () => {
    await expect(renderPdf([])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('hands the engine one section per invoice, dated by `now`, without reading the clock', async () => {
    const seen: TDocumentDefinitions[] = [];
    const engine: PdfEngine = { render: async (definition) => { seen.push(definition); return Buffer.from('%PDF-fake'); } };
    const pdf = await renderPdf([anInvoice(), aDraft()], { now: NOW, engine });
    expect(pdf.toString()).toBe('%PDF-fake');
    expect(seen[0]?.info).toMatchObject({ creationDate: NOW, modDate: NOW });
    expect(seen[0]?.content).toHaveLength(2);
  });

  it.each([
    ['a URL (no network access)', { image: 'https://example.com/logo.png' }],
    ['a local file other than the fonts', { image: '/etc/hostname' }],
  ])('the configured pdfmake refuses %s', async (_what, node) => {
    await expect(pdfmakeEngine.render({ content: [node] })).rejects.toThrow(/access policy/);
  });
});

describe.runIf(pdftotextAvailable())('renderPdf, read back with pdftotext', () => {
  describe('one issued invoice', () => {
    const lines = [
      ...feeLines(6),
      aFeeLine(7, { adjustmentCents: -5000, adjustmentReason: 'Courtesy discount: duplicated research' }),
      anAdjustmentLine(8, 'Agreed discount — first invoice', -10_000),
    ];
    const doc = anInvoice({ lines });
    let out: Rendered;
    beforeAll(async () => {
      out = await render([doc]);
    });

    it('shows the firm, "INVOICE" with its number and date, the period, client and matter', () => {
      for (const expected of [
        'Arnsley & Beaster LLP', 'Law firm ID 24-6437381', 'INVOICE', '2026-0007', '2 Apr 2026', '1 Mar 2026 – 31 Mar 2026',
        'Acme Corporation', 'Client code ACME', 'Acme v. Beta Industries', 'Matter code ACME-001', 'Client matter ID 423-987',
      ]) expect(out.text).toContain(expected);
      expect(out.text).not.toContain('PRE-BILL');
    });

    it('puts the summary first: fees, adjustments and the total due, then fees by timekeeper, then the lines', () => {
      const first = out.pages[0] ?? '';
      expect(first).toMatch(row('Professional fees', money(doc.feesCents)));
      expect(first).toMatch(row('Adjustments', money(-15_000)));
      expect(first).toMatch(row('Total due', money(doc.totalCents)));
      const order = ['Total due', 'FEES BY TIMEKEEPER', 'FEE DETAIL', 'ADJUSTMENTS', 'TOTALS'].map((h) => out.text.indexOf(h));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    it.each(doc.timekeepers.map((s): [string, string, TimekeeperSummary] => [s.timekeeper.name, formatHours(s.minutes), s]))(
      'lists %s with %s hours, classification, rate and amount in the timekeeper summary',
      (name, hours, summary) => {
        const rate = summary.rateCents === null ? 'various' : money(summary.rateCents);
        expect(out.pages[0]).toMatch(row(name, classificationLabel(summary.timekeeper.classification), hours, rate, money(summary.amountCents)));
      },
    );

    it('shows "various" for a timekeeper billed at more than one rate', async () => {
      const mixed = anInvoice({ lines: [aFeeLine(1), aFeeLine(4, { rateCents: 65_000, amountCents: 65_000, minutes: 60 })] });
      const { text } = await render([mixed]);
      expect(text).toMatch(row('Robert Arnsley', 'Partner', '1.2', 'various', '$770.00'));
    });

    it('prints each fee line with date, timekeeper, hours, rate and amount, and a write-down with its reason below', () => {
      expect(out.text).toMatch(row('1 Mar 2026', 'Robert Arnsley', 'Draft motion to compel production of documents; review', '0.2', '$600.00', '$120.00'));
      expect(out.text).toContain('Write-down -$50.00: Courtesy discount: duplicated research');
      expect(out.text).toMatch(row('Agreed discount — first invoice', '-$100.00'));
    });

    it('numbers its page "Page 1 of 1"', () => {
      expect(out.pages).toHaveLength(1);
      expect(out.text).toContain('Page 1 of 1');
    });

    it('is the same PDF, byte for byte, for the same invoice and time', async () => {
      expect((await renderPdf([doc], { now: NOW })).equals(out.pdf)).toBe(true);
    });
  });

  it.each([
    ['issued', anInvoice(), ['INVOICE', 'Invoice no.', '2026-0007'], ['PRE-BILL', 'VOID']],
    ['draft without a number', aDraft(), ['PRE-BILL — DRAFT', 'not an invoice', 'Not issued'], ['Invoice no.', '2026-0007', 'DRAFT-', 'INVOICE']],
    ['void', anInvoice({ status: 'void' }), ['INVOICE', '2026-0007', 'VOID'], ['PRE-BILL']],
  ])('labels a %s invoice', async (_status, doc, shown, absent) => {
    const { text } = await render([doc]);
    for (const s of shown) expect(text).toContain(s);
    for (const s of absent) expect(text).not.toContain(s);
  });

  it('marks every page of a draft and shows its review notes: warnings, rate notes, time awaiting approval', async () => {
    const lines = feeLines(80).map((l, i) => (i === 0 ? { ...l, rateNote: 'Rate $675.00/h capped at $600.00/h' } : l));
    const draft = aDraft({
      lines, warnings: [{ code: 'block_billing', message: 'Line 3 looks like block billing' }],
      awaiting: { count: 2, minutes: 90, people: ['Carla Mendes'] },
    });
    const { pages, text } = await render([draft]);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('PRE-BILL — DRAFT');
    expect(text).toContain('Line 3 looks like block billing');
    expect(text).toContain('2 entries, 1.5 h (Carla Mendes) still awaiting approval');
    expect(text).toContain('Rate note: Rate $675.00/h capped at $600.00/h');
  });

  it('adds pages as lines grow, numbers them "Page N of M" and repeats the column headings on each', async () => {
    const counts: number[] = [];
    for (const n of [3, 60, 200]) {
      const { pages } = await render([anInvoice({ lines: feeLines(n) })]);
      counts.push(pages.length);
      pages.forEach((page, i) => expect(page).toContain(`Page ${String(i + 1)} of ${String(pages.length)}`));
      for (const page of pages.filter((p) => /\d Mar 2026 {2,}(Robert|José|Zoë)/.test(p))) {
        expect(page).toMatch(row('DATE', 'TIMEKEEPER', 'DESCRIPTION', 'HOURS', 'RATE', 'AMOUNT'));
      }
    }
    expect(counts[0]).toBe(1);
    expect(counts[1]).toBeGreaterThan(counts[0] ?? 0);
    expect(counts[2]).toBeGreaterThan(counts[1] ?? 0);
  });

  it.each([
    ['markup-like characters', '<b>x</b> | [] { } \u200b', '<b>x</b> | [] { }'],
    ['template and PDF syntax', 'Review {{client.name}} ${total} %PDF-1.4 endobj \\n (paren) <<', 'Review {{client.name}} ${total} %PDF-1.4 endobj \\n (paren) <<'],
    ['accents, Greek and Cyrillic', 'Zoë Ångström “quoted” — Ελληνικά, Кириллица', 'Zoë Ångström “quoted” — Ελληνικά, Кириллица'],
  ])('prints a narrative with %s as text', async (_what, narrative, visible) => {
    const { text } = await render([anInvoice({ lines: [aFeeLine(1, { description: narrative })] })]);
    // The zero-width space has no glyph to extract; everything else comes back exactly.
    expect(text).toContain(visible);
  });

  it('wraps a very long word inside the description column instead of running off the page', async () => {
    const word = 'Ł'.repeat(400);
    const { text } = await render([anInvoice({ lines: [aFeeLine(1, { description: `Long ${word} end` })] })]);
    expect(text.match(/Ł/g)).toHaveLength(400);
    const wrapped = text.split('\n').filter((l) => l.includes('Ł'));
    expect(wrapped.length).toBeGreaterThan(4);
    expect(text).toMatch(row('Long', '0.2', '$600.00', '$120.00'));
  });

  it.each([
    ['3,000 short words, first line', 'word', 3000, 0],
    ['words of half a line each (one per line), second line', 'W'.repeat(17), 80, 1],
  ])('keeps every word of a narrative longer than a page: %s (pdfmake drops such rows when rows are kept whole)', async (_what, word, count, at) => {
    const lines = [aFeeLine(1), aFeeLine(2, { description: 'Line after the long one' })];
    lines.splice(at, 0, aFeeLine(3, { description: `${`${word} `.repeat(count)}THE-END` }));
    const { text, pages } = await render([anInvoice({ lines })]);
    expect(text.match(new RegExp(`\\b${word}\\b`, 'g'))).toHaveLength(count);
    expect(text).toContain('THE-END');
    expect(text).toContain('Line after the long one');
    expect(pages.length).toBeGreaterThan(1);
  });

  it('keeps every word of an adjustment reason longer than a page', async () => {
    const reason = `${'agreed '.repeat(3000)}THE-END`;
    const { text } = await render([anInvoice({ lines: [aFeeLine(1), anAdjustmentLine(2, reason, -1000)] })]);
    expect(text.match(/\bagreed\b/g)).toHaveLength(3000);
    expect(text).toContain('THE-END');
  });

  it('starts each invoice on a new page, with its own page numbers', async () => {
    const first = anInvoice({ lines: feeLines(60) });
    const second = anInvoice({ id: 'b7e6d5c4-1111-4111-8111-000000000002', number: '2026-0008', lines: feeLines(3) });
    const { pages } = await render([first, second]);
    const owners = pages.map((p) => (p.includes('Invoice 2026-0008') ? '2026-0008' : p.includes('Invoice 2026-0007') ? '2026-0007' : '?'));
    const firstCount = owners.filter((o) => o === '2026-0007').length;
    expect(firstCount).toBeGreaterThan(1);
    expect(owners).toEqual([...Array<string>(firstCount).fill('2026-0007'), '2026-0008']);
    expect(pages[0]).toContain(`Page 1 of ${String(firstCount)}`);
    expect(pages[firstCount - 1]).toContain(`Page ${String(firstCount)} of ${String(firstCount)}`);
    expect(pages[firstCount]).toMatch(row('Invoice no.', '2026-0008'));
    expect(pages[firstCount]).toContain('Page 1 of 1');
    expect(pages[firstCount]).not.toContain('2026-0007');
  });

  it('renders a 2,000-line invoice: more than 10 pages, numbered, total due on the first and last page', async () => {
    const doc = anInvoice({ lines: feeLines(2000) });
    const { pages } = await render([doc]);
    expect(pages.length).toBeGreaterThan(10);
    expect(pages[0]).toContain(`Page 1 of ${String(pages.length)}`);
    expect(pages[0]).toMatch(row('Total due', money(doc.totalCents)));
    expect(pages.at(-1)).toMatch(row('Total due', money(doc.totalCents)));
    expect(pages.join('').match(/\d Mar 2026 {2,}(Robert|José|Zoë)/g)).toHaveLength(2000);
  }, 60_000);
});
