import http from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string | undefined>;
  body?: Buffer;
  /** Sends only this many body bytes, then resets the connection (a client that went away). */
  abortAfter?: number;
}

export type RawOutcome = { status: number; body: Buffer } | { status: undefined; error: string };

/**
 * One request with full control over headers and bytes (fetch refuses many of the things an
 * attacker sends). The body length is declared honestly unless the request is aborted.
 */
export function rawRequest(port: number, request: RawRequest): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>;
    if (request.body) headers['content-length'] = String(request.body.length);
    let req: http.ClientRequest;
    try {
      req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent: false });
    } catch (err) {
      return resolve({ status: undefined, error: `not sent: ${(err as Error).message}` });
    }
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', (err) => resolve({ status: res.statusCode ?? 0, body: Buffer.from(err.message) }));
    });
    req.on('error', (err) => resolve({ status: undefined, error: err.message }));
    if (request.abortAfter !== undefined && request.body) {
      req.write(request.body.subarray(0, request.abortAfter), () => setTimeout(() => req.destroy(), 20));
    } else {
      req.end(request.body);
    }
  });
}
