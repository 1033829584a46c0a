import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { HttpError } from '../platform/errors/index.js';
import type { Logger } from '../platform/logging/logger.js';
import type { ActivitySet } from '../domain/chat/activity.js';
import type { ActivityFanout } from './activity-fanout.js';
import type { DirectLineService } from './directline.service.js';
import type { DirectLineTokens } from './tokens.service.js';
import { parseWatermark } from './watermark.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{10,64})\/stream$/;
const HEARTBEAT_MS = 30_000;
/** A member has one chat window, perhaps a second tab; more streams on one conversation are someone's loop. */
export const MAX_STREAMS_PER_CONVERSATION = 4;
/** Clients send only empty keep-alive strings; anything larger is refused (the socket is closed with 1009). */
const MAX_CLIENT_FRAME_BYTES = 4 * 1024;

/** The sequence number in a stored activity's id ("<conversation>|0000042"); ephemeral ids have none. */
function sequenceOf(activityId: string): number {
  const seq = Number(activityId.slice(activityId.lastIndexOf('|') + 1));
  return Number.isInteger(seq) ? seq : Number.POSITIVE_INFINITY;
}

function refuse(socket: Duplex, status: number, code: string): void {
  const body = JSON.stringify({ error: { code, message: code } });
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The Direct Line WebSocket stream. On connect it replays what the client has not seen yet
 * (after its watermark), then forwards live frames; a frame that raced the replay is recognised
 * by its activities' ids, so nothing arrives twice and nothing is skipped.
 */
export class DirectLineStreams {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  /** This node's open streams per conversation, oldest first. */
  private readonly byConversation = new Map<string, WebSocket[]>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();

  constructor(
    private readonly service: DirectLineService,
    private readonly fanout: ActivityFanout,
    private readonly tokens: DirectLineTokens,
    private readonly logger: Logger,
  ) {
    // Protocol-level pings keep proxies from closing idle sockets and find dead peers.
    this.heartbeat = setInterval(() => {
      for (const ws of this.wss.clients) {
        if (!this.alive.has(ws)) {
          ws.terminate();
          continue;
        }
        this.alive.delete(ws);
        ws.ping();
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get openSockets(): number {
    return this.wss.clients.size;
  }

  /** Takes the upgrade if it is a Direct Line stream; returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    const match = url && STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    // The client may reset the connection while the token is checked: that must not go unheard.
    const dropOnError = () => socket.destroy();
    socket.on('error', dropOnError);
    const conversationId = match[1]!;
    const watermark = parseWatermark(url.searchParams.get('watermark') ?? undefined) ?? 0;
    this.authorise(conversationId, url.searchParams.get('t') ?? '')
      .then(() => {
        if (socket.destroyed) return;
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', dropOnError);
          void this.serve(ws, conversationId, watermark);
        });
      })
      .catch((err: unknown) => {
        if (err instanceof HttpError) refuse(socket, err.status, err.code);
        else {
          this.logger.error({ err }, 'Stream upgrade failed');
          refuse(socket, 500, 'InternalError');
        }
      });
    return true;
  }

  private async authorise(conversationId: string, token: string): Promise<void> {
    const grant = await this.tokens.verify(token);
    if (grant.conversationId !== conversationId) throw new HttpError(403, 'Forbidden', 'Token is for another conversation');
    await this.service.requireConversation(conversationId);
  }

  /** Keeps at most MAX_STREAMS_PER_CONVERSATION streams per conversation: the oldest makes way. */
  private track(ws: WebSocket, conversationId: string): void {
    const open = this.byConversation.get(conversationId) ?? [];
    open.push(ws);
    this.byConversation.set(conversationId, open);
    while (open.length > MAX_STREAMS_PER_CONVERSATION) open.shift()!.close(1008, 'too many streams for this conversation');
    ws.once('close', () => {
      const remaining = (this.byConversation.get(conversationId) ?? []).filter((other) => other !== ws);
      if (remaining.length > 0) this.byConversation.set(conversationId, remaining);
      else this.byConversation.delete(conversationId);
    });
  }

  private async serve(ws: WebSocket, conversationId: string, fromWatermark: number): Promise<void> {
    // A client's protocol error (an oversized or malformed frame) ends its socket, never the process.
    ws.on('error', (err) => {
      this.logger.debug({ err: { message: err.message }, conversationId }, 'Stream closed after a client protocol error');
      ws.terminate();
    });
    this.track(ws, conversationId);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    // Clients send empty strings as keep-alive; nothing else is expected from them.
    ws.on('message', () => this.alive.add(ws));

    // Stored activities are numbered in commit order, but two of them committed at the same moment
    // (an agent's message and the member's) can be published in either order. So a frame is sent
    // unless this socket already sent its activities (by id) or the client had them (at or below
    // its watermark on connect), and the watermark sent never goes back.
    let highest = fromWatermark;
    const sent = new Set<string>();
    let replaying = true;
    const held: ActivitySet[] = [];
    const send = (frame: ActivitySet) => {
      if (frame.watermark !== undefined) {
        const fresh = frame.activities.filter((a) => !a.id || (!sent.has(a.id) && sequenceOf(a.id) > fromWatermark));
        if (fresh.length === 0) return;
        for (const a of fresh) if (a.id) sent.add(a.id);
        highest = Math.max(highest, Number(frame.watermark));
        frame = { activities: fresh, watermark: String(highest) };
      }
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };

    let unsubscribe: (() => Promise<void>) | undefined;
    ws.on('close', () => void unsubscribe?.());
    try {
      unsubscribe = await this.fanout.subscribe(conversationId, (frame) => (replaying ? held.push(frame) : send(frame)));
      if (ws.readyState !== WebSocket.OPEN) return void (await unsubscribe());
      let backlog = await this.service.activitiesAfter(conversationId, highest);
      while (backlog.activities.length > 0) {
        send(backlog);
        highest = Math.max(highest, Number(backlog.watermark));
        backlog = await this.service.activitiesAfter(conversationId, highest);
      }
      replaying = false;
      for (const frame of held.splice(0)) send(frame);
    } catch (err) {
      this.logger.error({ err, conversationId }, 'Stream failed');
      ws.close(1011, 'internal error');
    }
  }

  /**
   * Closes every socket with "going away", so clients reconnect (to another node). A client that
   * does not answer the closing handshake within `graceMs` is cut off, so a shutdown never hangs.
   */
  async close(graceMs = 2_000): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    const cutOff = setTimeout(() => {
      for (const ws of this.wss.clients) ws.terminate();
    }, graceMs);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    clearTimeout(cutOff);
  }
}
