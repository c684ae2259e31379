/** A message as the fake serves it from conversations.history. */
export interface FakeSlackMessage {
  readonly ts: string;
  readonly user?: string;
  readonly text?: string;
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly thread_ts?: string;
  readonly type?: string;
  /** Message metadata; served only to conversations.history with include_all_metadata. */
  readonly metadata?: { readonly event_type: string; readonly event_payload?: Record<string, unknown> };
}

interface Script {
  readonly messages: FakeSlackMessage[];
  readonly pageSize: number;
}

/**
 * The channel histories of the fake Slack Web API (fake-slack-api.ts): scripted per channel, plus the bot's own posts into
 * DMs. Serves conversations.history: newest first, oldest/latest/inclusive honoured, paged with
 * response_metadata.next_cursor, metadata only with include_all_metadata.
 */
export class FakeSlackHistories {
  private readonly scripts = new Map<string, Script>();

  /** Replaces a channel's history; pageSize caps each page below the caller's `limit`. */
  set(channel: string, messages: readonly FakeSlackMessage[], pageSize = 1000): void {
    this.scripts.set(channel, { messages: [...messages], pageSize });
  }

  /** Forgets every history, scripted or posted. */
  clear(): void {
    this.scripts.clear();
  }

  /** Adds a message to a channel's history (starting one when there is none). */
  keep(channel: string, message: FakeSlackMessage): void {
    const script = this.scripts.get(channel) ?? { messages: [], pageSize: 1000 };
    script.messages.push(message);
    this.scripts.set(channel, script);
  }

  /** Replaces the text of a kept message (chat.update). */
  edit(channel: string, ts: string, text: string): void {
    const messages = this.scripts.get(channel)?.messages;
    const index = messages?.findIndex((m) => m.ts === ts) ?? -1;
    const old = messages?.[index];
    if (messages && old) messages[index] = { ...old, text };
  }

  /** A channel's messages, oldest first. */
  messagesIn(channel: string): FakeSlackMessage[] {
    return [...(this.scripts.get(channel)?.messages ?? [])].sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  /** The conversations.history answer for these parameters. */
  page(params: Readonly<Record<string, string>>): unknown {
    const script = this.scripts.get(params.channel ?? '');
    if (!script) return { ok: false, error: 'channel_not_found' };
    const flag = (name: string) => params[name] === 'true' || params[name] === '1';
    const inclusive = flag('inclusive');
    const withMetadata = flag('include_all_metadata');
    const oldest = params.oldest !== undefined ? Number(params.oldest) : 0;
    const latest = params.latest !== undefined ? Number(params.latest) : Number.POSITIVE_INFINITY;
    const inRange = script.messages
      .filter((m) => {
        const ts = Number(m.ts);
        return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
      })
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    const offset = params.cursor ? Number(Buffer.from(params.cursor, 'base64').toString('utf8').replace('offset:', '')) : 0;
    const size = Math.min(Number(params.limit ?? 100), script.pageSize);
    const page = inRange.slice(offset, offset + size);
    const more = offset + size < inRange.length;
    return {
      ok: true,
      messages: page.map(({ metadata, ...m }) => ({ type: 'message', ...m, ...(withMetadata && metadata ? { metadata } : {}) })),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(`offset:${String(offset + size)}`).toString('base64') : '' },
    };
  }
}
