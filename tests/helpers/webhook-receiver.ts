import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingMessage['headers'];
  body: string;
  at: Date;
}

/**
 * A core system's webhook endpoint on this machine, as a real HTTP server. `answer` decides the
 * status of each call (default 200); it keeps what it accepted by idempotency key, as a careful
 * receiver does, so a repeated delivery is taken once.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  /** Accepted deliveries by idempotency key: the first body of each. */
  readonly accepted = new Map<string, string>();
  answer: (call: ReceivedCall, index: number) => number | Promise<number> = () => 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const call = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: new Date() };
        this.calls.push(call);
        void Promise.resolve(this.answer(call, this.calls.length - 1)).then((status) => {
          const key = String(req.headers['idempotency-key'] ?? '');
          if (status >= 200 && status < 300 && !this.accepted.has(key)) this.accepted.set(key, call.body);
          res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
