import type { Activity } from './activity.js';
import type { MatchContext, MatchResult } from './capture-types.js';
import type { Client, Matter } from './firm.js';
import {
  clientsByAlias,
  clientsByDomain,
  matchText,
  matterByHistory,
  mattersByChannel,
  mattersByCode,
  mattersByTitle,
  type TitleHit,
} from './match-signals.js';
import { personalByMarking, personalByTitle } from './personal-activity.js';
import { indexFor } from './phrase-index.js';
import type { Confidence } from './time-entry.js';
import { joinWithAnd } from './person-name.js';
import { externalParticipants } from './text-match.js';

function matched(matter: Matter, confidence: Confidence, reasons: readonly string[]): MatchResult {
  return { matterId: matter.id, confidence, reasons, category: matter.billable ? 'client' : 'internal' };
}

function clientOnly(reason: string): MatchResult {
  return { matterId: null, confidence: 'low', reasons: [reason], category: 'client' };
}

function uniqueMatters(hits: readonly TitleHit[]): Matter[] {
  return [...new Map(hits.map((hit) => [hit.matter.id, hit.matter])).values()];
}

function codes(matters: readonly Matter[]): string {
  return joinWithAnd(matters.map((matter) => matter.code));
}

/** Participants at one or more clients' domains decide the client; the title may pick among its matters. */
function byDomain(external: readonly string[], ctx: MatchContext, open: readonly Matter[], titleHits: readonly TitleHit[]): MatchResult | null {
  const hits = clientsByDomain(external, ctx.clients);
  if (hits.length === 0) return null;
  const where = `participants at ${joinWithAnd(hits.flatMap((hit) => hit.domains))}`;
  const names = joinWithAnd(hits.map((hit) => hit.client.name));
  const ids = new Set(hits.map((hit) => hit.client.id));
  const candidates = open.filter((matter) => ids.has(matter.clientId));
  const only = candidates[0];
  if (hits.length === 1 && candidates.length === 1 && only !== undefined) return matched(only, 'high', [`${where} (${names}, its only open matter)`]);
  if (candidates.length === 0) return clientOnly(`${where}; ${names} has no open matter`);
  const titled = titleHits.filter((hit) => ids.has(hit.matter.clientId));
  const chosen = uniqueMatters(titled);
  const first = titled[0];
  if (chosen.length === 1 && first !== undefined) return matched(first.matter, 'medium', [`${where} (${names})`, `"${first.phrase}" in the title`]);
  return clientOnly(`${where}; which ${names} matter?`);
}

/** Matter keywords or name, then client aliases or codes, in the title. */
function byTitle(text: string, clients: readonly Client[], open: readonly Matter[], titleHits: readonly TitleHit[]): MatchResult | null {
  const aliases = clientsByAlias(text, clients);
  const aliasIds = new Set(aliases.map((hit) => hit.client.id));
  const chosen = uniqueMatters(titleHits);
  const narrowed = chosen.length > 1 ? chosen.filter((matter) => aliasIds.has(matter.clientId)) : chosen;
  const pick = narrowed.length === 1 ? narrowed[0] : undefined;
  if (pick !== undefined) {
    const hit = titleHits.find((candidate) => candidate.matter.id === pick.id);
    return matched(pick, 'medium', [`"${hit?.phrase ?? pick.code}" in the title`]);
  }
  if (chosen.length > 1) return clientOnly(`the title fits ${codes(chosen)}; which one?`);
  const [alias, otherAlias] = aliases;
  if (alias === undefined) return null;
  if (otherAlias !== undefined) return clientOnly(`the title names ${joinWithAnd(aliases.map((hit) => hit.client.name))}`);
  const candidates = open.filter((matter) => matter.clientId === alias.client.id);
  const only = candidates[0];
  const said = `"${alias.phrase}" in the title`;
  if (candidates.length === 1 && only !== undefined) return matched(only, 'medium', [`${said} (${alias.client.name}, its only open matter)`]);
  return clientOnly(candidates.length === 0 ? `${said}; ${alias.client.name} has no open matter` : `${said}; which ${alias.client.name} matter?`);
}

/** The open matters of a configuration list, computed once per list (and so per capture). */
const OPEN_MATTERS = new WeakMap<readonly Matter[], readonly Matter[]>();

/**
 * Decides which matter an activity belongs to, from configuration and history only: a matter code in
 * the title (high), a mapped Slack channel (high), participants' client domains (high for a client's
 * only open matter, medium when the title picks one, else low without a matter), matter keywords or
 * client aliases in the title (medium), earlier approved entries with the same people (medium).
 * Private or personal items are `personal`; firm-only items with no client signal are `internal`.
 * Closed matters are never chosen. The title is untrusted: it can only point at configured matters.
 */
export function matchActivity(activity: Activity, ctx: MatchContext): MatchResult {
  const marking = personalByMarking(activity);
  if (marking !== null) return { matterId: null, confidence: null, reasons: [marking], category: 'personal' };

  const open = indexFor(OPEN_MATTERS, ctx.matters, () => ctx.matters.filter((matter) => matter.status === 'open'));
  const text = matchText(activity.title);
  const coded = mattersByCode(text, open);
  const titleHits = mattersByTitle(text, open);
  // A matter code or keyword in the title says the lunch or the doctor is part of the case.
  const personal = coded.length === 0 && titleHits.length === 0 ? personalByTitle(text) : null;
  if (personal !== null) return { matterId: null, confidence: null, reasons: [personal], category: 'personal' };

  const codedMatter = coded[0];
  if (coded.length === 1 && codedMatter !== undefined) return matched(codedMatter, 'high', [`matter code ${codedMatter.code} in the title`]);
  if (coded.length > 1) return clientOnly(`matter codes ${codes(coded)} in the title; which one?`);

  const channel = mattersByChannel(activity.meta, open);
  const channelMatter = channel?.matters[0];
  if (channel !== null && channel.matters.length === 1 && channelMatter !== undefined) {
    return matched(channelMatter, 'high', [`Slack channel ${channel.channel} belongs to ${channelMatter.code}`]);
  }
  if (channel !== null && channel.matters.length > 1) return clientOnly(`Slack channel ${channel.channel} belongs to ${codes(channel.matters)}`);

  const external = externalParticipants(activity.participants, ctx.firmDomains);
  const signal = byDomain(external, ctx, open, titleHits) ?? byTitle(text, ctx.clients, open, titleHits);
  if (signal !== null && signal.matterId !== null) return signal;

  // History settles what configuration leaves open ("which Acme matter?"): the same outside people
  // went to one matter in entries this person approved.
  const previous = matterByHistory(external, ctx.history, open);
  if (previous !== null) return matched(previous, 'medium', [...(signal?.reasons ?? []), `your earlier approved entries with these participants went to ${previous.code}`]);
  if (signal !== null) return signal;

  // A document edit has no attendees by nature, so "no participants" says nothing about whose work it is.
  const internalOnly = external.length === 0 && (activity.participants.length > 0 || activity.source !== 'document');
  if (internalOnly) {
    const reason = activity.participants.length > 0 ? 'only people of the firm take part' : 'no participants and no client named';
    return { matterId: null, confidence: null, reasons: [reason], category: 'internal' };
  }
  return { matterId: null, confidence: null, reasons: ['no matter code, mapped channel, client participant or keyword'], category: 'unknown' };
}
