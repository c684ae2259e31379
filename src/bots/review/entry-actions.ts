import { roundMinutes } from '../../core/duration.js';
import { AppError } from '../../core/errors.js';
import type { Actor } from '../../core/audit.js';
import type { Client, Matter, User } from '../../core/firm.js';
import { DEFAULT_GUIDELINES, type Guidelines } from '../../core/guidelines.js';
import { canMove, type EntryStatus, type TimeEntry } from '../../core/time-entry.js';
import { transaction, type Db, type Tx } from '../../db/connection.js';
import { listClients } from '../../db/repositories/client.repository.js';
import { findMatterByCode, findMatterById } from '../../db/repositories/matter.repository.js';
import { claimKey } from '../../db/repositories/idempotency.repository.js';
import { changeEntryStatus, editEntry, findEntry, type EntryEdit } from '../../db/repositories/time-entry.repository.js';
import type { ReviewAction } from '../views/actions.js';
import { entryEditOf } from './entry-edit.js';
import { cardRefusal } from './review-access.js';

export const STALE_NOTE = 'That entry changed since this card was shown; here is the current card.';
export const IDEMPOTENCY_SCOPE = 'review';

type Change = { readonly kind: 'status'; readonly to: EntryStatus } | { readonly kind: 'edit'; readonly edit: EntryEdit };

const MOVES: Readonly<Record<string, EntryStatus>> = { approve: 'approved', not_billable: 'non_billable', undo: 'draft' };
const STATUS_WORDS: Readonly<Record<EntryStatus, string>> = { draft: 'a draft', approved: 'approved', non_billable: 'not billable', billed: 'billed' };

interface Target {
  readonly matter: Matter | null;
  readonly client: Client | null;
}

/** The rules of the client whose matter the entry has (or will have). */
async function targetOf(db: Db, matterId: number | null, typedCode: string | undefined): Promise<Target & { readonly changed: boolean }> {
  const typed = typedCode?.trim() ?? '';
  const matter = typed !== '' ? await findMatterByCode(db, typed) : matterId === null ? null : await findMatterById(db, matterId);
  // Closed and unknown matters get the same words: the card never says which matters exist.
  if (typed !== '' && (!matter || matter.status !== 'open')) throw new AppError('INVALID_INPUT', `matter: no open matter "${typed}"`);
  const client = matter ? ((await listClients(db)).find((c) => c.id === matter.clientId) ?? null) : null;
  return { matter, client, changed: typed !== '' && matter?.id !== matterId };
}

/** An untouched capture draft moved to another client is billed by that client's rounding rule. */
function reroundedMinutes(entry: TimeEntry, guidelines: Guidelines): number | undefined {
  if (entry.edited || entry.origin !== 'capture') return undefined;
  return roundMinutes(entry.actualMinutes, guidelines.incrementMinutes, guidelines.rounding, guidelines.minimumMinutes);
}

/** Checks what the action asks for before anything is written; INVALID_INPUT names the field. */
async function changeFor(db: Db, entry: TimeEntry, action: ReviewAction): Promise<Change> {
  const to = MOVES[action.verb];
  if (to !== undefined) return { kind: 'status', to };
  if (action.verb === 'change_matter' && (action.matter ?? '').trim() === '') throw new AppError('INVALID_INPUT', 'matter: choose a matter');
  const input = action.verb === 'change_matter' ? { matter: action.matter } : action.edit;
  if (input === undefined) throw new AppError('INVALID_INPUT', 'edit: nothing to change');
  const target = await targetOf(db, entry.matterId, input.matter);
  const guidelines = target.client?.guidelines ?? DEFAULT_GUIDELINES;
  const edit = entryEditOf(input, { guidelines, clientName: target.client?.name ?? null, ...(target.matter && input.matter?.trim() ? { matterId: target.matter.id } : {}) });
  const billed = target.changed && edit.billedMinutes === undefined ? reroundedMinutes(entry, guidelines) : undefined;
  return { kind: 'edit', edit: billed === undefined ? edit : { ...edit, billedMinutes: billed } };
}

/** Makes the change inside the transaction; a note when it cannot be made (nothing is written then). */
async function apply(tx: Tx, entry: TimeEntry, change: Change, actor: Actor, at: Date): Promise<string | null> {
  if (entry.status === 'billed') return 'That entry is on an invoice and cannot be changed from the card.';
  if (change.kind === 'edit') {
    await editEntry(tx, entry.id, entry.version, change.edit, actor, at);
    return null;
  }
  if (!canMove(entry.status, change.to)) return `That entry is already ${STATUS_WORDS[entry.status]}.`;
  if (change.to === 'approved' && entry.matterId === null) return 'Choose a matter for that entry before approving it.';
  await changeEntryStatus(tx, { id: entry.id, expectedVersion: entry.version, to: change.to, actor, at }, entry);
  return null;
}

/**
 * Approve, Not billable, Undo, Change matter or Edit of one entry of `owner`'s card. The entry is
 * re-read by id (another person's entry is refused like a missing one); the delivery key is claimed
 * in the transaction of the change, so a repeat changes nothing; a stale version changes nothing
 * and says so. Returns the card's note.
 */
export async function actOnEntry(db: Db, owner: User, action: ReviewAction, actor: Actor, deliveryKey: string, at: Date): Promise<string | null> {
  const { entryId, version } = action;
  if (entryId === undefined || version === undefined) throw new AppError('INVALID_INPUT', 'the card did not say which entry (and version) was meant');
  // A status move needs nothing checked before the lock; an edit is checked first, so bad input writes nothing.
  const move = MOVES[action.verb];
  let change: Change;
  if (move !== undefined) change = { kind: 'status', to: move };
  else {
    const seen = await findEntry(db, entryId);
    if (!seen || seen.userId !== owner.id) throw cardRefusal();
    change = await changeFor(db, seen, action);
  }
  return transaction(db, async (tx) => {
    if (!(await claimKey(tx, deliveryKey, IDEMPOTENCY_SCOPE))) return null;
    const entry = await findEntry(tx, entryId, { forUpdate: true });
    if (!entry || entry.userId !== owner.id) throw cardRefusal();
    if (entry.version !== version) return STALE_NOTE;
    return apply(tx, entry, change, actor, at);
  });
}
