import { describe, expect, it } from 'vitest';
import { parseTallyCommand, TALLY_HELP } from '../../../../src/bots/commands/tally-command.js';
import { CHAT_COMMANDS } from '../../../../src/bots/manifests/commands.js';

const AS_OF = '2026-03-04';

describe('parseTallyCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    [' HELP ', { kind: 'help' }],
    ['summary', { kind: 'summary', date: '2026-03-04' }],
    ['summary yesterday', { kind: 'summary', date: '2026-03-03' }],
    ['Summary mon', { kind: 'summary', date: '2026-03-02' }],
    ['summary 2026-02-27', { kind: 'summary', date: '2026-02-27' }],
    ['summary Robert@Firm.example', { kind: 'summary', date: '2026-03-04', forEmail: 'robert@firm.example' }],
    ['summary yesterday <mailto:robert@firm.example|robert@firm.example>', { kind: 'summary', date: '2026-03-03', forEmail: 'robert@firm.example' }],
    ['digest', { kind: 'digest' }],
    [' Digest ', { kind: 'digest' }],
  ])('"%s" → %o', (text, expected) => {
    expect(parseTallyCommand(text, AS_OF)).toEqual(expected);
  });

  it.each([
    ['sumary', 'unknown command "sumary" — did you mean "summary"? — /tally help lists the commands'],
    ['invoice acme', 'unknown command "invoice" — /tally help lists the commands'],
    ['summary soon', '"soon" is not a day — try today, yesterday, mon or 2026-03-02'],
    ['summary mon please', 'did not understand "please" — try /tally summary yesterday'],
    ['summary a@x.example b@x.example', 'name one person, not 2 — e.g. /tally summary robert@firm.example'],
    ['summary 2026-03-09', 'date "2026-03-09" is in the future — time is recorded for work already done'],
    ['help me', 'did not understand "me" — /tally help takes nothing more'],
    ['digest last week', 'did not understand "last week" — /tally digest takes nothing more'],
    ['digets', 'unknown command "digets" — did you mean "digest"? — /tally help lists the commands'],
  ])('"%s" is refused: %s', (text, message) => {
    expect(() => parseTallyCommand(text, AS_OF)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message }));
  });

  it.each([...CHAT_COMMANDS])('the help names /%s with an example', (name) => {
    expect(TALLY_HELP).toMatch(new RegExp(`/${name} [^\\n]*e\\.g\\. /${name} `));
  });
});
