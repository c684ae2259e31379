/**
 * Which invoice owns which page of a multi-invoice PDF, so each invoice numbers its own pages
 * ("Page 2 of 3" of that invoice, not of the whole file).
 *
 * pdfmake gives page callbacks only the page number and the file's page count. It calls a section's
 * `background` when it adds each page (during layout) and the `header`/`footer` after layout, so the
 * background callback records the owner and the header/footer read it. Should a later pdfmake change
 * that order, {@link PageOwners.position} returns undefined and the footer falls back to file numbering.
 */
export class PageOwners {
  private readonly owners = new Map<number, number>();
  private ranges: Map<number, { first: number; count: number }> | null = null;
  private rangesFor = -1;

  /** Page `page` (1-based) belongs to invoice `owner` (its index in the file). */
  record(page: number, owner: number): void {
    this.owners.set(page, owner);
    this.ranges = null;
  }

  /** The page's number within its invoice and that invoice's page count, if the page was recorded. */
  position(page: number, owner: number, pageCount: number): { readonly number: number; readonly of: number } | undefined {
    const range = this.rangeOf(owner, pageCount);
    if (range === undefined || page < range.first || page >= range.first + range.count) return undefined;
    return { number: page - range.first + 1, of: range.count };
  }

  /** True when the page is the first page of its invoice (unknown pages count as continuation pages). */
  isFirstPage(page: number, owner: number, pageCount: number): boolean {
    return this.position(page, owner, pageCount)?.number === 1;
  }

  private rangeOf(owner: number, pageCount: number): { first: number; count: number } | undefined {
    if (this.ranges === null || this.rangesFor !== pageCount) {
      this.ranges = this.buildRanges(pageCount);
      this.rangesFor = pageCount;
    }
    return this.ranges.get(owner);
  }

  private buildRanges(pageCount: number): Map<number, { first: number; count: number }> {
    const ranges = new Map<number, { first: number; count: number }>();
    for (let page = 1; page <= pageCount; page += 1) {
      const who = this.owners.get(page);
      if (who === undefined) continue;
      const range = ranges.get(who);
      if (range === undefined) ranges.set(who, { first: page, count: 1 });
      else if (range.first + range.count === page) range.count += 1;
      // Pages of one invoice are consecutive; a gap means the recording is not what we think: number by file.
      else return new Map();
    }
    return ranges;
  }
}
