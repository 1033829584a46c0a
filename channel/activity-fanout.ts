import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logging/logger.js';
import type { ActivitySet } from '../domain/chat/activity.js';

export type FrameListener = (frame: ActivitySet) => void;

/**
 * Delivers activity sets to every WebSocket of a conversation, whichever web node holds it:
 * each node publishes to a Redis channel per conversation and subscribes only to the
 * conversations whose sockets it holds.
 */
export class ActivityFanout {
  private readonly listeners = new Map<string, Set<FrameListener>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  private channelOf(conversationId: string): string {
    return `${this.prefix}:directline:conversation:${conversationId}`;
  }

  async publish(conversationId: string, frame: ActivitySet): Promise<void> {
    await this.publisher.publish(this.channelOf(conversationId), JSON.stringify(frame));
  }

  /** Resolves once Redis confirms the subscription; the returned function ends it. */
  async subscribe(conversationId: string, listener: FrameListener): Promise<() => Promise<void>> {
    const channel = this.channelOf(conversationId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    if (set.size === 1) await this.subscriber.subscribe(channel);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener)) return;
      if (current.size === 0) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  get subscribedConversations(): number {
    return this.listeners.size;
  }

  private dispatch(channel: string, message: string): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    let frame: ActivitySet;
    try {
      frame = JSON.parse(message) as ActivitySet;
    } catch (err) {
      this.logger.error({ err }, 'Unreadable activity frame from Redis');
      return;
    }
    for (const listener of set) listener(frame);
  }
}
