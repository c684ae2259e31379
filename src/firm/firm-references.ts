import type { Problem } from '../core/errors.js';
import type { Client, Matter, User } from '../core/firm.js';
import { closestMatch } from '../core/suggest.js';
import type { FirmPlan } from './firm-plan.js';

/** What the database already holds, so a file may refer to people and clients imported before. */
export interface ExistingFirm {
  readonly users: readonly User[];
  readonly clients: readonly Client[];
  readonly matters: readonly Matter[];
}

function unknown(kind: string, value: string, candidates: readonly string[]): string {
  const guess = closestMatch(value, candidates);
  return `unknown ${kind} "${value}"${guess ? ` (did you mean ${guess}?)` : ''}`;
}

/** Reports a value that two items claim (an email, a code, a Slack channel), naming both places. */
function checkUnique(values: readonly (readonly [path: string, value: string | null])[], what: string, problems: Problem[]): void {
  const seen = new Map<string, string>();
  for (const [path, value] of values) {
    if (value === null) continue;
    const first = seen.get(value);
    if (first) problems.push({ path, message: `${what} "${value}" is also used by ${first}` });
    else seen.set(value, path);
  }
}

/**
 * Checks every cross-reference of a plan against the file itself and the database: unknown
 * clients, managers, delegates and rate holders; duplicates; ids another person already has.
 */
export function checkReferences(plan: FirmPlan, existing: ExistingFirm, problems: Problem[]): void {
  const fileEmails = new Set(plan.users.map((u) => u.email));
  const others = existing.users.filter((u) => !fileEmails.has(u.email));
  const emails = [...fileEmails, ...others.map((u) => u.email)];
  const clientCodes = [...new Set([...plan.clients.map((c) => c.code), ...existing.clients.map((c) => c.code)])];
  const fileMatters = new Set(plan.matters.map((m) => m.code));

  checkUnique(plan.users.map((u, i) => [`users[${i}].email`, u.email]), 'email', problems);
  checkUnique(plan.clients.map((c, i) => [`clients[${i}].code`, c.code]), 'client code', problems);
  checkUnique(plan.matters.map((m, i) => [`matters[${i}].code`, m.code]), 'matter code', problems);
  for (const field of ['timekeeperId', 'slackUserId', 'aadObjectId'] as const) {
    checkUnique(
      [...others.map((u) => [`existing user ${u.email}`, u[field]] as const), ...plan.users.map((u, i) => [`users[${i}].${field}`, u[field]] as const)],
      field,
      problems,
    );
  }
  checkUnique(
    [
      ...existing.matters.filter((m) => !fileMatters.has(m.code)).flatMap((m) => m.slackChannels.map((c) => [`existing matter ${m.code}`, c] as const)),
      ...plan.matters.flatMap((m, i) => m.slackChannels.map((c, j) => [`matters[${i}].slackChannels[${j}]`, c] as const)),
    ],
    'Slack channel',
    problems,
  );

  const checkEmail = (path: string, email: string) => {
    if (!emails.includes(email)) problems.push({ path, message: unknown('user', email, emails) });
  };
  plan.users.forEach((u, i) => {
    if (u.managerEmail === u.email) problems.push({ path: `users[${i}].manager`, message: 'a person cannot be their own manager' });
    else if (u.managerEmail) checkEmail(`users[${i}].manager`, u.managerEmail);
    u.delegateEmails.forEach((d, j) => {
      if (d === u.email) problems.push({ path: `users[${i}].delegates[${j}]`, message: 'a person cannot be their own delegate' });
      else checkEmail(`users[${i}].delegates[${j}]`, d);
    });
  });
  plan.clients.forEach((c, i) => {
    for (const r of c.rates) if (r.userEmail) checkEmail(`clients[${i}].rates.${r.userEmail}`, r.userEmail);
    for (const key of Object.keys(c.guidelines.rateCaps)) if (key.includes('@')) checkEmail(`clients[${i}].guidelines.rateCaps.${key}`, key);
  });
  plan.matters.forEach((m, i) => {
    if (!clientCodes.includes(m.clientCode)) problems.push({ path: `matters[${i}].client`, message: unknown('client', m.clientCode, clientCodes) });
    for (const r of m.rates) if (r.userEmail) checkEmail(`matters[${i}].rates.${r.userEmail}`, r.userEmail);
  });
}
