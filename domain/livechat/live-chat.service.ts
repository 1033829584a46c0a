import type { Clock } from '../../platform/clock.js';
import type { AgentPresence } from './agent-presence.js';
import type { LiveChatQueue, LiveChatSummary } from './livechat-queue.js';
import type { OpeningHours } from './opening-hours.js';
import type { QueueChange } from './queue-events.js';

/** The live chat for the bot: whether a person can take a chat now, the queue, leaving it. */
export class LiveChatService {
  constructor(
    private readonly queue: LiveChatQueue,
    private readonly presence: AgentPresence,
    private readonly openingHours: OpeningHours,
    private readonly clock: Clock,
    private readonly maxChatsPerAgent: number,
    /** Told when a member joins or leaves the queue, so consoles refresh at once. */
    private readonly queueChanged: (change: QueueChange) => void = () => undefined,
  ) {}

  async availability(at: Date): Promise<'closed' | 'busy' | 'open'> {
    if (!this.openingHours.isOpen(at)) return 'closed';
    return (await this.agentsWithRoom(at)) > 0 ? 'open' : 'busy';
  }

  /** Available agents who can still take a chat (below their limit of parallel chats). */
  private async agentsWithRoom(at: Date): Promise<number> {
    const counts = await this.queue.activeCounts(await this.presence.available(at));
    return [...counts.values()].filter((chats) => chats < this.maxChatsPerAgent).length;
  }

  hours(): string {
    return this.openingHours.describe();
  }

  async request(conversationId: string, topic: string, summary: LiveChatSummary): Promise<{ position: number; waitMinutes: number }> {
    const session = await this.queue.request(conversationId, topic, summary);
    this.queueChanged({ reason: 'joined' });
    const now = this.clock();
    const position = Math.max(1, await this.queue.position(session.id));
    const agents = await this.agentsWithRoom(now);
    return { position, waitMinutes: await this.queue.estimateWaitMinutes(position, agents, now) };
  }

  /** The open chat and the unanswered rating question of a conversation, in one query. */
  async chatState(conversationId: string): Promise<{ open?: { status: 'waiting' | 'active' }; ratingPending?: { sessionId: string } }> {
    const { open, ratingPending } = await this.queue.currentFor(conversationId, this.clock());
    return {
      ...(open && (open.status === 'waiting' || open.status === 'active') ? { open: { status: open.status } } : {}),
      ...(ratingPending ? { ratingPending: { sessionId: ratingPending.id } } : {}),
    };
  }

  async leaveQueue(conversationId: string): Promise<boolean> {
    const left = await this.queue.cancel(conversationId);
    if (left) this.queueChanged({ reason: 'left', movedUpAfter: left.requestedAt });
    return !!left;
  }

  /** The member's chat window has shown the agent's messages (read state for the console). */
  async markRead(conversationId: string): Promise<void> {
    await this.queue.markMemberRead(conversationId, this.clock());
  }

  /** Stores the member's rating, or that they answered something else (then they are not asked again). */
  rate(sessionId: string, rating: number | undefined): Promise<void> {
    return this.queue.rate(sessionId, rating);
  }

  /** Tells each member who asked after `after` and still waits their place and expected wait. */
  async announcePlaces(
    after: Date,
    tell: (conversationId: string, position: number, waitMinutes: number) => Promise<unknown>,
  ): Promise<void> {
    const now = this.clock();
    const agents = await this.agentsWithRoom(now);
    const waiting = await this.queue.waiting();
    for (const [index, session] of waiting.entries()) {
      if (session.requestedAt <= after) continue;
      await tell(session.conversationId, index + 1, await this.queue.estimateWaitMinutes(index + 1, agents, now));
    }
  }
}
