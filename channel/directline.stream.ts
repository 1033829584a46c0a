import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { HttpError } from '../core/errors/index.js';
import type { Logger } from '../core/logging/logger.js';
import type { ActivitySet } from './activity.js';
import type { ActivityFanout } from './activity-fanout.js';
import type { DirectLineService } from './directline.service.js';
import type { DirectLineTokens } from './tokens.service.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{10,64})\/stream$/;
const HEARTBEAT_MS = 30_000;

function refuse(socket: Duplex, status: number, code: string): void {
  const body = JSON.stringify({ error: { code, message: code } });
  socket.end(`HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * The Direct Line WebSocket stream. On connect it replays what the client has not seen yet
 * (after its watermark), then forwards live frames; a frame that raced the replay is dropped
 * by its watermark, so nothing arrives twice or out of order.
 */
export class DirectLineStreams {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    const conversationId = match[1]!;
    const watermark = Number(url.searchParams.get('watermark') ?? 0);
    this.authorise(conversationId, url.searchParams.get('t') ?? '')
      .then(() => {
        this.wss.handleUpgrade(req, socket, head, (ws) => void this.serve(ws, conversationId, Number.isInteger(watermark) && watermark > 0 ? watermark : 0));
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

  private async serve(ws: WebSocket, conversationId: string, fromWatermark: number): Promise<void> {
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    // Clients send empty strings as keep-alive; nothing else is expected from them.
    ws.on('message', () => this.alive.add(ws));

    let delivered = fromWatermark;
    let replaying = true;
    const held: ActivitySet[] = [];
    const send = (frame: ActivitySet) => {
      if (frame.watermark !== undefined) {
        const seq = Number(frame.watermark);
        if (seq <= delivered) return;
        delivered = seq;
      }
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };

    let unsubscribe: (() => Promise<void>) | undefined;
    ws.on('close', () => void unsubscribe?.());
    try {
      unsubscribe = await this.fanout.subscribe(conversationId, (frame) => (replaying ? held.push(frame) : send(frame)));
      if (ws.readyState !== WebSocket.OPEN) return void (await unsubscribe());
      let backlog = await this.service.activitiesAfter(conversationId, delivered);
      while (backlog.activities.length > 0) {
        send(backlog);
        backlog = await this.service.activitiesAfter(conversationId, delivered);
      }
      replaying = false;
      for (const frame of held.splice(0)) send(frame);
    } catch (err) {
      this.logger.error({ err, conversationId }, 'Stream failed');
      ws.close(1011, 'internal error');
    }
  }

  /** Closes every socket with "going away", so clients reconnect (to another node). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
