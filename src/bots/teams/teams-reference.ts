import type { CloudAdapter, TurnContext } from '@microsoft/agents-hosting';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { findConversationReference, saveConversationReference } from '../../db/repositories/conversation.repository.js';

/** The SDK's conversation reference, as continueConversation takes it. */
export type TeamsReference = Parameters<CloudAdapter['continueConversation']>[1];

const personal = z.object({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().optional(),
  conversation: z.object({ id: z.string().min(1), conversationType: z.literal('personal') }).loose(),
}).loose();

/** The reference of a turn's conversation when it is a 1:1 chat with the bot; null for group chats and channels. */
export function personalReference(context: TurnContext): TeamsReference | null {
  if (context.activity.conversation?.conversationType !== 'personal') return null;
  const { activityId: _activityId, ...reference } = context.activity.getConversationReference();
  return reference as TeamsReference;
}

/** Stores how to reach this user in their 1:1 chat (install, first message), replacing any older one. */
export async function saveTeamsReference(db: Db, userId: number, reference: TeamsReference): Promise<void> {
  await saveConversationReference(db, userId, 'teams', JSON.parse(JSON.stringify(reference)) as Record<string, unknown>);
}

/**
 * The saved reference of the user's 1:1 chat, or null. A saved reference that is not a personal
 * conversation is never used: nothing Tally sends on its own may land in a group chat or channel.
 */
export async function loadPersonalReference(db: Db, userId: number): Promise<TeamsReference | null> {
  const saved = await findConversationReference(db, userId, 'teams');
  if (saved === null || !personal.safeParse(saved).success) return null;
  return saved as unknown as TeamsReference;
}
