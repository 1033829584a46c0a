import { z } from 'zod';
import { isReadReceipt } from '../../domain/chat/activity.js';
import type { LiveChatSession } from '../../domain/livechat/livechat-queue.js';
import { LIVECHAT_TEXTS } from '../../domain/member-texts.de.js';
import {
  agentRoom,
  openChatOf,
  type Activity,
  type AgentSocket,
  type LiveChatServer,
  type LiveChatSocketDeps,
  type MemberMessage,
} from './connection.js';
import type { ChatLine, ChatNoteView } from './events.js';
import { fail, guarded } from './guarded.js';

/** Agents' messages are sent with the id "agent". */
function authorOf(activity: Activity): ChatLine['from'] {
  if (activity.from?.role === 'user') return 'member';
  return activity.from?.id === 'agent' ? 'agent' : 'bot';
}

function lineOf(sessionId: string, activity: Activity): ChatLine {
  const from = authorOf(activity);
  return {
    sessionId,
    id: activity.id ?? '',
    from,
    text: activity.text ?? '',
    timestamp: activity.timestamp ?? new Date().toISOString(),
    ...(from === 'agent' && activity.from?.name ? { name: activity.from.name } : {}),
  };
}

const noteView = (note: { id: string; text: string; author: string; createdAt: Date }): ChatNoteView => ({
  ...note,
  createdAt: note.createdAt.toISOString(),
});

const text = z.string().trim().min(1).max(2000);
const sessionId = z.uuid();
const closeHow = z.enum(['ended', 'handed_back']);
/**
 * A member message is forwarded without asking the database again within this time after the
 * chat was confirmed as the agent's. Only a transfer or end made in the same agent's other tab
 * can fall into it; the console drops those lines on "chat:closed" anyway.
 */
const OWNERSHIP_TRUSTED_MS = 2000;
const NOT_YOURS = () => fail('not_yours', 'Dieses Gespräch führen Sie nicht (mehr).');

/**
 * The commands on a running chat, for one agent's socket: read the transcript, write, type,
 * take private notes, transfer, end or hand back. A chat's member messages reach this socket
 * while the chat is the agent's, from whichever node the member wrote to.
 */
