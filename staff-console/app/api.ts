/** The staff API as the console calls it: JSON in and out, the CSRF token on every change. */

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Fired when the server says the session is gone, so the console shows the login again. */
export const SESSION_ENDED = 'mk:session-ended';

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  // A validation error names each field's problem in German: `details.problems`.
  const problems = (body?.error?.details as { problems?: unknown } | undefined)?.problems;
  const fields = Array.isArray(problems) ? (problems as FieldProblem[]) : [];
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `Der Server antwortete mit ${response.status}.`,
    fields,
  );
}

async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, accept: string): Promise<Response> {
  let response: Response;
  // A file goes as it is, with its own type; anything else as JSON.
  const file = body instanceof Blob ? body : undefined;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: accept,
        ...(file ? { 'Content-Type': file.type } : body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(method !== 'GET' && csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new ApiError(0, 'network', 'Keine Verbindung zum Server. Bitte prüfen Sie die Netzwerkverbindung.');
  }
  if (response.status === 401 && !path.endsWith('/auth/login')) window.dispatchEvent(new Event(SESSION_ENDED));
  if (!response.ok) throw await errorOf(response);
  return response;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body, 'application/json');
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A call answered with a file (a letter as PDF): its bytes and the answer's headers. */
export async function apiFile(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const response = await send(method, path, body, 'application/pdf, application/json');
  return { blob: await response.blob(), headers: response.headers };
}

/** What to show for a failed call: the server's German explanation (field by field), else the fallback. */
export function describeError(err: unknown, fallback: string): string {
  if (!(err instanceof ApiError)) return fallback;
  return err.fields.map((f) => f.message).join(' ') || err.message;
}
