/**
 * Errors that carry their HTTP meaning. Route code throws these; the HTTP error handler turns
 * them into `{ error: { code, message } }`. Anything else becomes a 500 without details.
 * Messages are German because staff and members read them; codes are stable for clients.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class ValidationError extends HttpError {
  constructor(
    readonly problems: FieldProblem[],
    message = 'Die Eingabe ist ungültig.',
  ) {
    super(400, 'invalid_request', message, { problems });
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(code = 'unauthenticated', message = 'Bitte melden Sie sich an.') {
    super(401, code, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(code = 'forbidden', message = 'Dafür fehlt Ihnen die Berechtigung.') {
    super(403, code, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Nicht gefunden.') {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends HttpError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message, { retryAfterSeconds }, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

/** A service this request needs (the virus scanner, say) is down: 503, the client may retry later. */
export class DependencyUnavailableError extends HttpError {
  constructor(
    readonly dependency: string,
    message: string,
  ) {
    super(503, 'dependency_unavailable', message, { dependency }, { 'Retry-After': '30' });
  }
}
