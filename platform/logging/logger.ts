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

const MAX_ERROR_MESSAGE = 300;

/** A database error's message names the statement and its parameters (a member's text): never logged. */
function isQueryError(err: Error): err is Error & { query: unknown; cause?: unknown } {
  return 'query' in err || 'params' in err || 'parameters' in err;
}

/** Quoted values in driver messages ('invalid input syntax for type integer: "…"') may be input. */
function withoutQuotedValues(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'");
}

/**
 * Errors keep their type, code and stack frames. The message is its first line only, scrubbed
 * of recognisable personal data and cut short; a database error's message (which carries the
 * query and its parameters) is replaced by its driver cause's code and sanitised message.
 */
export function serializeError(err: Error) {
  const plain = stdSerializers.err(err);
  const frames = (plain.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  let message = (plain.message ?? '').split('\n')[0] ?? '';
  let code = (err as { code?: unknown }).code;
  if (isQueryError(err)) {
    const cause = err.cause instanceof Error ? (err.cause as Error & { code?: unknown }) : undefined;
    message = `Database query failed${cause ? `: ${withoutQuotedValues(cause.message.split('\n')[0] ?? '')}` : ''}`;
    code = cause?.code ?? code;
  } else if ('severity' in err && 'routine' in err) {
    // A PostgreSQL error straight from the driver.
    message = withoutQuotedValues(message);
  }
  return { type: plain.type, message: scrubText(message).slice(0, MAX_ERROR_MESSAGE), code, stack: frames.join('\n') };
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
