/**
 * The live chat's socket.io events, typed once for the server and the console (socket.io's
 * typed event maps). Every command answers through an acknowledgement.
 */

import type { ChatClose } from '../../domain/livechat/livechat-queue.js';

export interface WaitingChat {
  sessionId: string;
  topic: string;
  requestedAt: string;
  recentMessages: string[];
  trackingIds: string[];
}

/** A chat the agent runs: what the console needs to show it in its own tab. */
export interface OpenChat {
  sessionId: string;
  topic: string;
  requestedAt: string;
  acceptedAt: string;
}

export interface ChatLine {
  sessionId: string;
  id: string;
  from: 'member' | 'agent' | 'bot';
  text: string;
  timestamp: string;
  /** The agent's display name on agents' lines (after a transfer there can be two). */
  name?: string;
}

export interface ChatNoteView {
  id: string;
  text: string;
  author: string;
  createdAt: string;
}

/** What the bot collected, for the agent. */
export interface ChatDetailsView {
  /** The member's recent messages before the handoff. */
  recentMessages: string[];
  kvnr: string | null;
  trackingIds: string[];
  /** Requests made in this conversation, in the agent's words ("Arztrechnung · MK-…"). */
  requests: string[];
  /** The member's name: confirmed (KVNR and birth date matched the records) or as they gave it. */
  name: { text: string; confirmed: boolean } | null;
}

export interface Colleague {
  id: string;
  name: string;
  chats: number;
}

export type { ChatClose };

export type Ack<T = object> = (result: ({ ok: true } & T) | { ok: false; error: string; message: string }) => void;

export interface ServerToClientEvents {
  /** The queue changed (someone joined, left or was taken): fetch it again. */
  'queue:changed': () => void;
  /** A message in one of the agent's chats. */
  'chat:line': (line: ChatLine) => void;
  /** The member is typing in one of the agent's chats. */
  'chat:typing': (sessionId: string) => void;
  /** The member's chat window has shown the agent's messages up to this moment. */
  'chat:read': (sessionId: string, readAt: string) => void;
  /** A colleague handed this chat to the agent. */
  'chat:assigned': (chat: OpenChat) => void;
  /** The chat is no longer the agent's (ended, handed back or transferred, maybe in another tab). */
  'chat:closed': (sessionId: string) => void;
}

export interface ClientToServerEvents {
  'agent:status': (status: 'available' | 'busy' | 'away', ack: Ack) => void;
  /** Available colleagues with room for another chat: the transfer targets. */
  'agents:list': (ack: Ack<{ agents: Colleague[] }>) => void;
  'queue:list': (ack: Ack<{ chats: WaitingChat[] }>) => void;
  'queue:accept': (sessionId: string, ack: Ack<{ chat: OpenChat }>) => void;
  /** The chats this agent runs (after a reload or reconnect). */
  'chat:mine': (ack: Ack<{ chats: OpenChat[] }>) => void;
  /** Everything said so far (bot and human parts) with notes and details: for a waiting chat as a preview, or one's own. */
  'chat:transcript': (
    sessionId: string,
    ack: Ack<{ lines: ChatLine[]; notes: ChatNoteView[]; details: ChatDetailsView; memberReadAt: string | null }>,
  ) => void;
  'chat:send': (sessionId: string, text: string, ack: Ack<{ id: string }>) => void;
  /** The agent is typing: the member's chat window shows it. */
  'chat:typing': (sessionId: string, ack: Ack) => void;
  /** A private note: only agents see it. */
  'chat:note': (sessionId: string, text: string, ack: Ack<{ note: ChatNoteView }>) => void;
  'chat:transfer': (sessionId: string, agentId: string, ack: Ack) => void;
  /** Ends the chat ("ended": the member is asked for a rating) or hands the member back to the bot. */
  'chat:end': (sessionId: string, how: ChatClose, ack: Ack) => void;
}

export interface SocketData {
  userId: string;
  displayName: string;
  /** The staff session the socket was opened with (kept in memory only), checked again and again. */
  sessionToken: string;
}
