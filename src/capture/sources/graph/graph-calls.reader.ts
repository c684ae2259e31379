import type { Activity } from '../../../core/activity.js';
import type { Logger } from '../../../core/logger.js';
import type { ActivityReader, CaptureUser, CaptureWindow, SyncStore } from '../source.js';
import { TENANT_KEY, isGraphApiError, silentLogger, type GraphApi, type GraphBatchResponse } from './graph-api.js';
import { readAllPages, type GraphItem } from './graph-delta.js';
import { byStart, graphInstant, parseInstant, stringOr, type GraphReaderOptions } from './graph-values.js';

export function callActivityId(callRecordId: string): string {
  return `graph:call:${callRecordId}`;
}

/** Identity kinds in a communicationsIdentitySet that are not people (bots, rooms, devices). */
const NOT_PEOPLE: ReadonlySet<string> = new Set(['application', 'applicationInstance', 'device', 'encrypted']);

/**
 * How a call participant is named in an Activity: an email-like principal name when Graph gives
 * one (lower case), `tel:<number>` for phones, else `<kind>:<id>` (an Entra object id is not an
 * address, but it still tells two calls with the same people apart). Null for the person
 * themselves and for non-people.
 */
export function participantName(participant: unknown, ownObjectId: string): string | null {
  if (typeof participant !== 'object' || participant === null) return null;
  const identity = (participant as { identity?: unknown }).identity;
  if (typeof identity !== 'object' || identity === null) return null;
  for (const [kind, value] of Object.entries(identity as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null || kind.startsWith('@') || NOT_PEOPLE.has(kind)) continue;
    const v = value as { id?: unknown; userPrincipalName?: unknown; email?: unknown };
    const id = typeof v.id === 'string' ? v.id : null;
    if (id !== null && id.toLowerCase() === ownObjectId.toLowerCase()) return null;
    for (const candidate of [v.userPrincipalName, v.email]) {
      if (typeof candidate === 'string' && candidate.includes('@')) return candidate.trim().toLowerCase();
    }
    if (id === null || id === '') continue;
    return kind === 'phone' ? `tel:${id}` : `${kind.toLowerCase()}:${id.toLowerCase()}`;
  }
  return null;
}

/** An OData string literal: quotes doubled. */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Teams calls and meetings the person took part in, from call records (CallRecords.Read.All).
 * Listed with `$filter` on the participant and the window's start times; listed records carry no
 * participants, so each record is then read with `$expand=participants_v2` in `$batch` calls of
 * up to 20. Call records are tenant-wide: a 403 means the permission was not granted, which reads
 * as no calls (logged once per reader), not as an error. People without an Entra object id are
 * skipped (call records name participants by object id only).
 */
export class GraphCallsReader implements ActivityReader {
  readonly name = 'graph-calls';
  readonly kind = 'calls' as const;
  private readonly logger: Logger;
  private forbiddenLogged = false;
  private readonly noObjectIdLogged = new Set<number>();

  constructor(
    private readonly api: GraphApi,
    _store: SyncStore,
    options: GraphReaderOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  async read(user: CaptureUser, window: CaptureWindow): Promise<Activity[]> {
    if (!user.sources.includes(this.kind)) return [];
    const objectId = user.aadObjectId;
    if (objectId === null) {
      if (!this.noObjectIdLogged.has(user.id)) {
        this.noObjectIdLogged.add(user.id);
        this.logger.info({ userId: user.id }, 'call records skipped: the person has no aadObjectId');
      }
      return [];
    }
    const filter = `participants_v2/any(p:p/id eq ${odataString(objectId)}) and startDateTime ge ${graphInstant(window.start)} and startDateTime lt ${graphInstant(window.end)}`;
    let records: GraphItem[];
    try {
      ({ items: records } = await readAllPages(this.api, `/communications/callRecords?$filter=${encodeURIComponent(filter)}`, undefined, TENANT_KEY));
    } catch (error) {
      if (isGraphApiError(error) && error.status === 403) return this.forbidden();
      throw error;
    }
    records = records.filter((r) => typeof r.id === 'string' && r.id !== '');
    if (records.length === 0) return [];

    const answers = await this.api.batch(records.map((r, i) => ({ id: String(i), url: `/communications/callRecords/${encodeURIComponent(r.id as string)}?$expand=participants_v2` })));
    if (answers.some((a) => a.status === 403)) return this.forbidden();
    const activities: Activity[] = [];
    records.forEach((record, i) => {
      const answer = answers[i] as GraphBatchResponse;
      if (answer.status === 404) return;
      let full = record;
      if (answer.status >= 200 && answer.status < 300 && typeof answer.body === 'object' && answer.body !== null) full = answer.body as GraphItem;
      else this.logger.warn({ callRecordId: record.id, status: answer.status }, 'call record participants unavailable');
      const activity = this.toActivity(full, user, objectId);
      if (activity !== null) activities.push(activity);
    });
    return activities.sort(byStart);
  }

  private forbidden(): Activity[] {
    if (!this.forbiddenLogged) {
      this.forbiddenLogged = true;
      this.logger.warn({ permission: 'CallRecords.Read.All' }, 'call records are not permitted for this app; calls are not captured');
    }
    return [];
  }

  private toActivity(record: GraphItem, user: CaptureUser, objectId: string): Activity | null {
    const id = record.id;
    const start = parseInstant(record.startDateTime);
    const end = parseInstant(record.endDateTime);
    if (typeof id !== 'string' || start === null || end === null || end < start) {
      this.logger.warn({ callRecordId: typeof id === 'string' ? id : null }, 'call record skipped: unreadable start or end');
      return null;
    }
    const participants = new Set<string>();
    const list = record.participants_v2;
    for (const participant of Array.isArray(list) ? list : []) {
      const name = participantName(participant, objectId);
      if (name !== null && name !== user.email.toLowerCase()) participants.add(name);
    }
    const organizer = (record.organizer_v2 as { id?: unknown } | undefined)?.id;
    return {
      id: callActivityId(id),
      source: 'call',
      user: user.email,
      start,
      end,
      title: record.type === 'groupCall' ? 'Teams meeting' : 'Teams call',
      participants: [...participants],
      ref: stringOr(record.joinWebUrl, null),
      meta: {
        callType: stringOr(record.type, null),
        modalities: Array.isArray(record.modalities) ? record.modalities.filter((m): m is string => typeof m === 'string') : [],
        organizerId: typeof organizer === 'string' ? organizer : null,
      },
    };
  }
}
