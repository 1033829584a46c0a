import type { TurnContext } from 'botbuilder';
import { CLIENT_KEY_FIELD } from '../domain/chat/activity.js';

/**
 * Who is asking, as far as attempt limits go: the channel's pseudonymous client key, or the
 * conversation where a channel sends none (tests, other channels).
 */
export function clientKeyOf(context: TurnContext): string {
  const key = (context.activity.channelData as Record<string, unknown> | undefined)?.[CLIENT_KEY_FIELD];
  return typeof key === 'string' && key.length > 0 ? `client:${key}` : `conversation:${context.activity.conversation.id}`;
}

/** Failed attempts of one kind (logins, lookups) per client, across conversations. */
export interface AttemptGuard {
  blocked(subject: string): Promise<boolean>;
  fail(subject: string): Promise<void>;
}
