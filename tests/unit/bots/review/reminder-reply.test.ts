import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../../../src/billing/reminder.service.js';
import { REMINDER_DAY_BUTTONS, reminderReply } from '../../../../src/bots/review/reminder-reply.js';
import { parseTallyCommand } from '../../../../src/bots/commands/tally-command.js';

function aReminder(overrides: Partial<Reminder> = {}): Reminder {
  return { userId: 7, today: '2026-03-09', count: 4, minutes: 210, oldestDate: '2026-03-02', dates: ['2026-03-02', '2026-03-03', '2026-03-04'], ...overrides };
}

describe('reminderReply', () => {
  it.each([
    ['several days', aReminder(), 'You have 4 drafts (3.5 h) from Mon 2 Mar to Wed 4 Mar waiting for approval.'],
    ['one day, one draft', aReminder({ count: 1, minutes: 30, dates: ['2026-03-02'] }), 'You have 1 draft (0.5 h) from Mon 2 Mar waiting for approval.'],
    ['minutes rounded to tenths', aReminder({ count: 2, minutes: 7 }), 'You have 2 drafts (0.1 h) from Mon 2 Mar to Wed 4 Mar waiting for approval.'],
    [
      'more days than buttons',
      aReminder({ count: 9, minutes: 600, oldestDate: '2026-02-23', dates: ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-03-02', '2026-03-03'] }),
      'You have 9 drafts (10.0 h) from Mon 23 Feb to Tue 3 Mar waiting for approval. The 5 oldest days are below.',
    ],
  ])('says it briefly for %s', (_name, reminder, text) => {
    expect(reminderReply(reminder)).toMatchObject({ kind: 'choices', text });
  });

  it('offers a button per day, oldest first, that opens that day\'s card', () => {
    expect(reminderReply(aReminder())).toEqual({
      kind: 'choices',
      text: expect.any(String) as string,
      choices: [
        { label: 'Review Mon 2 Mar', value: 'tally summary 2026-03-02' },
        { label: 'Review Tue 3 Mar', value: 'tally summary 2026-03-03' },
        { label: 'Review Wed 4 Mar', value: 'tally summary 2026-03-04' },
      ],
    });
  });

  it('keeps to the oldest days when there are many', () => {
    const dates = ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-03-02', '2026-03-03'];
    const reply = reminderReply(aReminder({ oldestDate: '2026-02-23', dates }));
    if (reply.kind !== 'choices') throw new Error('expected choices');
    expect(reply.choices.map((c) => c.value)).toEqual(dates.slice(0, REMINDER_DAY_BUTTONS).map((d) => `tally summary ${d}`));
  });

  it('sends back text the /tally command reads as that day\'s summary', () => {
    const reply = reminderReply(aReminder());
    if (reply.kind !== 'choices') throw new Error('expected choices');
    for (const choice of reply.choices) {
      const [command, ...rest] = choice.value.split(' ');
      expect(command).toBe('tally');
      expect(parseTallyCommand(rest.join(' '), '2026-03-09')).toEqual({ kind: 'summary', date: choice.value.slice(-10) });
    }
  });

  it('is plain text when no day is listed', () => {
    expect(reminderReply(aReminder({ count: 1, minutes: 60, dates: [] }))).toEqual({ kind: 'text', text: 'You have 1 draft (1.0 h) from Mon 2 Mar waiting for approval.' });
  });
});
