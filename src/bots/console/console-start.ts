import { addDays, localDateOf } from '../../core/dates.js';
import type { User } from '../../core/firm.js';
import type { Db } from '../../db/connection.js';
import { listEntries } from '../../db/repositories/time-entry.repository.js';
import type { ChatCore } from '../views/chat-core.js';
import type { ChatContext } from '../views/actions.js';
import type { Reply } from '../views/reply.js';

/** How far back the console looks for a lawyer's latest day with drafts. */
const LOOK_BACK_DAYS = 14;

const HINTS: Readonly<Record<string, string>> = {
  billing: 'Type /invoice acme this month for a pre-bill — or any client and period: /invoice globex last month.',
  assistant: 'Type /tally summary robert@arnsley.example to open a lawyer’s card you help with.',
};

/**
 * What a person sees on opening their console DM: a lawyer's review card of their latest day with
 * time (today when none), a manager's weekly digest, and a hint of what to type for the others.
 * Every card comes from the chat core, exactly as a typed /tally command would bring it.
 */
export async function openingReplies(db: Db, core: ChatCore, user: User, ctx: (suffix: string) => ChatContext): Promise<Reply[]> {
  const replies: Reply[] = [];
  if (user.roles.includes('lawyer')) {
    const today = localDateOf(ctx('').now, user.timezone);
    const entries = await listEntries(db, { userId: user.id, from: addDays(today, -LOOK_BACK_DAYS), to: today });
    const latest = entries.reduce((max, e) => (e.workDate > max ? e.workDate : max), '');
    replies.push(await core.command(ctx('summary'), 'tally', `summary ${latest || today}`));
  }
  if (user.roles.includes('manager')) replies.push(await core.command(ctx('digest'), 'tally', 'digest'));
  for (const role of user.roles) {
    const hint = HINTS[role];
    if (hint) replies.push({ kind: 'text', text: hint });
  }
  if (replies.length === 0) replies.push({ kind: 'text', text: 'Type /tally help to see what Tally can do.' });
  return replies;
}
