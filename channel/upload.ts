import busboy from 'busboy';
import type { Request } from 'express';
import { HttpError } from '../core/errors/index.js';
import { detectAcceptedType, normaliseDeclaredType, type AcceptedMediaType } from '../core/storage/accepted-types.js';
import { FileTooLargeError, type FileStorage, type ReceivedFile } from '../core/storage/file-storage.js';

export interface UploadedFile extends ReceivedFile {
  name: string;
  mediaType: AcceptedMediaType;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

const ACTIVITY_PART_LIMIT = 64 * 1024;

function safeFileName(name: string | undefined): string {
  const base = (name ?? 'datei').split(/[\\/]/).pop() ?? 'datei';
  const cleaned = [...base]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 || '<>:"|?*'.includes(c) ? '_' : c))
    .join('')
    .trim()
    .slice(0, 120);
  return cleaned || 'datei';
}

function readSmallPart(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= ACTIVITY_PART_LIMIT) chunks.push(chunk);
    });
    stream.on('end', () => (size > ACTIVITY_PART_LIMIT ? reject(new HttpError(413, 'MessageSizeExceeded', 'The activity part is too large')) : resolve(Buffer.concat(chunks).toString('utf8'))));
    stream.on('error', reject);
  });
}

/**
 * Reads a Direct Line upload (an `activity` part and `file` parts) into storage. Every file's
 * real type is read from its bytes and must be PDF, JPEG or PNG and match what was declared.
 * On any problem the files already stored for this request are removed again.
 */
export async function receiveUpload(req: Request, storage: FileStorage, limits: UploadLimits): Promise<{ activityJson: string | undefined; files: UploadedFile[] }> {
  const contentType = req.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) throw new HttpError(415, 'UnsupportedMediaType', 'Expected multipart/form-data');

  const stored: ReceivedFile[] = [];
  const pending: Array<Promise<unknown>> = [];
  const files: Array<{ received: Promise<ReceivedFile>; name: string; declared: string | undefined }> = [];
  let activityJson: string | undefined;
  let tooMany = false;

  const parser = busboy({
    headers: req.headers,
    limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles + 1, fields: 2, parts: limits.maxFiles + 3 },
  });

  parser.on('file', (field, stream, info) => {
    if (field === 'activity') {
      pending.push(readSmallPart(stream).then((text) => (activityJson = text)));
      return;
    }
    if (field !== 'file') {
      stream.resume();
      return;
    }
    const received = storage.receive(stream, limits.maxFileBytes).then((file) => {
      stored.push(file);
      return file;
    });
    pending.push(received);
    files.push({ received, name: safeFileName(info.filename), declared: normaliseDeclaredType(info.mimeType) });
  });
  parser.on('field', (field, value) => {
    if (field === 'activity') activityJson = value;
  });
  parser.on('filesLimit', () => (tooMany = true));
  parser.on('partsLimit', () => (tooMany = true));

  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', (err) => reject(new HttpError(400, 'BadArgument', `Malformed multipart body: ${(err as Error).message}`)));
      req.pipe(parser);
    });
    const results = await Promise.allSettled(pending);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      if (failure.reason instanceof FileTooLargeError) throw new HttpError(413, 'MessageSizeExceeded', `A file is larger than ${limits.maxFileBytes} bytes`);
      throw failure.reason;
    }
    if (tooMany) throw new HttpError(413, 'MessageSizeExceeded', `At most ${limits.maxFiles} files per upload`);
    if (files.length === 0) throw new HttpError(400, 'BadArgument', 'No file part');

    const uploaded: UploadedFile[] = [];
    for (const file of files) {
      const received = await file.received;
      const mediaType = await detectAcceptedType(received.head);
      if (!mediaType) throw new HttpError(415, 'UnsupportedMediaType', `"${file.name}" is not a PDF, JPEG or PNG file`);
      if (file.declared && file.declared !== 'application/octet-stream' && file.declared !== mediaType) {
        throw new HttpError(415, 'UnsupportedMediaType', `"${file.name}" is declared as ${file.declared} but its content is ${mediaType}`);
      }
      uploaded.push({ ...received, name: file.name, mediaType });
    }
    return { activityJson, files: uploaded };
  } catch (err) {
    req.unpipe(parser);
    req.resume();
    await Promise.allSettled(pending);
    await Promise.all(stored.map((f) => storage.remove(f.id)));
    throw err;
  }
}
