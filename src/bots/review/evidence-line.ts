import { sanitizeTitle } from '../../core/sanitize-title.js';
import type { Evidence } from '../../core/time-entry.js';

/** How a card names each source kind (singular, plural). */
const KIND_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  calendar: ['meeting', 'meetings'],
  email: ['email', 'emails'],
  document: ['document', 'documents'],
  call: ['call', 'calls'],
  slack: ['Slack message', 'Slack messages'],
  manual: ['note', 'notes'],
};

/** The longest title an evidence line quotes: the line stays one quiet line on a phone. */
export const EVIDENCE_TITLE_LENGTH = 60;

interface Group {
  readonly kind: string;
  count: number;
  readonly titles: string[];
}

function wordsOf(kind: string): readonly [string, string] {
  return KIND_WORDS[kind] ?? ['item', 'items'];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One line of what a draft rests on: "Meeting 'Deposition prep' · 1 email". The first source kind
 * is quoted by its first title ("+1 more" for other titles of that kind), the rest counted. Repeated
 * titles (edits of one document, a reply "RE:" to the same subject) count once. Titles are untrusted
 * and go through sanitizeTitle, cut to {@link EVIDENCE_TITLE_LENGTH}.
 */
export function evidenceLine(evidence: readonly Evidence[]): string {
  const groups: Group[] = [];
  for (const item of evidence) {
    let group = groups.find((g) => g.kind === item.source);
    if (!group) {
      group = { kind: item.source, count: 0, titles: [] };
      groups.push(group);
    }
    const title = sanitizeTitle(item.title ?? '', EVIDENCE_TITLE_LENGTH);
    if (title === '') group.count++;
    else if (!group.titles.includes(title)) {
      group.titles.push(title);
      group.count++;
    }
  }
  return groups
    .map((group, index) => {
      const [one, many] = wordsOf(group.kind);
      const [first] = group.titles;
      if (index > 0 || first === undefined) return `${String(group.count)} ${group.count === 1 ? one : many}`;
      const more = group.count - 1;
      return `${capitalized(one)} '${first}'${more > 0 ? ` +${String(more)} more` : ''}`;
    })
    .join(' · ');
}
