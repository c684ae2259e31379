import OpenAI from 'openai';
// The finish-reason errors are exported only from the SDK's error module, so all come from there.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { OpenAiConfig } from '../../config.js';
import type { AnsweredEntry } from './narrative-validation.js';
import { retryAfterMs } from './retry-policy.js';

/**
 * The one language-model call Tally makes, behind an interface of our own: a structured-output
 * chat completion that answers `{ entries: [{ id, narrative, taskCode, activityCode }] }`.
 * {@link createOpenAiNarrationApi} implements it with the openai SDK (any OpenAI-compatible
 * endpoint); tests point that at a local fake server.
 */
export interface NarrationApi {
  draftNarratives(call: NarrationCall): Promise<NarrationOutcome>;
}

export interface NarrationCall {
  readonly model: string;
  readonly system: string;
  readonly user: string;
}

/** Why a call gave no usable answer, in terms the narrator acts on (never the SDK's classes). */
export type NarrationFailure =
  /** The model declined (a `refusal` message). */
  | { readonly kind: 'refusal' }
  /** finish_reason "length": the answer was cut off, so there is no object. */
  | { readonly kind: 'truncated' }
  /** finish_reason "content_filter". */
  | { readonly kind: 'content_filter' }
  /** Not JSON, or JSON that does not match the schema, or no choice at all. */
  | { readonly kind: 'invalid_output' }
  /** No answer within the timeout. */
  | { readonly kind: 'timeout' }
  /** No connection (refused, reset, DNS). */
  | { readonly kind: 'unreachable' }
  /** An HTTP error answer; retryAfterMs from `retry-after-ms` / `Retry-After`. */
  | { readonly kind: 'http'; readonly status: number; readonly retryAfterMs: number | null }
  /** Anything else (a bug, an unexpected SDK error): `name` is the error's class, for logs. */
  | { readonly kind: 'error'; readonly name: string };

export type NarrationOutcome =
  | { readonly ok: true; readonly entries: readonly AnsweredEntry[] }
  | { readonly ok: false; readonly failure: NarrationFailure };

/**
 * The response schema. Strict structured outputs require every field: the codes are nullable, not
 * optional. Extra fields in an answer are stripped by zod (never read).
 */
export const NARRATIVE_ANSWER_SCHEMA = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      narrative: z.string(),
      taskCode: z.string().nullable(),
      activityCode: z.string().nullable(),
    }),
  ),
});

/** Low temperature: the model rewrites given facts, it should not be creative. */
export const NARRATION_TEMPERATURE = 0.2;

export interface OpenAiNarrationOptions {
  /** Per-request timeout (milliseconds). */
  readonly timeoutMs: number;
}

/** Some OpenAI-compatible servers (local ones) take no key; the SDK insists on one. */
const NO_KEY = 'no-key';

/** Classifies what the SDK threw. */
export function narrationFailureOf(error: unknown, now: number = Date.now()): NarrationFailure {
  if (error instanceof LengthFinishReasonError) return { kind: 'truncated' };
  if (error instanceof ContentFilterFinishReasonError) return { kind: 'content_filter' };
  if (error instanceof SyntaxError || error instanceof z.ZodError) return { kind: 'invalid_output' };
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'unreachable' };
  if (error instanceof APIError && typeof error.status === 'number') {
    return { kind: 'http', status: error.status, retryAfterMs: retryAfterMs(error.headers ?? null, now) };
  }
  return { kind: 'error', name: error instanceof Error ? error.constructor.name : typeof error };
}

/**
 * A {@link NarrationApi} over the openai SDK: `chat.completions.parse` with `zodResponseFormat`,
 * `store: false`, a low temperature. The SDK's own retries are off (`maxRetries: 0`) because its
 * v6 honours any Retry-After without a cap; the narrator retries with a capped policy instead.
 * The SDK's own logging is off (at debug level it would print request bodies, which are privileged),
 * and nothing is read from OPENAI_* variables behind the config's back (organization, project).
 */
export function createOpenAiNarrationApi(config: OpenAiConfig, options: OpenAiNarrationOptions): NarrationApi {
  const client = new OpenAI({
    apiKey: config.apiKey ?? NO_KEY,
    baseURL: config.baseUrl ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: options.timeoutMs,
    logLevel: 'off',
  });
  const responseFormat = zodResponseFormat(NARRATIVE_ANSWER_SCHEMA, 'time_entry_narratives');

  return {
    async draftNarratives(call) {
      try {
        const completion = await client.chat.completions.parse({
          model: call.model,
          messages: [
            { role: 'system', content: call.system },
            { role: 'user', content: call.user },
          ],
          response_format: responseFormat,
          store: false,
          temperature: NARRATION_TEMPERATURE,
        });
        const message = completion.choices[0]?.message;
        if (!message) return { ok: false, failure: { kind: 'invalid_output' } };
        if (message.refusal) return { ok: false, failure: { kind: 'refusal' } };
        if (!message.parsed) return { ok: false, failure: { kind: 'invalid_output' } };
        return { ok: true, entries: message.parsed.entries };
      } catch (error) {
        return { ok: false, failure: narrationFailureOf(error) };
      }
    },
  };
}
