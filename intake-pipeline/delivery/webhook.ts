import { createHmac } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { secureEquals } from '../../platform/secure-compare.js';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs its webhooks. */
export const SIGNATURE_HEADER = 'Musterkasse-Signature';
/** The same for every attempt of one delivery: the receiver keeps the first and ignores repeats. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Answers that a retry will not change: the receiver refuses this delivery as it is. */
const REFUSED = new Set([400, 401, 403, 404, 405, 410, 413, 415, 422]);

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signWebhook(secret: string, body: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * What a receiver does with the header: recompute the HMAC over the raw body and refuse old
 * timestamps (replays). Exported for receivers written in TypeScript and for the tests.
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1)]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return secureEquals(parts.v1, hmac(secret, timestamp, body));
}

export interface WebhookCall {
  url: string;
  secret: string;
  timeoutMs: number;
  body: string;
  idempotencyKey: string;
  attempt: number;
  now: Date;
}

/**
 * POSTs one delivery. Resolves on a 2xx; throws for anything else: an UnrecoverableError when
 * the receiver refused it (no retry, straight to the dead letter), a plain Error when trying
 * again may help (5xx, 429, timeouts, refused connections).
 */
export async function postWebhook(call: WebhookCall): Promise<void> {
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(call.secret, call.body, call.now),
        [IDEMPOTENCY_HEADER]: call.idempotencyKey,
        'Musterkasse-Attempt': String(call.attempt),
      },
      body: call.body,
      redirect: 'error',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `keine Antwort nach ${call.timeoutMs} ms` : 'nicht erreichbar';
    throw new Error(`Empfänger ${reason}`);
  }
  // The body is the receiver's business; read it only to free the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  const message = `Empfänger antwortete ${response.status}`;
  throw REFUSED.has(response.status) ? new UnrecoverableError(`${message} (abgelehnt, kein weiterer Versuch)`) : new Error(message);
}
