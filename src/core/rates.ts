import type { Rate } from './firm.js';

/** Which rate applied, most specific first (DESIGN.md / the billing issue). */
export type RateSource = 'matter+timekeeper' | 'matter' | 'client+timekeeper' | 'client' | 'timekeeper';

export interface ResolvedRate {
  readonly rateCents: number;
  readonly source: RateSource;
}

function inForce(rate: Rate, date: string): boolean {
  return (rate.effectiveFrom === null || rate.effectiveFrom <= date) && (rate.effectiveTo === null || rate.effectiveTo >= date);
}

/**
 * The hourly rate for one person's work on one matter on one date: matter + timekeeper, matter,
 * client + timekeeper, client, then the timekeeper's standard rate — each only while in force.
 * Within one level the rate that started most recently wins. Null when no rate applies.
 */
export function resolveRate(rates: readonly Rate[], who: { readonly userId: number; readonly matterId: number; readonly clientId: number }, date: string): ResolvedRate | null {
  const levels: readonly [RateSource, (r: Rate) => boolean][] = [
    ['matter+timekeeper', (r) => r.matterId === who.matterId && r.userId === who.userId],
    ['matter', (r) => r.matterId === who.matterId && r.userId === null],
    ['client+timekeeper', (r) => r.clientId === who.clientId && r.matterId === null && r.userId === who.userId],
    ['client', (r) => r.clientId === who.clientId && r.matterId === null && r.userId === null],
    ['timekeeper', (r) => r.userId === who.userId && r.clientId === null && r.matterId === null],
  ];
  for (const [source, applies] of levels) {
    const candidates = rates.filter((r) => applies(r) && inForce(r, date));
    const latest = candidates.sort((a, b) => (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''))[0];
    if (latest) return { rateCents: latest.rateCents, source };
  }
  return null;
}
