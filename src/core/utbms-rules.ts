import type { Draft } from './capture-types.js';
import { draftParticipants, draftTitles } from './draft-facts.js';
import type { Client, Matter } from './firm.js';
import { domainIn, emailDomain, externalParticipants } from './text-match.js';
import { isValidTaskCode } from './utbms-codes.js';

function words(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'iu');
}

// Most specific first: "motion to compel deposition" is a discovery motion, "expert deposition" expert discovery.
const TASK_RULES: readonly (readonly [RegExp, string])[] = [
  [words('motions? to compel|discovery motions?'), 'L350'],
  [words('expert discovery|expert depositions?|depositions? of (?:the |their |our )?experts?'), 'L340'],
  [words('summary judgment|dispositive'), 'L240'],
  [words('injunctions?|injunctive|TRO|temporary restraining orders?'), 'L220'],
  [words('trial prep(?:aration)?|prep(?:are|aration)? for trial'), 'L440'],
  [words('appellate briefs?|appeals?|appellate'), 'L520'],
  [words('depositions?|deponents?|depos?'), 'L330'],
  [words('interrogator(?:y|ies)|requests? for production|written discovery'), 'L310'],
  [words('document productions?|productions? of documents|privilege logs?'), 'L320'],
  [words('experts?'), 'L130'],
  [words('settlements?|mediations?|mediators?'), 'L160'],
  [words('complaints?|answers?|pleadings?'), 'L210'],
  [words('fact investigation|witness interviews?|interviews? (?:of |with )?(?:the )?witness(?:es)?'), 'L110'],
];

const ATTEND = words('attend(?:s|ed|ing|ance)?|hearings?|trial|depositions? of|(?:take|taking|defend|defending) (?:the )?deposition');
// "Hearing prep" and "trial preparation" are preparing, not appearing.
const PREPARING = words('prep|prepping|prepare|preparing|preparation|outline');
const RESEARCH = words('research(?:ed|ing)?');
const REVIEW = words('review(?:ed|ing)?|analy[sz](?:e|ed|ing|is)|comments?|mark-?ups?|annotat(?:e|ed|ing|ions?)');
const DRAFTING = words('draft(?:ed|ing)?|revis(?:e|ed|ing|ions?)|prepare');

function titleText(draft: Pick<Draft, 'activities'>): string {
  return draftTitles(draft).join(' | ').replace(/_+/g, ' ');
}

/** A105 with no one outside the firm, A106 when someone is at the client, else A108. */
function communicateCode(draft: Pick<Draft, 'activities'>, firmDomains: readonly string[], client: Pick<Client, 'domains'> | null): string {
  const external = externalParticipants(draftParticipants(draft), firmDomains);
  if (external.length === 0) return 'A105';
  const atClient = client !== null && external.some((email) => {
    const domain = emailDomain(email);
    return domain !== null && domainIn(domain, client.domains);
  });
  return atClient ? 'A106' : 'A108';
}

/**
 * The UTBMS activity code of a draft. Meetings and calls: A109 when the title is attendance at a
 * hearing, trial or deposition (not preparation for one), else communication by who takes part
 * (A105 in firm, A106 with someone at the matter's client — pass `client` for that — A108 other
 * external). Emails and Slack: communication. Documents: A104 for review/analysis/comments/markup,
 * A102 for research, else A103. Manual time: the same title rules, else communication when people
 * take part, else null (a person fills it in).
 */
export function activityCodeFor(
  draft: Pick<Draft, 'kind' | 'activities'>,
  firmDomains: readonly string[],
  client: Pick<Client, 'domains'> | null = null,
): string | null {
  const text = titleText(draft);
  const attending = ATTEND.test(text) && !PREPARING.test(text);
  switch (draft.kind) {
    case 'meeting':
    case 'call':
      return attending ? 'A109' : communicateCode(draft, firmDomains, client);
    case 'email':
    case 'slack':
      return communicateCode(draft, firmDomains, client);
    case 'document':
      return REVIEW.test(text) ? 'A104' : RESEARCH.test(text) ? 'A102' : 'A103';
    case 'manual':
      if (attending) return 'A109';
      if (REVIEW.test(text)) return 'A104';
      if (RESEARCH.test(text)) return 'A102';
      if (DRAFTING.test(text)) return 'A103';
      return draftParticipants(draft).length > 0 ? communicateCode(draft, firmDomains, client) : null;
  }
}

/**
 * The UTBMS task code of a draft: the first keyword rule its titles meet (deposition → L330,
 * interrogatories → L310, privilege log → L320, expert → L130, motion to compel → L350, summary
 * judgment → L240, complaint → L210, injunction → L220, mediation → L160, trial prep → L440,
 * appeal → L520, witness interview → L110 …), else the matter's default task code when valid, else null.
 */
export function taskCodeFor(draft: Pick<Draft, 'activities'>, matter: Pick<Matter, 'defaultTaskCode'> | null): string | null {
  const text = titleText(draft);
  const rule = TASK_RULES.find(([pattern]) => pattern.test(text));
  if (rule !== undefined) return rule[1];
  const fallback = matter?.defaultTaskCode ?? null;
  return fallback !== null && isValidTaskCode(fallback) ? fallback : null;
}
