import type { GraphConfig, OpenAiConfig, SlackConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import { listMatters } from '../db/repositories/matter.repository.js';
import type { CaptureDeps } from './capture.service.js';
import { draftingCore } from './drafting-core.js';
import { createLlmNarrator } from './narrative/llm-narrator.js';
import { templateNarrator } from './narrative/narrator.js';
import { createGraphApi, graphReaders } from './sources/graph/graph-readers.js';
import { SlackDirectory } from './sources/slack/slack-directory.js';
import { SlackHistoryReader } from './sources/slack/slack-history.reader.js';
import { createSlackReadApi } from './sources/slack/slack-read-api.js';
import type { ActivityReader } from './sources/source.js';
import { databaseSyncStore } from './sync-store.js';

/** The parts of the configuration capture needs. */
export interface CaptureConfig {
  readonly graph: GraphConfig | null;
  readonly slack: SlackConfig | null;
  readonly openai: OpenAiConfig | null;
}

/** Readers for every configured source: Graph (four kinds) and Slack history for mapped channels. */
export async function configuredReaders(db: Db, config: CaptureConfig, logger: Logger, now: () => Date): Promise<ActivityReader[]> {
  const readers: ActivityReader[] = [];
  if (config.graph) readers.push(...graphReaders(createGraphApi(config.graph, { logger }), databaseSyncStore(db, now), { logger, now }));
  if (config.slack) {
    const api = createSlackReadApi({ token: config.slack.botToken, apiUrl: config.slack.apiUrl ?? undefined, logger });
    const channels = (await listMatters(db)).flatMap((m) => m.slackChannels);
    if (channels.length > 0) readers.push(new SlackHistoryReader({ api, directory: new SlackDirectory(api), channels }));
  }
  return readers;
}

/**
 * Assembles capture from the configuration: the drafting core, the configured sources, and the
 * LLM narrator when a model is configured (templates otherwise).
 */
export async function buildCapture(db: Db, config: CaptureConfig, options: { now: () => Date; logger: Logger; readers?: readonly ActivityReader[] }): Promise<CaptureDeps> {
  return {
    db,
    core: draftingCore,
    readers: options.readers ?? (await configuredReaders(db, config, options.logger, options.now)),
    narrator: config.openai ? createLlmNarrator(config.openai, { logger: options.logger }) : templateNarrator,
    logger: options.logger,
    now: options.now,
  };
}
