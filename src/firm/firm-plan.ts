import { isLocalDate } from '../core/dates.js';
import type { Problem } from '../core/errors.js';
import type { Client, Firm, Matter, MatterStatus, Role, SourceKind, User } from '../core/firm.js';
import { SOURCE_KINDS } from '../core/firm.js';
import { DEFAULT_GUIDELINES, type Guidelines } from '../core/guidelines.js';
import type { FirmFile, FirmFileGuidelines, FirmFileRates } from './firm-file.schema.js';

/** A rate as planned: who it is for (email or everyone), and the dated amounts. */
export interface PlannedRates {
  readonly userEmail: string | null;
  readonly rates: readonly { readonly rateCents: number; readonly effectiveFrom: string | null; readonly effectiveTo: string | null }[];
}

export type PlannedUser = Omit<User, 'id' | 'managerId' | 'delegateIds' | 'unreachableAt'> & {
  readonly managerEmail: string | null;
  readonly delegateEmails: readonly string[];
  readonly standardRate: PlannedRates | null;
};
export type PlannedClient = Omit<Client, 'id'> & { readonly rates: readonly PlannedRates[] };
export type PlannedMatter = Omit<Matter, 'id' | 'clientId'> & { readonly clientCode: string; readonly rates: readonly PlannedRates[] };

/** A validated firm file, normalised into core values and ready to write. */
export interface FirmPlan {
  readonly firm: Firm;
  readonly users: readonly PlannedUser[];
  readonly clients: readonly PlannedClient[];
  readonly matters: readonly PlannedMatter[];
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Client guidelines: the file's firm-wide defaults, overridden key by key by the client's own. */
function guidelinesOf(firmWide: FirmFileGuidelines | null | undefined, own: FirmFileGuidelines | null | undefined): Guidelines {
  const merged = { ...firmWide, ...own };
  return {
    incrementMinutes: merged.incrementMinutes ?? DEFAULT_GUIDELINES.incrementMinutes,
    rounding: merged.rounding ?? DEFAULT_GUIDELINES.rounding,
    minimumMinutes: merged.minimumMinutes ?? DEFAULT_GUIDELINES.minimumMinutes,
    maxMinutesPerDay: merged.maxHoursPerDay ?? DEFAULT_GUIDELINES.maxMinutesPerDay,
    bannedPhrases: merged.bannedPhrases ?? DEFAULT_GUIDELINES.bannedPhrases,
    forbidBlockBilling: merged.forbidBlockBilling ?? DEFAULT_GUIDELINES.forbidBlockBilling,
    forbidClerical: merged.forbidClerical ?? DEFAULT_GUIDELINES.forbidClerical,
    travelRatePercent: merged.travelRate ?? DEFAULT_GUIDELINES.travelRatePercent,
    requireTaskCodes: merged.requireTaskCodes ?? DEFAULT_GUIDELINES.requireTaskCodes,
    maxDescriptionLength: merged.maxDescriptionLength ?? DEFAULT_GUIDELINES.maxDescriptionLength,
    rateCaps: Object.fromEntries(Object.entries(merged.rateCaps ?? {}).map(([key, cents]) => [key.includes('@') ? key.toLowerCase() : key.toUpperCase(), cents])),
  };
}

/** Turns `rate` and `rates` of a client or matter into planned rates, checking dates as it goes. */
function ratesOf(rate: number | null | undefined, rates: FirmFileRates | null | undefined, path: string, problems: Problem[]): PlannedRates[] {
  const planned: PlannedRates[] = [];
  if (rate !== null && rate !== undefined) planned.push({ userEmail: null, rates: [{ rateCents: rate, effectiveFrom: null, effectiveTo: null }] });
  for (const [key, value] of Object.entries(rates ?? {})) {
    const email = key.trim().toLowerCase();
    const list = typeof value === 'number' ? [{ rate: value, from: null, to: null }] : value;
    const dated = list.map((r, i) => {
      for (const [field, d] of [['from', r.from], ['to', r.to]] as const) {
        if (d && !isLocalDate(d)) problems.push({ path: `${path}.rates.${key}[${i}].${field}`, message: `invalid date "${d}"` });
      }
      if (r.from && r.to && r.to < r.from) problems.push({ path: `${path}.rates.${key}[${i}]`, message: `ends (${r.to}) before it starts (${r.from})` });
      return { rateCents: r.rate, effectiveFrom: r.from ?? null, effectiveTo: r.to ?? null };
    });
    checkOverlaps(dated, `${path}.rates.${key}`, problems);
    planned.push({ userEmail: email, rates: dated });
  }
  return planned;
}

function checkOverlaps(rates: PlannedRates['rates'], path: string, problems: Problem[]): void {
  const sorted = [...rates].sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (prev && next && (prev.effectiveTo === null || prev.effectiveTo >= (next.effectiveFrom ?? ''))) {
      problems.push({ path, message: `rates overlap: one from ${prev.effectiveFrom ?? 'the start'} and one from ${next.effectiveFrom ?? 'the start'}` });
    }
  }
}

