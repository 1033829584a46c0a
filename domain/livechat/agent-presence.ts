import type { Redis } from 'ioredis';

export const AGENT_STATUSES = ['available', 'busy', 'away'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** An agent whose console has not reported for this long counts as gone (closed tab, lost network). */
export const PRESENCE_TTL_MS = 60_000;

/**
 * Which agents are in the console and ready for chats, in Redis so every web node sees the
 * same: the console reports its agent's status and keeps reporting while it is open.
 */
export class AgentPresence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get seenKey() {
    return `${this.prefix}:livechat:agents:seen`;
  }

  private get statusKey() {
    return `${this.prefix}:livechat:agents:status`;
  }

  async report(agentId: string, status: AgentStatus, at: Date): Promise<void> {
    await this.redis.multi().zadd(this.seenKey, at.getTime(), agentId).hset(this.statusKey, agentId, status).exec();
  }

  async leave(agentId: string): Promise<void> {
    await this.redis.multi().zrem(this.seenKey, agentId).hdel(this.statusKey, agentId).exec();
  }

  /** Agents seen recently whose status is "available". */
  async available(at: Date): Promise<string[]> {
    const present = await this.redis.zrangebyscore(this.seenKey, at.getTime() - PRESENCE_TTL_MS, '+inf');
    if (present.length === 0) return [];
    const statuses = await this.redis.hmget(this.statusKey, ...present);
    return present.filter((_, i) => statuses[i] === 'available');
  }
}
