import type { Request } from 'express';
import { HttpError } from '../../platform/errors/index.js';
import { readMultipart, safeFileName } from '../../platform/http/multipart.js';

export interface IntakeUpload {
  files: Array<{ name: string; bytes: Buffer }>;
  /** The `metadata` part (JSON), as a file part or a plain field. */
  metadata: string | undefined;
}

const METADATA_LIMIT = 16 * 1024;

/** A file's bytes in memory; the document check needs them whole anyway. */
async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads `multipart/form-data` with `files` parts and an optional `metadata` part into memory,
 * within the upload limits.
 */
export async function readIntakeUpload(req: Request, limits: { maxFileBytes: number; maxFiles: number }): Promise<IntakeUpload> {
  if (!req.is('multipart/form-data'))
    throw new HttpError(415, 'unsupported_media_type', 'Bitte senden Sie multipart/form-data mit „files“-Teilen.');
  const files: IntakeUpload['files'] = [];
  let metadata: string | undefined;
  await readMultipart(
    req,
    { maxFileBytes: limits.maxFileBytes, maxFiles: limits.maxFiles + 1, maxFields: 5, maxFieldBytes: METADATA_LIMIT },
    {
      malformed: () => new HttpError(400, 'invalid_multipart', 'Der Inhalt ist kein vollständiges multipart/form-data.'),
      fileTooLarge: (name) => new HttpError(413, 'file_too_large', `„${name}“ ist größer als ${limits.maxFileBytes} Bytes.`),
      tooManyParts: () => new HttpError(413, 'too_many_files', `Höchstens ${limits.maxFiles} Dateien je Sendung.`),
    },
    {
      async file(field, stream, info) {
        if (field === 'files') {
          const bytes = await collect(stream);
          files.push({ name: safeFileName(info.filename), bytes });
        } else if (field === 'metadata') {
          metadata = (await collect(stream)).toString('utf8').slice(0, METADATA_LIMIT);
        } else stream.resume();
      },
      field(name, value) {
        if (name === 'metadata') metadata = value;
      },
    },
  );
  if (files.length > limits.maxFiles) throw new HttpError(413, 'too_many_files', `Höchstens ${limits.maxFiles} Dateien je Sendung.`);
  if (files.length === 0) throw new HttpError(400, 'no_files', 'Die Sendung enthält keine Datei (Teil „files“).');
  return { files, metadata };
}