/** Normalises a schema-valid file into a plan; reference problems are checked separately. */
export function buildPlan(file: FirmFile, problems: Problem[], isDemo = false): FirmPlan {
  const firm: Firm = {
    name: file.firm.name,
    lawFirmId: file.firm.lawFirmId ?? null,
    timezone: file.firm.timezone,
    currency: file.firm.currency ?? 'USD',
    invoiceNumberFormat: file.firm.invoiceNumberFormat ?? '{YYYY}-{seq:4}',
    isDemo,
  };
  const users = (file.users ?? []).map((u): PlannedUser => ({
    email: u.email,
    name: u.name,
    timekeeperId: u.timekeeperId ?? null,
    classification: u.classification ?? null,
    roles: [...new Set(u.roles)] as Role[],
    timezone: u.timezone ?? firm.timezone,
    summaryTime: u.summaryTime ?? '17:30',
    summaryDays: u.summaryDays ? [...new Set(u.summaryDays.map((d) => WEEKDAYS.indexOf(d) + 1))].sort() : [1, 2, 3, 4, 5],
    slackUserId: u.slackUserId ?? null,
    aadObjectId: u.aadObjectId ?? null,
    sources: (u.sources ? [...new Set(u.sources)] : [...SOURCE_KINDS]) as SourceKind[],
    reminders: u.reminders ?? true,
    active: u.active ?? true,
    managerEmail: u.manager ?? null,
    delegateEmails: [...new Set(u.delegates ?? [])],
    standardRate: u.rate === null || u.rate === undefined ? null : { userEmail: u.email, rates: [{ rateCents: u.rate, effectiveFrom: null, effectiveTo: null }] },
  }));
  const clients = (file.clients ?? []).map((c, i): PlannedClient => ({
    code: c.code,
    name: c.name,
    domains: c.domains ?? [],
    aliases: c.aliases ?? [],
    ledesClientId: c.ledesClientId ?? null,
    guidelines: guidelinesOf(file.guidelines, c.guidelines),
    rates: ratesOf(c.rate, c.rates, `clients[${i}]`, problems),
  }));
  const matters = (file.matters ?? []).map((m, i): PlannedMatter => ({
    code: m.code,
    clientCode: m.client,
    name: m.name,
    clientMatterId: m.clientMatterId ?? null,
    status: (m.status ?? 'open') as MatterStatus,
    keywords: m.keywords ?? [],
    slackChannels: m.slackChannels ?? [],
    defaultTaskCode: m.defaultTaskCode ?? null,
    billable: m.billable ?? true,
    rates: ratesOf(m.rate, m.rates, `matters[${i}]`, problems),
  }));
  return { firm, users, clients, matters };
}
