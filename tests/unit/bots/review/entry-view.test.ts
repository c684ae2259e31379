import { describe, expect, it } from 'vitest';
import { cardOrder, toEntryView } from '../../../../src/bots/review/entry-view.js';
import type { TimeEntry } from '../../../../src/core/time-entry.js';

function anEntry(overrides: Partial<TimeEntry> = {}): TimeEntry {
  return {
    id: '00000000-0000-4000-8000-000000000001', userId: 1, matterId: 3, workDate: '2026-03-02', actualMinutes: 83, billedMinutes: 84,
    status: 'draft', version: 2, narrative: 'Prepared for deposition', taskCode: 'L330', activityCode: 'A101', confidence: 'high',
    matchReasons: [], evidence: [{ activityId: 'a', source: 'calendar', title: 'Deposition prep' }],
    warnings: [{ code: 'banned_phrase', message: 'Globex forbids "review file"' }], sourceActivityIds: ['a'], origin: 'capture',
    captureKey: 'k', edited: false, approvedBy: null, approvedAt: null, invoiceId: null, billedRateCents: null,
    createdAt: new Date('2026-03-02T23:00:00Z'), updatedAt: new Date('2026-03-02T23:00:00Z'), ...overrides,
  };
}

describe('toEntryView', () => {
  it('words everything a renderer shows', () => {
    expect(toEntryView(anEntry(), { matter: { code: 'GLOBEX-001', name: 'Globex patent' }, maxNarrativeLength: 500 })).toEqual({
      id: '00000000-0000-4000-8000-000000000001', version: 2, status: 'draft', matter: { code: 'GLOBEX-001', name: 'Globex patent' },
      hours: '1.4', actualNote: 'actual 1 h 23 min', narrative: 'Prepared for deposition', codes: 'L330 · A101', taskCode: 'L330',
      activityCode: 'A101', evidence: "Meeting 'Deposition prep'", warnings: ['Globex forbids "review file"'], offerChangeMatter: false, maxNarrativeLength: 500,
    });
  });

  it.each<[string, Partial<TimeEntry>, boolean]>([
    ['unassigned', { matterId: null }, true],
    ['low confidence', { confidence: 'low' }, true],
    ['medium confidence', { confidence: 'medium' }, false],
  ])('offers Change matter when %s: %s', (_case, overrides, offered) => {
    expect(toEntryView(anEntry(overrides), { matter: null, maxNarrativeLength: 1000 }).offerChangeMatter).toBe(offered);
  });

  it('says a typed entry was added by hand', () => {
    expect(toEntryView(anEntry({ origin: 'manual', evidence: [] }), { matter: null, maxNarrativeLength: 1000 }).evidence).toBe('Added by hand');
  });
});

describe('cardOrder', () => {
  it('puts the newest entry first, then by matter code with unassigned last', () => {
    const older = { entry: anEntry({ id: 'e1', createdAt: new Date('2026-03-02T10:00:00Z') }), code: 'A-1' };
    const unassigned = { entry: anEntry({ id: 'e2' }), code: null };
    const b = { entry: anEntry({ id: 'e3' }), code: 'B-1' };
    const a = { entry: anEntry({ id: 'e4' }), code: 'A-2' };
    expect([older, unassigned, b, a].sort(cardOrder).map((x) => x.entry.id)).toEqual(['e4', 'e3', 'e2', 'e1']);
  });
});