export function registerChatCommands(io: LiveChatServer, socket: AgentSocket, deps: LiveChatSocketDeps) {
  const on = guarded(socket, deps.logger);
  const agentId = socket.data.userId;
  const subscriptions = new Map<string, () => Promise<void>>();
  /** When the chat's ownership was last confirmed; checked again on a member message after OWNERSHIP_TRUSTED_MS. */
  const confirmedAt = new Map<string, number>();

  const stopFollowing = async (id: string) => {
    const stop = subscriptions.get(id);
    subscriptions.delete(id);
    confirmedAt.delete(id);
    await stop?.();
  };

  const ownActive = async (id: unknown): Promise<LiveChatSession | undefined> => {
    const parsed = sessionId.safeParse(id);
    if (!parsed.success) return undefined;
    const session = await deps.queue.find(parsed.data);
    return session?.status === 'active' && session.acceptedBy === agentId ? session : undefined;
  };

  /** Forwards the member's side of one chat to this socket, for as long as the chat is the agent's. */
  const follow = async (session: Pick<LiveChatSession, 'id' | 'conversationId'>) => {
    if (subscriptions.has(session.id)) return;
    subscriptions.set(session.id, async () => undefined);
    const stop = await deps.subscribe(session.conversationId, (activities) => {
      void forward(session.id, activities).catch((err: unknown) => deps.logger.warn({ err }, 'Live chat: forwarding failed'));
    });
    subscriptions.set(session.id, stop);
  };

  const stillOwn = async (id: string): Promise<boolean> => {
    if (Date.now() - (confirmedAt.get(id) ?? 0) < OWNERSHIP_TRUSTED_MS) return true;
    const own = !!(await ownActive(id));
    if (own) confirmedAt.set(id, Date.now());
    return own;
  };

  const forward = async (id: string, activities: Activity[]) => {
    // A transfer or an end in another tab or on another node (this socket stops at once for its own).
    if (activities.some((a) => a.from?.role === 'user') && !(await stillOwn(id))) return stopFollowing(id);
    for (const a of activities) {
      if (a.type === 'message' && a.id) socket.emit('chat:line', lineOf(id, a));
      else if (a.type === 'typing' && a.from?.role === 'user') socket.emit('chat:typing', id);
      else if (isReadReceipt(a) && a.from?.role === 'user') socket.emit('chat:read', id, a.timestamp ?? new Date().toISOString());
    }
  };

  const say = (session: LiveChatSession, message: string | MemberMessage, as: 'agent' | 'bot' = 'agent') =>
    deps.postToMember(
      session.conversationId,
      typeof message === 'string' ? { text: message } : message,
      as,
      as === 'agent' ? socket.data.displayName : undefined,
    );

  on('chat:transcript', async (id, ack) => {
    const parsedId = sessionId.safeParse(id);
    const session = parsedId.success ? await deps.queue.find(parsedId.data) : undefined;
    const own = session?.status === 'active' && session.acceptedBy === agentId;
    if (!session || !(own || session.status === 'waiting')) return ack(fail('not_yours', 'Dieses Gespräch können Sie nicht einsehen.'));
    // Follow first, then read: a message arriving in between is in one or the other (the console merges by id).
    if (own) await follow(session);
    const [activities, notes, details] = await Promise.all([
      deps.transcript(session.conversationId),
      deps.notes.list(session.id),
      deps.details(session.conversationId),
    ]);
    ack({
      ok: true,
      lines: activities.filter((a) => a.type === 'message' && a.text).map((a) => lineOf(session.id, a)),
      notes: notes.map(noteView),
      details: {
        recentMessages: session.summary.recentMessages,
        kvnr: details.kvnr ?? session.summary.kvnr,
        trackingIds: [...new Set([...session.summary.trackingIds, ...details.trackingIds])],
        requests: details.requests,
        name: details.name,
      },
      memberReadAt: session.memberReadAt?.toISOString() ?? null,
    });
  });

  on('chat:send', async (id, value, ack) => {
    const parsedText = text.safeParse(value);
    if (!parsedText.success) return ack(fail('invalid', 'Die Nachricht ist leer oder zu lang.'));
    const session = await ownActive(id);
    if (!session) return ack(NOT_YOURS());
    const { id: activityId } = await say(session, parsedText.data);
    ack({ ok: true, id: activityId });
  });

  on('chat:typing', async (id, ack) => {
    const session = await ownActive(id);
    if (!session) return ack(NOT_YOURS());
    await deps.typingToMember(session.conversationId, socket.data.displayName);
    ack({ ok: true });
  });

  on('chat:note', async (id, value, ack) => {
    const parsedText = text.safeParse(value);
    if (!parsedText.success) return ack(fail('invalid', 'Die Notiz ist leer oder zu lang.'));
    const session = await ownActive(id);
    if (!session) return ack(NOT_YOURS());
    ack({ ok: true, note: noteView(await deps.notes.add(session.id, agentId, parsedText.data)) });
  });

  on('chat:transfer', async (id, target, ack) => {
    const targetId = sessionId.safeParse(target);
    const session = await ownActive(id);
    if (!session) return ack(NOT_YOURS());
    const available =
      targetId.success && targetId.data !== agentId && (await deps.presence.available(deps.clock())).includes(targetId.data);
    const moved = available ? await deps.queue.transfer(session.id, agentId, targetId.data, deps.maxChatsPerAgent) : undefined;
    if (!moved) return ack(fail('unavailable', 'Diese Kollegin oder dieser Kollege kann das Gespräch gerade nicht übernehmen.'));
    await stopFollowing(session.id);
    io.to(agentRoom(agentId)).emit('chat:closed', session.id);
    io.to(agentRoom(moved.acceptedBy!)).emit('chat:assigned', openChatOf(moved));
    const name = (await deps.staffName(moved.acceptedBy!)) ?? '';
    await deps.postToMember(session.conversationId, { text: LIVECHAT_TEXTS.transferred(name) }, 'agent', name);
    ack({ ok: true });
  });

  on('chat:end', async (id, how, ack) => {
    const parsedHow = closeHow.safeParse(how);
    const session = await ownActive(id);
    if (!session || !parsedHow.success) return ack(NOT_YOURS());
    if (!(await deps.queue.close(session.id, agentId, parsedHow.data))) return ack(NOT_YOURS());
    await stopFollowing(session.id);
    io.to(agentRoom(agentId)).emit('chat:closed', session.id);
    if (parsedHow.data === 'ended') {
      await say(session, LIVECHAT_TEXTS.ended, 'bot');
      await say(session, { text: LIVECHAT_TEXTS.ratingQuestion, suggestedActions: [...LIVECHAT_TEXTS.ratingChoices] }, 'bot');
    } else {
      await say(session, { text: LIVECHAT_TEXTS.handedBack(socket.data.displayName), suggestedActions: deps.handBackActions }, 'bot');
    }
    ack({ ok: true });
  });

  socket.on('disconnect', () => {
    for (const id of [...subscriptions.keys()])
      stopFollowing(id).catch((err: unknown) => deps.logger.warn({ err }, 'Live chat unsubscribe failed'));
  });

  // A reconnecting agent follows their running chats again.
  void deps.queue
    .activeFor(agentId)
    .then((sessions) => Promise.all(sessions.map(follow)))
    .catch((err: unknown) => deps.logger.error({ err }, "Live chat: could not follow the agent's chats"));

  return {
    /** The agent has just accepted this chat: follow it and greet the member by name. */
    async join(session: LiveChatSession) {
      await follow(session);
      await say(session, LIVECHAT_TEXTS.joined(socket.data.displayName));
    },
  };
}
