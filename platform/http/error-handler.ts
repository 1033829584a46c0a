import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, NotFoundError } from '../errors/index.js';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** Maps body-parser's own errors (bad JSON, too large) onto our error shape. */
function fromBodyParser(err: BodyParserError): HttpError | undefined {
  if (err.type === 'entity.parse.failed') return new HttpError(400, 'invalid_json', 'Der Inhalt ist kein gültiges JSON.');
  if (err.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'Die Anfrage ist zu groß.');
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')
    return new HttpError(415, 'unsupported_encoding', 'Diese Zeichenkodierung wird nicht unterstützt.');
  // Any other client error a library raised as such (http-errors: 4xx, exposed): still the client's.
  const status = err.status ?? err.statusCode;
  if (err.expose && typeof status === 'number' && status >= 400 && status < 500)
    return new HttpError(status, 'bad_request', 'Die Anfrage ist fehlerhaft.');
  return undefined;
}

/** The router could not decode a percent-encoded path segment (invalid UTF-8, a lone `%`). */
const INVALID_URL = new HttpError(400, 'invalid_url', 'Die Adresse enthält ungültige Zeichen.');

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/**
 * The last middleware: every error becomes `{ error: { code, message, requestId } }`.
 * Unknown errors are logged in full (scrubbed) and answered with a generic 500, never a stack.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof HttpError ? err : err instanceof URIError ? INVALID_URL : fromBodyParser(err as BodyParserError);
  const requestId = String(req.id ?? '');
  if (!known) {
    req.log?.error({ err }, 'Unhandled error');
    if (!res.headersSent)
      res.status(500).json({ error: { code: 'internal_error', message: 'Ein unerwarteter Fehler ist aufgetreten.', requestId } });
    return;
  }
  if (res.headersSent) return;
  res.set(known.headers);
  res
    .status(known.status)
    .json({ error: { code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}), requestId } });
};
