import busboy from 'busboy';
import type { Request } from 'express';
import { HttpError } from '../../core/errors/index.js';

export interface IntakeUpload {
  files: Array<{ name: string; bytes: Buffer }>;
  /** The `metadata` part (JSON), as a file part or a plain field. */
  metadata: string | undefined;
}

const METADATA_LIMIT = 16 * 1024;

/**
 * Reads `multipart/form-data` with `files` parts and an optional `metadata` part into memory
 * (the document check needs the bytes anyway), within the upload limits.
 */
export function readIntakeUpload(req: Request, limits: { maxFileBytes: number; maxFiles: number }): Promise<IntakeUpload> {
  if (!req.is('multipart/form-data')) return Promise.reject(new HttpError(415, 'unsupported_media_type', 'Bitte senden Sie multipart/form-data mit „files“-Teilen.'));
  return new Promise((resolve, reject) => {
    const files: IntakeUpload['files'] = [];
    let metadata: string | undefined;
    let failed = false;
    const fail = (err: HttpError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(err);
    };
    const parser = busboy({ headers: req.headers, limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles + 1, fields: 5, fieldSize: METADATA_LIMIT } });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new HttpError(413, 'file_too_large', `„${info.filename}“ ist größer als ${limits.maxFileBytes} Bytes.`)));
      stream.on('end', () => {
        if (field === 'files') files.push({ name: (info.filename ?? 'datei').split(/[\\/]/).pop()!.slice(0, 120) || 'datei', bytes: Buffer.concat(chunks) });
        else if (field === 'metadata') metadata = Buffer.concat(chunks).toString('utf8').slice(0, METADATA_LIMIT);
      });
    });
    parser.on('field', (field, value) => {
      if (field === 'metadata') metadata = value;
    });
    parser.on('filesLimit', () => fail(new HttpError(413, 'too_many_files', `Höchstens ${limits.maxFiles} Dateien je Sendung.`)));
    parser.on('error', () => fail(new HttpError(400, 'invalid_multipart', 'Der Inhalt ist kein gültiges multipart/form-data.')));
    parser.on('close', () => {
      if (failed) return;
      if (files.length === 0) return fail(new HttpError(400, 'no_files', 'Die Sendung enthält keine Datei (Teil „files“).'));
      resolve({ files, metadata });
    });
    req.pipe(parser);
  });
}
