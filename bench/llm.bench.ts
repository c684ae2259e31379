import { captureDay } from '../src/capture/capture.service.js';
import { draftingCore } from '../src/capture/drafting-core.js';
import { createOpenAiNarrationApi } from '../src/capture/narrative/narration-api.js';
import { buildNarrationPrompt } from '../src/capture/narrative/narration-prompt.js';
import { createLlmNarrator } from '../src/capture/narrative/llm-narrator.js';
import type { Narrator, NarrativeRequest } from '../src/capture/narrative/narrator.js';
import { SYSTEM_ACTOR } from '../src/core/audit.js';
import type { Logger } from '../src/core/logger.js';
import { importFirm } from '../src/firm/firm-import.service.js';
import { FakeOpenAiServer, sentEntries, type FakeChatRequest } from '../tests/support/fakes/fake-openai-server.js';
import { openBenchDatabase } from './bench-db.js';
import type { BenchResult } from './bench-result.js';
import { syntheticDay, syntheticFirm } from './synthetic-firm.js';

const LAWYERS = Number(process.env.BENCH_LLM_LAWYERS ?? 50);
const CLIENTS = 20;
const PER_LAWYER = 30;
const DATE = '2026-03-02';
const MODEL = 'gpt-4o-mini';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/** Tokens as the fake server counts them (characters ÷ 4, prompt and completion alike). */
interface Meter {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** A well-behaved model: each entry's template narrative back, lightly reworded; the meter counts both ways. */
function answering(meter: Meter) {
  return {
    kind: 'answer' as const,
    build: (request: FakeChatRequest) => {
      const entries = sentEntries(request).map((e) => ({ id: String(e.id), narrative: `${String(e.templateNarrative)}.`.replace(/\.\.$/, '.'), taskCode: null, activityCode: null }));
      meter.calls += 1;
      meter.promptTokens += request.promptTokens;
      meter.completionTokens += Math.ceil(JSON.stringify({ entries }).length / 4);
      return { entries };
    },
  };
}

/** The narrator capture uses, recording the requests of each person-day it is given. */
function recording(narrator: Narrator, seen: NarrativeRequest[]): Narrator {
  return { name: narrator.name, narrate: async (requests) => (seen.push(...requests), narrator.narrate(requests)) };
}

/**
 * Narratives for a day of LAWYERS × PER_LAWYER activities: Tally's one structured call per
 * person-day, against the naive baseline of one call per activity (each with the same system
 * prompt and that activity alone). Both go through the openai SDK to the same fake server, which
 * counts the tokens; the ratio is tokens per drafted entry, batched ÷ per activity.
 */
export async function benchLlm(options: { pglite: boolean }): Promise<BenchResult> {
  const database = await openBenchDatabase(options.pglite);
  const batched: Meter = { calls: 0, promptTokens: 0, completionTokens: 0 };
  const perActivity: Meter = { calls: 0, promptTokens: 0, completionTokens: 0 };
  const fake = await FakeOpenAiServer.start(answering(batched));
  try {
    const db = database.handle.db;
    await importFirm(db, syntheticFirm(LAWYERS, CLIENTS), { ...SYSTEM_ACTOR, label: 'bench' });
    const activities = syntheticDay(DATE, LAWYERS, CLIENTS, PER_LAWYER);
    const config = { apiKey: 'bench-key', baseUrl: fake.baseUrl, model: MODEL };
    const seen: NarrativeRequest[] = [];
    const narrator = recording(createLlmNarrator(config, { logger: silent }), seen);
    const started = performance.now();
    const summary = await captureDay({ db, core: draftingCore, readers: [], narrator, logger: silent, now: () => new Date(`${DATE}T23:00:00Z`) }, { date: DATE, activities });
    const batchedMs = performance.now() - started;

    // The baseline: one call for each activity of the day, narrated alone (its title, its people).
    fake.reply(answering(perActivity));
    const api = createOpenAiNarrationApi(config, { timeoutMs: 60_000 });
    const kindOf = new Map(seen.map((r) => [r.titles[0] ?? '', r.kind]));
    const baselineStarted = performance.now();
    for (const [i, activity] of activities.entries()) {
      const alone: NarrativeRequest = {
        id: `a${String(i)}`, kind: kindOf.get(activity.title) ?? 'meeting', titles: [activity.title], participants: activity.participants,
        clientName: null, matterName: null, templateNarrative: activity.title, maxLength: 1000, bannedPhrases: [],
      };
      const prompt = buildNarrationPrompt([alone]);
      await api.draftNarratives({ model: MODEL, system: prompt.system, user: prompt.user });
    }
    const baselineMs = performance.now() - baselineStarted;

    const entries = summary.created;
    const perEntry = (m: Meter) => (m.promptTokens + m.completionTokens) / Math.max(1, entries);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      name: 'llm',
      database: database.label,
      figures: {
        lawyers: LAWYERS, activities: activities.length, drafts: entries,
        batched_calls: batched.calls, batched_prompt_tokens: batched.promptTokens, batched_completion_tokens: batched.completionTokens, batched_tokens_per_entry: round(perEntry(batched)), batched_ms: Math.round(batchedMs),
        per_activity_calls: perActivity.calls, per_activity_prompt_tokens: perActivity.promptTokens, per_activity_completion_tokens: perActivity.completionTokens, per_activity_tokens_per_entry: round(perEntry(perActivity)), per_activity_ms: Math.round(baselineMs),
      },
      goals: [{ name: 'tokens per entry, batched ÷ one call per activity', value: perEntry(batched) / perEntry(perActivity), unit: '×', goal: 0.2, better: 'lower' }],
    };
  } finally {
    await fake.close();
    await database.close();
  }
}
