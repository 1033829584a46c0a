/**
 * The live chat's socket.io events, typed once for the server and the console (socket.io's
 * typed event maps). Every command answers through an acknowledgement.
 */

export interface WaitingChat {
  sessionId: string;
  topic: string;
  requestedAt: string;
  recentMessages: string[];
  trackingIds: string[];
}

export interface ChatLine {
  sessionId: string;
  id: string;
  from: 'member' | 'agent' | 'bot';
  text: string;
  timestamp: string;
}

export type Ack<T = object> = (result: ({ ok: true } & T) | { ok: false; error: string; message: string }) => void;

export interface ServerToClientEvents {
  /** The queue changed (someone joined, left or was taken): fetch it again. */
  'queue:changed': () => void;
  /** A message in one of the agent's chats. */
  'chat:line': (line: ChatLine) => void;
  /** The member is typing in one of the agent's chats. */
  'chat:typing': (sessionId: string) => void;
}

export interface ClientToServerEvents {
  'agent:status': (status: 'available' | 'busy' | 'away', ack: Ack) => void;
  'queue:list': (ack: Ack<{ chats: WaitingChat[] }>) => void;
  'queue:accept': (sessionId: string, ack: Ack<{ conversationId: string }>) => void;
  /** Everything said so far (bot and human parts): for a waiting chat as a preview, or one's own. */
  'chat:transcript': (sessionId: string, ack: Ack<{ lines: ChatLine[] }>) => void;
  'chat:send': (sessionId: string, text: string, ack: Ack<{ id: string }>) => void;
  'chat:end': (sessionId: string, ack: Ack) => void;
  /** The agent is typing: the member's chat window shows it. */
  'chat:typing': (sessionId: string, ack: Ack) => void;
}

export interface SocketData {
  userId: string;
  displayName: string;
}
