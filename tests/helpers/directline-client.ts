import WebSocket from 'ws';
import type { Activity, ActivitySet } from '../../domain/chat/activity.js';
import { suiteLogScan } from './log-scan.js';
import { TEST_DIRECTLINE_SECRET } from './server.js';

/** A minimal Direct Line client over plain fetch, for protocol tests. */
export class DirectLineTestClient {
  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, auth: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}/v3/directline${path}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** A conversation started the way Web Chat does it: generate a token, then start with it. */
  async startConversation(): Promise<{ conversationId: string; token: string; streamUrl: string }> {
    const generated = await this.call('POST', '/tokens/generate', TEST_DIRECTLINE_SECRET);
    const started = await this.call('POST', '/conversations', generated.body.token);
    if (started.status !== 201) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
    return started.body;
  }

  async send(conversationId: string, token: string, activity: Partial<Activity>) {
    suiteLogScan.rememberSent(activity.text);
    return this.call('POST', `/conversations/${conversationId}/activities`, token, { from: { id: 'member' }, ...activity });
  }

  async activities(conversationId: string, token: string, watermark = ''): Promise<ActivitySet> {
    const res = await this.call('GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, token);
    if (res.status !== 200) throw new Error(`activities: ${res.status}`);
    return res.body;
  }

  /** Polls until an activity matches, as a client without a socket would. */
  async waitFor(conversationId: string, token: string, match: (a: Activity) => boolean, timeoutMs = 5000): Promise<Activity> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = (await this.activities(conversationId, token)).activities.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('activity did not arrive');
  }
}

/** A WebSocket stream that collects every activity it receives. */
export class StreamRecorder {
  readonly activities: Activity[] = [];
  readonly frames: ActivitySet[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      const frame = JSON.parse(text) as ActivitySet;
      this.frames.push(frame);
      this.activities.push(...frame.activities);
    });
  }

  async waitFor(match: (a: Activity) => boolean, timeoutMs = 5000): Promise<Activity> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.activities.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching activity; got ${this.activities.map((a) => a.type + ':' + (a.text ?? '')).join(' | ')}`);
  }

  close(): void {
    this.socket.close();
  }
}
