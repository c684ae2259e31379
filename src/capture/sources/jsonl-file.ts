import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ACTIVITY_SOURCES, type Activity } from '../../core/activity.js';
import { AppError, type Problem } from '../../core/errors.js';

const MAX_DAY_MS = 24 * 60 * 60 * 1000;
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-03-02T14:00:00Z' });

const lineSchema = z
  .object({
    id: z.string().trim().min(1, 'must not be empty').max(512, 'must be at most 512 characters'),
    source: z.enum(ACTIVITY_SOURCES as [string, ...string[]], `must be one of ${ACTIVITY_SOURCES.join(', ')}`),
    user: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
    start: instant,
    end: instant,
    title: z.string().max(4000, 'must be at most 4,000 characters').default(''),
    participants: z.array(z.string().trim().toLowerCase()).max(500).default([]),
    ref: z.string().max(2000).nullish(),
    meta: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((a, ctx) => {
    const ms = Date.parse(a.end) - Date.parse(a.start);
    if (ms < 0) ctx.addIssue({ code: 'custom', path: ['end'], message: 'is before start' });
    if (ms > MAX_DAY_MS) ctx.addIssue({ code: 'custom', path: ['end'], message: 'is more than 24 hours after start' });
  });

/** Where a JSONL file stops being read: a day of a busy firm fits many times over. */
const MAX_PROBLEMS = 20;

/**
 * Reads activities in the DESIGN.md format, one JSON object per line (blank lines skipped).
 * All or nothing: any bad line makes an INVALID_INPUT error listing each problem by line number.
 */
export async function readActivityFile(path: string): Promise<Activity[]> {
  let lines: AsyncIterable<string>;
  const stream = createReadStream(path, { encoding: 'utf8' });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    lines = createInterface({ input: stream, crlfDelay: Infinity });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new AppError('INVALID_INPUT', `${path}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`, { cause });
  }
  const activities: Activity[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const parsed = parseLine(line, n, problems);
    if (!parsed) continue;
    const first = seen.get(parsed.id);
    if (first !== undefined) problems.push({ path: `line ${n}.id`, message: `"${parsed.id}" repeats line ${first}` });
    seen.set(parsed.id, n);
    activities.push(parsed);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `${path} has ${problems.length}${problems.length >= MAX_PROBLEMS ? '+' : ''} bad line(s); nothing was captured`, { problems });
  }
  return activities;
}

function parseLine(line: string, n: number, problems: Problem[]): Activity | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    problems.push({ path: `line ${n}`, message: 'is not valid JSON' });
    return null;
  }
  const result = lineSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      problems.push({ path: `line ${n}${field}`, message });
    }
    return null;
  }
  const a = result.data;
  return {
    id: a.id,
    source: a.source as Activity['source'],
    user: a.user,
    start: new Date(a.start),
    end: new Date(a.end),
    title: a.title,
    participants: a.participants,
    ref: a.ref ?? null,
    meta: a.meta,
  };
}
