import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { HttpError } from '../platform/errors/index.js';
import { readMultipart, safeFileName, type MultipartErrors } from '../platform/http/multipart.js';
import type { RefusedAttachmentReason } from '../domain/chat/activity.js';
import { detectAcceptedType, normaliseDeclaredType, type AcceptedMediaType } from '../platform/storage/accepted-types.js';
import type { Logger } from '../platform/logging/logger.js';
import { ScanFailedError, type ClamdClient } from '../platform/scan/clamd.js';
import { FileTooLargeError, type FileStorage, type ReceivedFile } from '../platform/storage/file-storage.js';

export interface UploadedFile extends ReceivedFile {
  name: string;
  mediaType: AcceptedMediaType;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

const ACTIVITY_PART_LIMIT = 64 * 1024;

function readSmallPart(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= ACTIVITY_PART_LIMIT) chunks.push(chunk);
    });
    stream.on('end', () =>
      size > ACTIVITY_PART_LIMIT
        ? reject(new HttpError(413, 'MessageSizeExceeded', 'The activity part is too large'))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    stream.on('error', reject);
  });
}

const UPLOAD_ERRORS = (limits: UploadLimits): MultipartErrors => ({
  malformed: () => new HttpError(400, 'BadArgument', 'Malformed multipart body'),
  fileTooLarge: () => new HttpError(413, 'MessageSizeExceeded', `A file is larger than ${limits.maxFileBytes} bytes`),
  tooManyParts: () => new HttpError(413, 'MessageSizeExceeded', `At most ${limits.maxFiles} files per upload`),
});

/**
 * Reads a Direct Line upload (an `activity` part and `file` parts) into storage. Every file's
 * real type is read from its bytes and must be PDF, JPEG or PNG and match what was declared.
 * On any problem the files already stored for this request are removed again.
 */
export async function receiveUpload(
  req: Request,
  storage: FileStorage,
  limits: UploadLimits,
): Promise<{ activityJson: string | undefined; files: UploadedFile[] }> {
  const contentType = req.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    throw new HttpError(415, 'UnsupportedMediaType', 'Expected multipart/form-data');

  const stored: ReceivedFile[] = [];
  const files: Array<{ received: ReceivedFile; name: string; declared: string | undefined }> = [];
  let activityJson: string | undefined;

  try {
    await readMultipart(
      req,
      { maxFileBytes: limits.maxFileBytes, maxFiles: limits.maxFiles + 1, maxFields: 2, maxFieldBytes: ACTIVITY_PART_LIMIT },
      UPLOAD_ERRORS(limits),
      {
        async file(field, stream, info) {
          if (field === 'activity') {
            activityJson = await readSmallPart(stream);
            return;
          }
          if (field !== 'file') return void stream.resume();
          const received = await storage.receive(stream, limits.maxFileBytes);
          stored.push(received);
          files.push({ received, name: safeFileName(info.filename), declared: normaliseDeclaredType(info.mimeType) });
        },
        field(name, value) {
          if (name === 'activity') activityJson = value;
        },
      },
    );
    if (files.length > limits.maxFiles) throw new HttpError(413, 'MessageSizeExceeded', `At most ${limits.maxFiles} files per upload`);
    if (files.length === 0) throw new HttpError(400, 'BadArgument', 'No file part');

    const uploaded: UploadedFile[] = [];
    for (const file of files) {
      const mediaType = await detectAcceptedType(file.received.head);
      if (!mediaType) throw new HttpError(415, 'UnsupportedMediaType', `"${file.name}" is not a PDF, JPEG or PNG file`);
      if (file.declared && file.declared !== 'application/octet-stream' && file.declared !== mediaType) {
        throw new HttpError(415, 'UnsupportedMediaType', `"${file.name}" is declared as ${file.declared} but its content is ${mediaType}`);
      }
      uploaded.push({ ...file.received, name: file.name, mediaType });
    }
    return { activityJson, files: uploaded };
  } catch (err) {
    await Promise.all(stored.map((f) => storage.remove(f.id)));
    if (err instanceof FileTooLargeError) throw UPLOAD_ERRORS(limits).fileTooLarge('');
    throw err;
  }
}

export interface ScreenedUploads {
  clean: UploadedFile[];
  refused: Array<{ file: UploadedFile; reason: RefusedAttachmentReason }>;
}

/**
 * Every uploaded file is scanned before anyone can fetch it: a file with malware, or one that
 * could not be scanned, is deleted at once and never gets a link.
 */
export async function screenUploads(
  files: UploadedFile[],
  storage: FileStorage,
  scanner: Pick<ClamdClient, 'scan'>,
  logger: Logger,
): Promise<ScreenedUploads> {
  const screened: ScreenedUploads = { clean: [], refused: [] };
  for (const file of files) {
    let reason: RefusedAttachmentReason | undefined;
    try {
      const result = await scanner.scan(await storage.readAll(file.id));
      if (result.infected) {
        reason = 'infected';
        logger.warn({ signatures: result.signatures }, 'Chat upload with malware deleted');
      }
    } catch (err) {
      if (!(err instanceof ScanFailedError)) throw err;
      reason = 'scanner_unavailable';
      logger.warn({ err }, 'Chat upload could not be scanned; deleted');
    }
    if (reason) {
      await storage.remove(file.id);
      screened.refused.push({ file, reason });
    } else screened.clean.push(file);
  }
  return screened;
}
