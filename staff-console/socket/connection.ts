import type { Redis } from 'ioredis';
import type { Server, Socket } from 'socket.io';
import type { SessionsRepository } from '../../domain/staff/sessions.repository.js';
import type { Clock } from '../../platform/clock.js';
import type { AgentPresence } from '../../domain/livechat/agent-presence.js';
import type { ChatDetails } from '../../domain/livechat/chat-details.js';
import type { LiveChatNotesRepository } from '../../domain/livechat/livechat-notes.repository.js';
import type { LiveChatQueue, LiveChatSession } from '../../domain/livechat/livechat-queue.js';
import type { DomainEventBus } from '../../domain/events.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { Activity } from '../../domain/chat/activity.js';
import type { ClientToServerEvents, OpenChat, ServerToClientEvents, SocketData } from './events.js';

/** A message into the member's chat window, with buttons to tap if any. */
export interface MemberMessage {
  text: string;
  suggestedActions?: string[];
}

export type LiveChatServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function openChatOf(session: LiveChatSession): OpenChat {
  return {
    sessionId: session.id,
    topic: session.topic,
    requestedAt: session.requestedAt.toISOString(),
    acceptedAt: (session.acceptedAt ?? session.requestedAt).toISOString(),
  };
}

/** Each agent's sockets (several tabs, several nodes) share a room, so a transfer reaches all of them. */
export const agentRoom = (userId: string) => `agent:${userId}`;

export type { Activity };

export interface LiveChatSocketDeps {
  sessions: SessionsRepository;
  cookieName: string;
  queue: LiveChatQueue;
  notes: LiveChatNotesRepository;
  presence: AgentPresence;
  /** `livechat.queueChanged`: heard from the bot's side, announced when an agent takes a chat. */
  events: Pick<DomainEventBus, 'on' | 'emit'>;
  maxChatsPerAgent: number;
  /** A staff member's display name (for transfers). */
  staffName(userId: string): Promise<string | undefined>;
  /** What the bot collected in a conversation (submissions, KVNR as given). */
  details(conversationId: string): Promise<ChatDetails>;
  /** The buttons the member gets when an agent hands the chat back to the bot (the bot's menu). */
  handBackActions: string[];
  /** Sends into the member's conversation (the channel's proactive path). */
  postToMember(conversationId: string, message: MemberMessage, as: 'agent' | 'bot', name?: string): Promise<{ id: string }>;
  /** Shows the member that the agent is typing (not stored). */
  typingToMember(conversationId: string, name: string): Promise<unknown>;
  /** The conversation's stored activities (the transcript). */
  transcript(conversationId: string): Promise<Activity[]>;
  /** Calls the listener with every activity of a conversation, on whichever node it was posted. */
  subscribe(conversationId: string, listener: (activities: Activity[]) => void): Promise<() => Promise<void>>;
  /** The adapter's connections, and the installation's key prefix (REDIS_PREFIX). */
  redis: { pub: Redis; sub: Redis; prefix: string };
  /** The origin of PUBLIC_URL: socket.io accepts browsers from it (or from the Host they reached). */
  publicOrigin: string;
  clock: Clock;
  logger: Logger;
}
