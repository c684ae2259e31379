import { z } from 'zod';
import { isValidClockTime, isValidTimeZone } from '../core/dates.js';
import { ROLES, SOURCE_KINDS } from '../core/firm.js';
import { parseMoney } from '../core/money.js';

/*
 * The firm configuration file of DESIGN.md, as zod sees it. Objects are strict so a typo
 * ("sumaryTime") is reported instead of silently ignored. Amounts become integer cents here.
 */

const text = z.string().trim().min(1, 'must not be empty');
const optionalText = z.string().trim().min(1, 'must not be empty').nullish();
const email = z.string().trim().toLowerCase().pipe(z.email({ error: 'must be an email address' }));
const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, 'must be letters, digits, ".", "_" or "-" (at most 32)');
const timezone = z.string().refine(isValidTimeZone, 'must be an IANA timezone such as America/New_York');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** A decimal amount with at most 2 decimals ("1,234.50" or 350) → integer cents. */
export const money = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseMoney(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid amount' });
    return z.NEVER;
  }
});

/** A fraction such as travelRate 0.5 → integer percent 50 (same exact decimal rules as money). */
const fractionAsPercent = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    try {
      return parseMoney(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a number between 0 and 1 with at most 2 decimals' });
      return z.NEVER;
    }
  })
  .pipe(z.number().min(0, 'must be between 0 and 1').max(100, 'must be between 0 and 1'));

const wholeHoursToMinutes = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    try {
      return parseMoney(value) * 60 / 100;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a number of hours, e.g. 8 or 7.5' });
      return z.NEVER;
    }
  })
  .pipe(z.number().int('must come to whole minutes').min(1, 'must be at least 0.1').max(1440, 'must be at most 24'));

const rateList = z.array(z.strictObject({ rate: money, from: date.nullish(), to: date.nullish() })).min(1, 'must not be empty');
const rateValue = z.union([money, rateList]);
const rateMap = z.record(z.string(), rateValue);

export const guidelinesSchema = z.strictObject({
  incrementMinutes: z.number().int('must be whole minutes').min(1).max(60).optional(),
  rounding: z.enum(['up', 'nearest', 'down']).optional(),
  minimumMinutes: z.number().int('must be whole minutes').min(0).max(1440).optional(),
  maxHoursPerDay: wholeHoursToMinutes.optional(),
  bannedPhrases: z.array(text).optional(),
  forbidBlockBilling: z.boolean().optional(),
  forbidClerical: z.boolean().optional(),
  travelRate: fractionAsPercent.optional(),
  requireTaskCodes: z.boolean().optional(),
  maxDescriptionLength: z.number().int().min(1).max(1023, 'must be below 1024 (LEDES limit)').optional(),
  rateCaps: z.record(z.string(), money).optional(),
});

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const userSchema = z.strictObject({
  email,
  name: text,
  timekeeperId: z.union([z.string(), z.number()]).transform(String).pipe(text).nullish(),
  classification: z.string().trim().toUpperCase().regex(/^[A-Z]{2,10}$/, 'must be a LEDES classification such as PARTNR, ASSOC or PARLEG').nullish(),
  roles: z.array(z.enum(ROLES as [string, ...string[]])).min(1, 'must name at least one role'),
  rate: money.nullish(),
  timezone: timezone.nullish(),
  summaryTime: z.string().refine(isValidClockTime, 'must be a time HH:MM such as 17:30').nullish(),
  summaryDays: z.array(weekday).min(1, 'must not be empty').nullish(),
  manager: email.nullish(),
  delegates: z.array(email).nullish(),
  slackUserId: optionalText,
  aadObjectId: optionalText,
  sources: z.array(z.enum(SOURCE_KINDS as [string, ...string[]])).nullish(),
  reminders: z.boolean().nullish(),
  active: z.boolean().nullish(),
});

export const clientSchema = z.strictObject({
  code,
  name: text,
  domains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain such as acme.com')).nullish(),
  aliases: z.array(text).nullish(),
  ledesClientId: optionalText,
  guidelines: guidelinesSchema.nullish(),
  rate: money.nullish(),
  rates: rateMap.nullish(),
});

export const matterSchema = z.strictObject({
  code,
  client: z.string().trim().toUpperCase().min(1, 'must not be empty'),
  name: text,
  clientMatterId: z.union([z.string(), z.number()]).transform(String).pipe(text).nullish(),
  status: z.enum(['open', 'closed']).nullish(),
  keywords: z.array(text).nullish(),
  slackChannels: z.array(text).nullish(),
  rate: money.nullish(),
  rates: rateMap.nullish(),
  defaultTaskCode: z.string().trim().toUpperCase().regex(/^[A-Z]\d{3}$/, 'must be a UTBMS code such as L120').nullish(),
  billable: z.boolean().nullish(),
});

export const firmFileSchema = z.strictObject({
  firm: z.strictObject({
    name: text,
    lawFirmId: optionalText,
    timezone,
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').nullish(),
    invoiceNumberFormat: z.string().regex(/\{seq(:\d)?\}/, 'must contain {seq} or {seq:N}, e.g. "{YYYY}-{seq:4}"').nullish(),
  }),
  guidelines: guidelinesSchema.nullish(),
  users: z.array(userSchema).nullish(),
  clients: z.array(clientSchema).nullish(),
  matters: z.array(matterSchema).nullish(),
});

export type FirmFile = z.output<typeof firmFileSchema>;
export type FirmFileUser = z.output<typeof userSchema>;
export type FirmFileClient = z.output<typeof clientSchema>;
export type FirmFileMatter = z.output<typeof matterSchema>;
export type FirmFileRates = z.output<typeof rateMap>;
export type FirmFileGuidelines = z.output<typeof guidelinesSchema>;
