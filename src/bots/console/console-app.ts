import { timingSafeEqual, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { errorFields, type Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { getFirm } from '../../db/repositories/firm.repository.js';
import { findUserById, listUsers } from '../../db/repositories/user.repository.js';
import { parseCardAction } from '../cards/card-action.js';
import { parseTypedCommand } from '../cards/typed-command.js';
import type { ChatContext } from '../views/actions.js';
import type { ChatCore } from '../views/chat-core.js';
import type { Reply } from '../views/reply.js';
import { consoleReply } from './console-reply.js';
import { openingReplies } from './console-start.js';

export interface ConsoleOptions {
  readonly db: Db;
  readonly core: ChatCore;
  readonly logger: Logger;
  /** When set, every console request must carry it (header x-tally-console-token or ?token=). */
  readonly token: string | null;
  readonly now?: () => Date;
}

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const ADAPTIVE_CARDS = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
const ASSETS: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  'console.js': { file: `${PUBLIC}console.js`, type: 'text/javascript; charset=utf-8' },
  'console.css': { file: `${PUBLIC}console.css`, type: 'text/css; charset=utf-8' },
  'adaptivecards.js': { file: ADAPTIVE_CARDS, type: 'text/javascript; charset=utf-8' },
};

const requestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'requestId must be 8–64 letters, digits or dashes');
const person = z.number().int().positive();
const commandBody = z.object({ as: person, text: z.string().max(4000, 'a command is at most 4,000 characters'), requestId });
const actionBody = z.object({ as: person, verb: z.string().min(1).max(64), data: z.record(z.string(), z.unknown()).optional(), requestId });

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  // Hashes first: equal lengths for timingSafeEqual, and nothing learned from the length.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The console: a third chat adapter, in the browser, over the same chat core as Slack and Teams.
 * GET / serves the page; /console/assets/* its script, style and the official Adaptive Cards
 * renderer; /console/api/* act as the chosen person (the console is local by default, and behind
 * its token otherwise). Cards are rendered by the Teams renderer, actions parsed by the same parser.
 */
export function mountConsole(app: Express, options: ConsoleOptions): void {
  const { db, core, logger } = options;
  const now = options.now ?? (() => new Date());
  const guard = (req: Request, res: Response, next: NextFunction) => {
    if (options.token === null || sameToken(req.get('x-tally-console-token') ?? req.query.token, options.token)) return next();
    res.status(401).json({ error: 'this console needs its token: open it as /?token=…' });
  };
  const context = (as: number, key: string): ChatContext => ({ platform: 'console', platformUserId: String(as), deliveryKey: `console:${key}`, now: now() });
  const answer = (res: Response, reply: Reply) => res.json({ reply: consoleReply(reply) });
  const badRequest = (res: Response, error: z.ZodError) => res.status(400).json({ error: error.issues.map((i) => i.message).join('; ') });

  app.get('/', guard, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(`${PUBLIC}index.html`);
  });
  app.get('/console/assets/:name', guard, (req, res) => {
    const asset = ASSETS[String(req.params.name)];
    if (!asset) return void res.status(404).json({ error: 'not found' });
    res.type(asset.type).sendFile(asset.file);
  });

  const api = express.Router();
  api.use(guard, express.json({ limit: '64kb' }));
  api.get('/people', async (_req, res) => {
    const firm = await getFirm(db);
    const people = (await listUsers(db)).filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, email: u.email, roles: u.roles }));
    res.json({ firm: { name: firm?.name ?? 'No firm yet', isDemo: firm?.isDemo ?? false }, people });
  });
  api.get('/start', async (req, res) => {
    const as = person.safeParse(Number(req.query.as));
    const user = as.success ? await findUserById(db, as.data) : null;
    if (!user?.active) return void res.status(400).json({ error: 'choose a person of the firm (?as=ID)' });
    const replies = await openingReplies(db, core, user, (suffix) => context(user.id, `start:${String(user.id)}:${suffix}:${String(Date.now())}`));
    res.json({ replies: replies.map(consoleReply) });
  });
  api.post('/command', async (req, res) => {
    const body = commandBody.safeParse(req.body);
    if (!body.success) return void badRequest(res, body.error);
    const { name, text } = parseTypedCommand(body.data.text);
    answer(res, await core.command(context(body.data.as, body.data.requestId), name, text));
  });
  api.post('/action', async (req, res) => {
    const body = actionBody.safeParse(req.body);
    if (!body.success) return void badRequest(res, body.error);
    const action = parseCardAction({ action: { type: 'Action.Execute', verb: body.data.verb, data: body.data.data ?? {} } });
    if (!action) return void res.status(400).json({ error: 'that button is not one of Tally’s cards' });
    const ctx = context(body.data.as, body.data.requestId);
    if (action.kind === 'incomplete') return void answer(res, { kind: 'text', text: action.text });
    if (action.kind === 'command') return void answer(res, await core.command(ctx, action.name, action.text));
    answer(res, action.kind === 'review' ? await core.review(ctx, action.action) : await core.invoice(ctx, action.action));
  });
  const apiErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return void res.status(status).json({ error: status === 413 ? 'the request is too large' : 'the request body is not valid JSON' });
    logger.error(errorFields(error), 'console request failed');
    res.status(500).json({ error: 'internal error' });
  };
  api.use(apiErrors);
  app.use('/console/api', api);
}
