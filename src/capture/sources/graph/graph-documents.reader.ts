import type { Activity } from '../../../core/activity.js';
import type { ActivityReader, CaptureUser, CaptureWindow, SyncStore } from '../source.js';
import { silentLogger, type GraphApi } from './graph-api.js';
import { DeltaSync, type GraphItem } from './graph-delta.js';
import { readThroughHorizon } from './graph-horizon.js';
import { DEFAULT_HORIZON_DAYS, mailboxIdOf, parseInstant, stringOr, userPath, type GraphReaderOptions } from './graph-values.js';

/** The driveItem fields Tally reads: no content, no permissions (those cost 5 resource units). */
export const DRIVE_SELECT = 'id,name,file,folder,deleted,lastModifiedDateTime,lastModifiedBy,webUrl,parentReference';

/** One modification of one file: the same file edited at two times is two activities. */
export function documentActivityId(driveItemId: string, modified: Date): string {
  return `graph:doc:${driveItemId}:${modified.toISOString()}`;
}

/** True when the item's last modification was the person's (by email, or by Entra object id). */
function modifiedBy(item: GraphItem, user: CaptureUser): boolean {
  const by = (item.lastModifiedBy as { user?: { email?: unknown; id?: unknown } } | undefined)?.user;
  if (by === undefined || by === null) return false;
  if (typeof by.email === 'string' && by.email.trim().toLowerCase() === user.email.toLowerCase()) return true;
  return user.aadObjectId !== null && typeof by.id === 'string' && by.id.toLowerCase() === user.aadObjectId.toLowerCase();
}

/** A file the person last modified, as an Activity at its modification time; null otherwise. */
export function driveItemToActivity(item: GraphItem, user: CaptureUser): Activity | null {
  if (typeof item.id !== 'string' || item.id === '') return null;
  if (item.deleted !== undefined && item.deleted !== null) return null;
  if (item.folder !== undefined && item.folder !== null) return null;
  if (item.file === undefined || item.file === null) return null;
  if (!modifiedBy(item, user)) return null;
  const modified = parseInstant(item.lastModifiedDateTime);
  if (modified === null) return null;
  const driveId = (item.parentReference as { driveId?: unknown } | undefined)?.driveId;
  return {
    id: documentActivityId(item.id, modified),
    source: 'document',
    user: user.email,
    start: modified,
    end: modified,
    title: stringOr(item.name, ''),
    participants: [],
    ref: stringOr(item.webUrl, null),
    meta: { documentId: item.id, ...(typeof driveId === 'string' ? { driveId } : {}) },
  };
}

/**
 * Edits to files in the person's OneDrive, from the drive's root delta feed (link under
 * `documents`). Only files whose last modification was the person's count; each modification
 * Tally sees is its own activity, and stays when the file is later changed or deleted.
 * Graph reports only an item's latest state, so two edits between reads show as one.
 */
export class GraphDocumentsReader implements ActivityReader {
  readonly name = 'graph-documents';
  readonly kind = 'documents' as const;
  private readonly delta: DeltaSync;
  private readonly now: () => Date;
  private readonly horizonDays: number;

  constructor(
    private readonly api: GraphApi,
    store: SyncStore,
    options: GraphReaderOptions = {},
  ) {
    this.delta = new DeltaSync(api, store, options.logger ?? silentLogger);
    this.now = options.now ?? (() => new Date());
    this.horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  }

  async read(user: CaptureUser, window: CaptureWindow): Promise<Activity[]> {
    if (!user.sources.includes(this.kind)) return [];
    const plan = {
      user,
      mailbox: mailboxIdOf(user),
      key: 'documents',
      startUrl: `${userPath(user)}/drive/root/delta?$select=${DRIVE_SELECT}`,
      mode: 'accumulate' as const,
      toActivity: (item: GraphItem) => driveItemToActivity(item, user),
    };
    return readThroughHorizon(this.api, this.delta, plan, window, this.now(), this.horizonDays);
  }
}
