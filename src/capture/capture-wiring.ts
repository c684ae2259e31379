import type { GraphConfig, OpenAiConfig, SlackConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import type { CaptureDeps } from './capture.service.js';
import { draftingCore } from './drafting-core.js';
import { createLlmNarrator } from './narrative/llm-narrator.js';
import { templateNarrator } from './narrative/narrator.js';
import type { ActivityReader } from './sources/source.js';

/** The parts of the configuration capture needs. */
export interface CaptureConfig {
  readonly graph: GraphConfig | null;
  readonly slack: SlackConfig | null;
  readonly openai: OpenAiConfig | null;
}

/**
 * Assembles capture from the configuration: the drafting core, the sources that are configured,
 * and the LLM narrator when a model is configured (templates otherwise).
 */
export function buildCapture(db: Db, config: CaptureConfig, options: { now: () => Date; logger: Logger; readers?: readonly ActivityReader[] }): CaptureDeps {
  return {
    db,
    core: draftingCore,
    readers: options.readers ?? [],
    narrator: config.openai ? createLlmNarrator(config.openai, { logger: options.logger }) : templateNarrator,
    logger: options.logger,
    now: options.now,
  };
}
