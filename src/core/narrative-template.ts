import type { Draft } from './capture-types.js';
import { draftParticipants } from './draft-facts.js';
import type { Client, Matter } from './firm.js';
import { joinWithAnd, personName, type KnownPerson } from './person-name.js';
import { sanitizeTitle, withoutTimeOrMoney } from './sanitize-title.js';
import { clientsByDomain } from './match-signals.js';
import { domainIn, emailDomain } from './text-match.js';
import { activityCodeFor } from './utbms-rules.js';

/** What a template narrative may name: configured matters, clients and people, and the firm's domains. */
export interface NarrativeContext {
  readonly matters: readonly Matter[];
  readonly clients: readonly Client[];
  readonly people: readonly KnownPerson[];
  readonly firmDomains: readonly string[];
}

/** Past this many, further attendees are counted ("and 4 others") so the narrative stays readable. */
const MAX_NAMED = 8;
const LEADING_VERBS = /^(?:(?:review|draft|revise|analy[sz]e|research|edit|prepare|markup|comment on)(?:\s+and\s+|\s*,\s*|\s+))+/i;
const STARTS_WITH_VERB = /^(?:draft|revise|review|analy[sz]e|prepare|research|attend|negotiate|outline|edit|finalize|summarize|investigate|interview|confer|plan|study|argue)\b/i;

/** Attendees as "J. Doe and K. Lee (Acme Corp), E. Smith (experts.example) and A. Harlow"; internal: firm only. */
function attendees(draft: Pick<Draft, 'activities'>, ctx: NarrativeContext): { text: string; external: boolean } {
  const groups = new Map<string, string[]>();
  const firm: string[] = [];
  for (const email of draftParticipants(draft)) {
    const domain = emailDomain(email);
    const name = personName(email, ctx.people);
    if (name === '') continue;
    if (domain !== null && domainIn(domain, ctx.firmDomains)) {
      firm.push(name);
      continue;
    }
    const client = domain === null ? undefined : clientsByDomain([email], ctx.clients)[0]?.client;
    const label = client?.name ?? domain ?? '';
    groups.set(label, [...(groups.get(label) ?? []), name]);
  }
  let budget = MAX_NAMED;
  let hidden = 0;
  const take = (names: readonly string[]): string[] => {
    const shown = names.slice(0, Math.max(0, budget));
    budget -= shown.length;
    hidden += names.length - shown.length;
    return shown;
  };
  const segments: string[] = [];
  for (const [label, names] of groups) {
    const shown = take(names);
    if (shown.length > 0) segments.push(label === '' ? joinWithAnd(shown) : `${joinWithAnd(shown)} (${label})`);
  }
  segments.push(...take(firm));
  if (hidden > 0) segments.push(`${String(hidden)} ${hidden === 1 ? 'other' : 'others'}`);
  return { text: joinWithAnd(segments), external: groups.size > 0 };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function conference(noun: string, who: { text: string; external: boolean }, purpose: string): string {
  const re = purpose === '' ? '' : ` re ${purpose}`;
  if (who.text === '') return `${capitalised(noun)}${re}`;
  return `${who.external ? capitalised(noun) : `Internal ${noun}`} with ${who.text}${re}`;
}

function solo(purpose: string, fallback: string): string {
  if (purpose === '') return fallback;
  return STARTS_WITH_VERB.test(purpose) ? capitalised(purpose) : `Plan and prepare re ${purpose}`;
}

/**
 * A compliant narrative built from the draft alone: a specific verb, the object, the purpose in a
 * "re …" clause taken from the first activity's sanitized title (without any time or money amount),
 * and every attendee named ("Conference with J. Doe and K. Lee (Acme Corp) re deposition preparation",
 * "Correspondence with … (3 emails)", "Draft and revise motion to compel", "Internal discussion with
 * B. Finch re …"). Never states minutes or fees and never uses vague verbs of its own.
 */
export function templateNarrative(draft: Pick<Draft, 'kind' | 'activities' | 'matterId'>, ctx: NarrativeContext): string {
  const matter = ctx.matters.find((candidate) => candidate.id === draft.matterId) ?? null;
  const client = matter === null ? null : (ctx.clients.find((candidate) => candidate.id === matter.clientId) ?? null);
  const title = withoutTimeOrMoney(sanitizeTitle(draft.activities[0]?.title ?? ''));
  const purpose = title === '' ? (matter?.name ?? '') : title;
  const who = attendees(draft, ctx);
  const code = activityCodeFor(draft, ctx.firmDomains, client);
  switch (draft.kind) {
    case 'meeting':
      if (code === 'A109') return `Attend ${purpose || 'hearing'}${who.text === '' ? '' : ` with ${who.text}`}`;
      return who.text === '' ? solo(purpose, 'Plan and prepare') : conference('conference', who, purpose);
    case 'call':
      return conference('telephone conference', who, purpose);
    case 'email': {
      const count = draft.activities.length;
      return `${conference('correspondence', who, purpose)}${count > 1 ? ` (${String(count)} emails)` : ''}`;
    }
    case 'slack':
      return who.text === '' ? `Internal discussion${purpose === '' ? '' : ` re ${purpose}`}` : conference('discussion', who, purpose);
    case 'document': {
      const object = purpose.replace(LEADING_VERBS, '').trim() || purpose || 'document';
      const verb = code === 'A104' ? 'Review and analyze' : code === 'A102' ? 'Research' : 'Draft and revise';
      return `${verb} ${object}`;
    }
    case 'manual':
      return who.text === '' ? solo(purpose, 'Plan and prepare') : conference('conference', who, purpose);
  }
}
