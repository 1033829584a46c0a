import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
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

/** Failed tries of one kind, counted in this conversation and for the client across conversations. */
export class FailedTries {
  constructor(
    private readonly inConversation: StatePropertyAccessor<number>,
    private readonly max: number,
    private readonly guard: AttemptGuard,
  ) {}

  /** Whether the member has used up their tries, here or from this client elsewhere. */
  async usedUp(context: TurnContext): Promise<boolean> {
    return (await this.inConversation.get(context, 0)) >= this.max || (await this.guard.blocked(clientKeyOf(context)));
  }

  async record(context: TurnContext): Promise<void> {
    await this.inConversation.set(context, (await this.inConversation.get(context, 0)) + 1);
    await this.guard.fail(clientKeyOf(context));
  }
}
