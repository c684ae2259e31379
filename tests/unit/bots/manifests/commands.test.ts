import { describe, expect, expectTypeOf, it } from 'vitest';
import { CHAT_COMMANDS, DECLARED_COMMANDS, toChatCommand, type ChatCommand } from '../../../../src/bots/manifests/commands.js';
import type { CommandName } from '../../../../src/bots/views/chat-core.js';

describe('the declared chat commands', () => {
  it('are time, invoice and tally, and the chat core names exactly these', () => {
    expect(CHAT_COMMANDS).toEqual(['time', 'invoice', 'tally']);
    expect(DECLARED_COMMANDS).toBe(CHAT_COMMANDS);
    expectTypeOf<ChatCommand>().toEqualTypeOf<CommandName>();
  });

  it.each([
    ['/time', 'time'],
    ['invoice', 'invoice'],
    [' /TALLY ', 'tally'],
    ['/timesheet', null],
    ['', null],
  ])('toChatCommand(%j) is %j', (name, expected) => {
    expect(toChatCommand(name)).toBe(expected);
  });
});
