import { describe, expect, it } from 'vitest';
import { evidenceLine } from '../../../../src/bots/review/evidence-line.js';
import type { Evidence } from '../../../../src/core/time-entry.js';

let next = 0;
const ev = (source: string, title: string): Evidence => ({ activityId: `a${String(next++)}`, source, title });

describe('evidenceLine', () => {
  it.each<[string, Evidence[], string]>([
    ['a meeting and an email', [ev('calendar', 'Deposition prep'), ev('email', 'Re: outline')], "Meeting 'Deposition prep' · 1 email"],
    ['no evidence', [], ''],
    ['edits of one document', [ev('document', 'Globex_Markman_Brief_v2.docx'), ev('document', 'Globex_Markman_Brief_v2.docx')], "Document 'Globex Markman Brief'"],
    ['a reply to the same subject', [ev('email', 'Expert declaration comments'), ev('email', 'RE: Expert declaration comments')], "Email 'Expert declaration comments'"],
    ['two meetings', [ev('calendar', 'Prep'), ev('calendar', 'Debrief'), ev('call', 'Client')], "Meeting 'Prep' +1 more · 1 call"],
    ['counted kinds', [ev('slack', 'hi'), ev('document', 'a.docx'), ev('document', 'b.docx'), ev('email', 'x')], "Slack message 'hi' · 2 documents · 1 email"],
    ['Slack markup in a title', [ev('slack', 'Please circulate the outline <!channel>')], "Slack message 'Please circulate the outline'"],
    ['an untitled first item', [ev('calendar', ''), ev('email', 'x')], '1 meeting · 1 email'],
    ['an unknown kind', [ev('fax', 'x'), ev('fax', 'y')], "Item 'x' +1 more"],
  ])('words %s', (_case, evidence, expected) => {
    expect(evidenceLine(evidence)).toBe(expected);
  });

  it('cuts long titles so the line stays short', () => {
    const line = evidenceLine([ev('calendar', 'word '.repeat(40))]);
    expect(line.length).toBeLessThanOrEqual(75);
    expect(line).toMatch(/^Meeting 'word( word)*'$/);
  });

  it('drops invisible and control characters from titles', () => {
    expect(evidenceLine([ev('email', 'Pay\u202Ement\u0007 terms')])).toBe("Email 'Pay ment terms'");
  });
});
