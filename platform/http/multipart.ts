import busboy, { type FileInfo } from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import type { HttpError } from '../errors/index.js';

/**
 * A client's file name as we may store and show it: no folders, no control characters (a NUL
 * cannot be stored), no characters file systems refuse, well-formed Unicode, at most 120 characters.
 */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? 'datei').split(/[\\/]/).pop() ?? 'datei';
  // Iterating by code point leaves a lone surrogate as one character of its own.
  const unusable = (c: string) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 || /^[\uD800-\uDFFF]$/.test(c) || '<>:"|?*'.includes(c);
  const cleaned = [...base]
    .map((c) => (unusable(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 120);
  return cleaned || 'datei';
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Plain (non-file) fields. */
  maxFields: number;
  maxFieldBytes: number;
}

/** The answers a caller gives its clients, in the caller's own error vocabulary. */
export interface MultipartErrors {
  malformed(): HttpError;
  fileTooLarge(fileName: string): HttpError;
  tooManyParts(): HttpError;
}

export interface MultipartHandlers {
  /** Consumes one file part; may be asynchronous (it is awaited before the reader resolves). */
  file(field: string, stream: Readable, info: FileInfo): Promise<unknown> | void;
  field?(name: string, value: string): void;
}

/**
 * Reads `multipart/form-data` safely, whatever the client sends: no boundary, a body cut off
 * before its closing boundary, a client that disconnects, too many or too large parts. Every
 * file stream has an error listener from its first moment (busboy emits on it when the body is
 * cut, and an unheard 'error' would end the process); file names are read as UTF-8. Resolves
 * once the body is read and every file handler has finished; otherwise rejects with the first
 * problem, after every file handler has settled (so callers can clean up what they stored).
 */
export async function readMultipart(
  req: Request,
  limits: MultipartLimits,
  errors: MultipartErrors,
  handlers: MultipartHandlers,
): Promise<void> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: limits.maxFields,
        fieldSize: limits.maxFieldBytes,
        parts: limits.maxFiles + limits.maxFields,
      },
    });
  } catch {
    // busboy throws at once for a missing or unusable boundary.
    throw errors.malformed();
  }

  const pending: Array<Promise<unknown>> = [];
  let problem: HttpError | undefined;
  const fail = (err: HttpError) => (problem ??= err);

  parser.on('file', (field, stream, info) => {
    stream.on('error', () => fail(errors.malformed()));
    stream.on('limit', () => fail(errors.fileTooLarge(info.filename ?? 'datei')));
    if (problem) {
      stream.resume();
      return;
    }
    pending.push(Promise.resolve().then(() => handlers.file(field, stream, info)));
  });
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) return void fail(errors.tooManyParts());
    handlers.field?.(name, value);
  });
  parser.on('filesLimit', () => fail(errors.tooManyParts()));
  parser.on('fieldsLimit', () => fail(errors.tooManyParts()));
  parser.on('partsLimit', () => fail(errors.tooManyParts()));

  await new Promise<void>((resolve) => {
    const finish = () => {
      req.off('aborted', onAborted);
      resolve();
    };
    const onAborted = () => {
      fail(errors.malformed());
      parser.destroy();
      finish();
    };
    parser.on('close', finish);
    parser.on('error', () => {
      fail(errors.malformed());
      req.unpipe(parser);
      req.resume();
      finish();
    });
    req.on('aborted', onAborted);
    req.on('error', onAborted);
    req.pipe(parser);
  });

  const results = await Promise.allSettled(pending);
  if (problem) throw problem;
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
