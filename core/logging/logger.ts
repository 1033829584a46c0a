import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { redactValue, scrubText } from './redact.js';

export type { Logger } from 'pino';

interface SerializableRequest {
  id?: unknown;
  method?: string;
  url?: string;
  originalUrl?: string;
}

/** Logs the path only: query strings may carry personal data and are dropped. */
export function serializeRequest(req: SerializableRequest) {
  const url = req.originalUrl ?? req.url ?? '';
  return { id: req.id, method: req.method, path: scrubText(url.split('?')[0] ?? '') };
}

/**
 * Errors keep their type, code and stack frames; the message is scrubbed of recognisable
 * personal data, and the stack's copy of the message is dropped.
 */
export function serializeError(err: Error) {
  const plain = stdSerializers.err(err);
  const frames = (plain.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { type: plain.type, message: scrubText(plain.message ?? ''), code: (err as { code?: unknown }).code, stack: frames.join('\n') };
}

export function serializeResponse(res: { statusCode?: number }) {
  return { statusCode: res.statusCode };
}

/** Shared with pino-http, whose own serializers would log headers and query strings. */
export const logSerializers = { req: serializeRequest, res: serializeResponse, err: serializeError };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'musterkasse' },
      serializers: logSerializers,
      formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
      hooks: {
        // Scrub the message strings too, including printf-style arguments.
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
