import { randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { NotFoundError } from '../platform/errors/index.js';
import type { Logger } from '../platform/logging/logger.js';
import {
  BOT_ACCOUNT,
  CHANNEL_ID,
  CLIENT_KEY_FIELD,
  isReadReceipt,
  type Activity,
  type ActivitySet,
  type ChannelAccount,
} from '../domain/chat/activity.js';
import type { ActivityFanout } from './activity-fanout.js';
import type { BotClient } from './bot-client.js';
import type { ConversationsRepository, Sender } from './conversations.repository.js';

export interface DirectLineDependencies {
  conversations: ConversationsRepository;
  fanout: ActivityFanout;
  bot: BotClient;
  /** The channel's base URL for the bot's replies. */
  serviceUrl: string;
  logger: Logger;
  clock: Clock;
}

function ephemeralId(conversationId: string): string {
  return `${conversationId}|e-${randomBytes(6).toString('hex')}`;
}

/**
 * The channel's core: every activity is stored before anyone is told about it, then fanned
 * out to the member's sockets and handed to the bot. Typing indicators are never stored.
 */
export class DirectLineService {
  constructor(private readonly deps: DirectLineDependencies) {}

  /** Creates the conversation on first use and tells the bot that the member joined. */
  async startConversation(conversationId: string, userId: string): Promise<{ created: boolean }> {
    const { created } = await this.deps.conversations.ensure(conversationId, userId);
    if (created) {
      const update: Activity = {
        type: 'conversationUpdate',
        id: ephemeralId(conversationId),
        timestamp: this.deps.clock().toISOString(),
        membersAdded: [BOT_ACCOUNT, { id: userId, role: 'user' }],
        ...this.envelope(conversationId, BOT_ACCOUNT, { id: userId, role: 'user' }),
      };
      // The welcome is not worth failing the conversation for; the member can still write.
      await this.toBot(update).catch((err: unknown) =>
        this.deps.logger.warn({ err, conversationId }, 'Bot did not take the conversation start'),
      );
    }
    return { created };
  }

  async requireConversation(conversationId: string) {
    const conversation = await this.deps.conversations.find(conversationId);
    if (!conversation) throw new NotFoundError('Conversation not found');
    return conversation;
  }

  /**
   * A member's activity: stored, echoed to their sockets, then handed to the bot. Typing and read
   * receipts are signals, not content: published and handed on, never stored.
   */
  async postFromUser(conversationId: string, user: ChannelAccount, input: Activity, clientKey?: string): Promise<{ id: string }> {
    const from = { ...user, role: 'user' };
    // The bot alone learns the client key, and only from us.
    const forBot = (activity: Activity): Activity =>
      clientKey ? { ...activity, channelData: { ...activity.channelData, [CLIENT_KEY_FIELD]: clientKey } } : activity;
    if (input.channelData && CLIENT_KEY_FIELD in input.channelData) {
      const { [CLIENT_KEY_FIELD]: _ignored, ...channelData } = input.channelData;
      input = { ...input, channelData };
    }
    if (input.type === 'typing' || isReadReceipt(input)) {
      const typing = await this.publishEphemeral(conversationId, input, from, BOT_ACCOUNT);
      this.toBot(forBot(typing)).catch(() => undefined);
      return { id: typing.id };
    }
    const { activity: stored, masked } = await this.store(conversationId, 'user', input, from, BOT_ACCOUNT);
    // A masked secret is stored and echoed masked; only the bot gets what the member typed.
    await this.toBot(forBot(masked ? { ...stored, text: input.text } : stored));
    return { id: stored.id! };
  }

  /** Typing and read receipts: sent to the open streams, never stored. */
  private async publishEphemeral(conversationId: string, input: Activity, from: ChannelAccount, recipient: ChannelAccount) {
    const activity = {
      ...input,
      ...this.envelope(conversationId, from, recipient),
      id: ephemeralId(conversationId),
      timestamp: this.deps.clock().toISOString(),
    };
    await this.publish(conversationId, { activities: [activity] });
    return activity;
  }

  /** An activity from the bot (or, with handoff, an agent) to the member. */
  async postToMember(conversationId: string, input: Activity, sender: Exclude<Sender, 'user'> = 'bot'): Promise<{ id: string }> {
    const from = sender === 'bot' ? BOT_ACCOUNT : { ...(input.from ?? { id: 'agent' }), role: 'bot' };
    if (input.type === 'typing') {
      const conversation = await this.requireConversation(conversationId);
      const recipient = { id: conversation.userId, role: 'user' };
      const typing = await this.publishEphemeral(conversationId, input, from, recipient);
      return { id: typing.id };
    }
    // The member as recipient is stamped by the store (it knows the conversation's user).
    const { activity: stored } = await this.store(conversationId, sender, input, from, { id: '', role: 'user' });
    return { id: stored.id! };
  }

  async activitiesAfter(conversationId: string, watermark: number): Promise<ActivitySet> {
    const rows = await this.deps.conversations.listAfter(conversationId, watermark);
    const last = rows.at(-1)?.seq ?? watermark;
    return { activities: rows.map((r) => r.activity), watermark: String(last) };
  }

  async replaceActivity(conversationId: string, id: string, input: Activity): Promise<{ id: string }> {
    const existing = await this.deps.conversations.findActivity(id);
    if (!existing || existing.conversationId !== conversationId) throw new NotFoundError('Activity not found');
    const updated: Activity = {
      ...existing.activity,
      ...input,
      id,
      conversation: { id: conversationId },
      from: existing.activity.from,
      timestamp: existing.activity.timestamp,
    };
    delete updated.serviceUrl;
    await this.deps.conversations.replaceActivity(id, updated);
    await this.publish(conversationId, { activities: [updated] });
    return { id };
  }

  async deleteActivity(conversationId: string, id: string): Promise<void> {
    const existing = await this.deps.conversations.findActivity(id);
    if (!existing || existing.conversationId !== conversationId) throw new NotFoundError('Activity not found');
    await this.deps.conversations.deleteActivity(id);
  }

  private envelope(conversationId: string, from: ChannelAccount, recipient: ChannelAccount) {
    return { channelId: CHANNEL_ID, conversation: { id: conversationId }, from, recipient };
  }

  private async store(
    conversationId: string,
    sender: Sender,
    input: Activity,
    from: ChannelAccount,
    recipient: ChannelAccount,
  ): Promise<{ activity: Activity; masked: boolean }> {
    const draft: Activity = { ...input, ...this.envelope(conversationId, from, recipient), timestamp: this.deps.clock().toISOString() };
    delete draft.serviceUrl;
    delete draft.id;
    const stored = await this.deps.conversations.append(conversationId, sender, draft);
    if (!stored) throw new NotFoundError('Conversation not found');
    await this.publish(conversationId, { activities: [stored.activity], watermark: String(stored.seq) });
    return stored;
  }

  /** Live delivery is best effort: a member who misses it gets the activity on the next poll or reconnect. */
  private async publish(conversationId: string, frame: ActivitySet): Promise<void> {
    await this.deps.fanout
      .publish(conversationId, frame)
      .catch((err: unknown) => this.deps.logger.warn({ err, conversationId }, 'Live delivery failed; activity stays stored'));
  }

  private toBot(activity: Activity): Promise<void> {
    return this.deps.bot.deliver({ ...activity, serviceUrl: this.deps.serviceUrl });
  }
}
