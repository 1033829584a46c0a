import type { Clock } from '../clock.js';
import type { AgentPresence } from './agent-presence.js';
import type { LiveChatQueue, LiveChatSummary } from './livechat-queue.js';
import type { OpeningHours } from './opening-hours.js';

/** The live chat for the bot: whether a person can take a chat now, the queue, leaving it. */
export class LiveChatService {
  constructor(
    private readonly queue: LiveChatQueue,
    private readonly presence: AgentPresence,
    private readonly openingHours: OpeningHours,
    private readonly clock: Clock,
    /** Told when a member joins or leaves the queue, so consoles refresh at once. */
    private readonly queueChanged: () => void = () => undefined,
  ) {}

  async availability(at: Date): Promise<'closed' | 'busy' | 'open'> {
    if (!this.openingHours.isOpen(at)) return 'closed';
    return (await this.presence.available(at)).length > 0 ? 'open' : 'busy';
  }

  hours(): string {
    return this.openingHours.describe();
  }

  async request(conversationId: string, topic: string, summary: LiveChatSummary): Promise<{ position: number; waitMinutes: number }> {
    const session = await this.queue.request(conversationId, topic, summary);
    this.queueChanged();
    const now = this.clock();
    const position = Math.max(1, await this.queue.position(session.id));
    const agents = (await this.presence.available(now)).length;
    return { position, waitMinutes: await this.queue.estimateWaitMinutes(position, agents, now) };
  }

  openChat(conversationId: string) {
    return this.queue.openFor(conversationId);
  }

  async leaveQueue(conversationId: string): Promise<boolean> {
    const left = await this.queue.cancel(conversationId);
    if (left) this.queueChanged();
    return left;
  }
}
