import { addDays, isLocalDate } from '../../core/dates.js';
import { formatHours } from '../../core/duration.js';
import { AppError } from '../../core/errors.js';
import type { Matter } from '../../core/firm.js';
import { DEFAULT_GUIDELINES } from '../../core/guidelines.js';
import type { Db } from '../../db/connection.js';
import { listClientsByIds } from '../../db/repositories/client.repository.js';
import { listMattersByIds, listOpenMatters, listRecentMatters } from '../../db/repositories/matter.repository.js';
import { listEntries } from '../../db/repositories/time-entry.repository.js';
import type { DailyReviewView, MatterChoice } from '../views/review.view.js';
import { cardOrder, toEntryView } from './entry-view.js';
import { requireCardAccess, type CardParties } from './review-access.js';
import { approvedSubtitle, completeText, dayTotals, reviewTitle } from './review-words.js';

/** How far back "recent matters" look, and how many a card offers. */
export const RECENT_DAYS = 30;
export const RECENT_LIMIT = 10;

export interface DailyReviewRequest {
  readonly ownerId: number;
  /** YYYY-MM-DD in the owner's timezone. */
  readonly date: string;
  /** Who will read the card: the owner or one of their delegates (anyone else is refused). */
  readonly viewerId: number;
  readonly note?: string | null;
  /** The owner and viewer when the caller has just checked access (a card action): not read again. */
  readonly checked?: CardParties;
}

/**
 * The owner's recently used open matters, most recent first, topped up with other open matters by
 * code so that a newcomer without history still has something to choose from.
 */
function recentChoices(recent: readonly MatterChoice[], matters: readonly Matter[]): MatterChoice[] {
  const choices = [...recent];
  for (const matter of matters) {
    if (choices.length >= RECENT_LIMIT) break;
    if (matter.status === 'open' && !choices.some((c) => c.code === matter.code)) choices.push({ code: matter.code, name: matter.name });
  }
  return choices;
}

/**
 * The daily review card of one person and day (cards.md "Daily review"), for the owner or a
 * delegate; FORBIDDEN for anyone else. Reads only: every figure is recomputed from the database.
 */
export async function buildDailyReview(db: Db, request: DailyReviewRequest): Promise<DailyReviewView> {
  if (!isLocalDate(request.date)) throw new AppError('INVALID_INPUT', `invalid date "${request.date}"`);
  const { owner } = request.checked ?? (await requireCardAccess(db, request.viewerId, request.ownerId));
  // Only the matters and clients this card names: the card costs the same in a firm of 10 or 10,000 matters.
  const [entries, recent] = await Promise.all([
    listEntries(db, { userId: owner.id, from: request.date, to: request.date }),
    listRecentMatters(db, owner.id, addDays(request.date, -RECENT_DAYS), RECENT_LIMIT),
  ]);
  const openMatters = recent.length < RECENT_LIMIT ? await listOpenMatters(db, RECENT_LIMIT) : [];
  const matters = await listMattersByIds(db, entries.flatMap((e) => (e.matterId === null ? [] : [e.matterId])));
  const clients = await listClientsByIds(db, matters.map((m) => m.clientId));
  const matterById = new Map(matters.map((m) => [m.id, m]));
  const clientById = new Map(clients.map((c) => [c.id, c]));
  const views = entries
    .map((entry) => {
      const matter = entry.matterId === null ? undefined : matterById.get(entry.matterId);
      const guidelines = (matter && clientById.get(matter.clientId)?.guidelines) ?? DEFAULT_GUIDELINES;
      const view = toEntryView(entry, { matter: matter ? { code: matter.code, name: matter.name } : null, maxNarrativeLength: guidelines.maxDescriptionLength });
      return { entry, code: matter?.code ?? null, view };
    })
    .sort(cardOrder);
  const pending = views.filter((v) => v.entry.status === 'draft');
  const ready = pending.filter((v) => v.entry.matterId !== null && v.entry.warnings.length === 0);
  const totals = dayTotals(entries);
  return {
    kind: 'daily-review',
    ownerId: owner.id,
    ownerName: owner.name,
    date: request.date,
    title: reviewTitle(owner.name, request.viewerId === owner.id, request.date, totals),
    subtitle: approvedSubtitle(totals),
    pending: pending.map((v) => v.view),
    done: views.filter((v) => v.entry.status !== 'draft').map((v) => v.view),
    approveAll: ready.length === 0 ? null : { count: ready.length, hours: formatHours(ready.reduce((sum, v) => sum + v.entry.billedMinutes, 0)) },
    complete: completeText(pending.length, entries.length, totals),
    recentMatters: recentChoices(recent.map((m) => ({ code: m.code, name: m.name })), openMatters),
    note: request.note ?? null,
  };
}
