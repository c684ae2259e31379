import { createManualEntry } from '../../billing/manual-entry.service.js';
import { findOpenMatters } from '../../billing/client-lookup.js';
import { formatDayLabel, localDateOf } from '../../core/dates.js';
import { formatHours } from '../../core/duration.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import { findUserById } from '../../db/repositories/user.repository.js';
import type { Reply } from '../views/reply.js';
import { replyOrRefusal, requirePerson, type CommandRequest } from './command-reply.js';
import { parseTimeCommand, withMatter } from './time-command.js';

/** More matters than this and the person is asked to type more of the name instead. */
const MAX_CHOICES = 25;

/**
 * `/time 1.5 acme-001 drafted motion to compel`: adds a draft for the actor on the day named (today
 * in their timezone by default). A word meaning several open matters → a choice whose value is the
 * same command with the matter code; none → a did-you-mean. The refreshed card is the core's job.
 */
export async function timeCommand(db: Db, request: CommandRequest): Promise<Reply> {
  return replyOrRefusal(async () => {
    const user = await findUserById(db, requirePerson(request.actor));
    if (!user || !user.active) throw new AppError('FORBIDDEN', 'your Tally account is not active; ask your administrator');
    const parsed = parseTimeCommand(request.text, localDateOf(request.now, user.timezone));
    const { matters, hint } = await findOpenMatters(db, parsed.matterWord);
    if (matters.length === 0) {
      return { kind: 'text', text: `No open matter matches "${parsed.matterWord}"${hint || '.'} Use a matter code such as ACME-001, or a client or matter name.` };
    }
    if (matters.length > MAX_CHOICES) {
      return { kind: 'text', text: `"${parsed.matterWord}" matches ${String(matters.length)} open matters; type more of the matter code or name.` };
    }
    const [matter] = matters;
    if (matter === undefined || matters.length > 1) {
      return {
        kind: 'choices',
        text: `"${parsed.matterWord}" matches ${String(matters.length)} open matters — which one?`,
        choices: matters.map((m) => ({ label: `${m.code} — ${m.name}`, value: withMatter(parsed, m.code) })),
      };
    }
    const entry = await createManualEntry(db, {
      ownerId: user.id, matterId: matter.id, workDate: parsed.date, minutes: parsed.minutes, narrative: parsed.narrative,
      actor: request.actor, now: request.now, ...(request.deliveryKey !== undefined ? { deliveryKey: request.deliveryKey } : {}),
    });
    const hours = formatHours(entry?.billedMinutes ?? parsed.minutes);
    const warnings = entry && entry.warnings.length > 0 ? ` Check: ${entry.warnings.map((w) => w.message).join('; ')}.` : '';
    return { kind: 'text', text: `Added ${hours} h to ${matter.code} for ${formatDayLabel(parsed.date)} (draft — approve it on your card).${warnings}` };
  });
}
