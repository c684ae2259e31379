import { describe, expect, it } from 'vitest';
import { failureText } from '../../../../src/bots/chat/user-text.js';
import { AppError } from '../../../../src/core/errors.js';

describe('failureText', () => {
  it.each([
    [new AppError('FORBIDDEN', 'preparing invoices needs the billing or admin role'), 'Preparing invoices needs the billing or admin role.', false],
    [new AppError('STALE', 'this entry changed since the card was shown'), 'This entry changed since the card was shown.', false],
    [new AppError('INVALID_INPUT', 'hours "x" is not a duration.'), 'Hours "x" is not a duration.', false],
  ])('an AppError keeps its user-safe message: %s', (error, text, internal) => {
    expect(failureText(error)).toEqual({ text, internal });
  });

  it('lists the problems of an AppError under its message', () => {
    const error = new AppError('INVALID_INPUT', 'the entry is not valid', { problems: [{ path: 'hours', message: 'must be more than 0' }] });
    expect(failureText(error).text).toBe('The entry is not valid.\n• hours: must be more than 0');
  });

  it.each([
    ['a plain Error', new Error('relation "time_entries" does not exist at /srv/db.ts:12')],
    ['an INTERNAL AppError', new AppError('INTERNAL', 'invariant broken: entry 5 billed twice')],
    ['a thrown string', 'boom'],
  ])('%s becomes the fixed sentence, never its message', (_name, error) => {
    const result = failureText(error);
    expect(result.internal).toBe(true);
    expect(result.text).toMatch(/^Something went wrong on our side and nothing was changed/);
    expect(result.text).not.toMatch(/time_entries|invariant|boom|\.ts/);
  });

  it('an UNAVAILABLE error says nothing was changed and to try again', () => {
    expect(failureText(new AppError('UNAVAILABLE', 'Slack is rate limiting us')).text).toBe("That can't be done right now: Slack is rate limiting us. Nothing was changed; try again in a minute.");
  });
});
