import type { RequestHandler } from 'express';

/** Slack's window for a request timestamp, both ways: platforms.md. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 300;

/**
 * Refuses a Slack request whose `X-Slack-Request-Timestamp` lies more than 300 s in the future,
 * with 401 and an empty body, before anything reads it. Bolt 5 rejects only old timestamps (and
 * missing or non-numeric ones, and bad signatures), so this runs in front of its receiver; a
 * signed request from the future is a replay waiting to happen once the clock catches up.
 */
export function rejectFutureSlackTimestamps(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    const value = Array.isArray(header) ? header[0] : header;
    const ts = value === undefined ? Number.NaN : Number(value);
    if (Number.isFinite(ts) && ts > Math.floor(now() / 1000) + SLACK_TIMESTAMP_TOLERANCE_SECONDS) {
      res.status(401).end();
      return;
    }
    next();
  };
}
