import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How many leading bytes are kept for type detection (what `file-type` needs at most). */
const HEAD_BYTES = 4100;
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ReceivedFile {
  id: string;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for checking the real type. */
  head: Buffer;
  /** True when the stream was cut off at the size limit (the file is then incomplete). */
  truncated: boolean;
}

export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`File exceeds ${limitBytes} bytes`);
  }
}

/**
 * Files on local disk (a volume in production), outside any web root, named by random ids.
 * A file counts as stored only after its bytes are flushed to disk and it is renamed into place.
 */
export class FileStorage {
  constructor(private readonly dir: string) {}

  private pathOf(id: string): string {
    if (!FILE_ID.test(id)) throw new Error('Invalid file id');
    return path.join(this.dir, id.slice(0, 2), id);
  }

  /** Streams into storage, hashing and measuring on the way. Over `maxBytes` it stores nothing. */
  async receive(source: Readable, maxBytes: number): Promise<ReceivedFile> {
    const id = randomUUID();
    const finalPath = this.pathOf(id);
    const tempPath = `${finalPath}.partial`;
    await mkdir(path.dirname(finalPath), { recursive: true });

    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    let truncated = false;
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) truncated = true;
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        headChunks.push(chunk);
        headLength += chunk.length;
      }
    });
    // busboy marks a part cut at its limit this way
    source.once('limit', () => (truncated = true));

    try {
      await pipeline(source, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      if (truncated) throw new FileTooLargeError(maxBytes);
      const handle = await open(tempPath, 'r');
      await handle.sync();
      await handle.close();
      await rename(tempPath, finalPath);
    } catch (err) {
      await rm(tempPath, { force: true });
      throw err;
    }
    return { id, sizeBytes: size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks).subarray(0, HEAD_BYTES), truncated };
  }

  /** Stores bytes already in memory (for files the system makes itself). */
  async storeBuffer(bytes: Buffer): Promise<ReceivedFile> {
    return this.receive(Readable.from([bytes]), bytes.length);
  }

  openRead(id: string): ReadStream {
    return createReadStream(this.pathOf(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }

  /** Deletes a file wherever it is, in storage or in quarantine (retention, erasure). */
  async removeEverywhere(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
    await rm(this.quarantinePathOf(id), { force: true });
  }

  private quarantinePathOf(id: string): string {
    this.pathOf(id);
    return path.join(this.dir, 'quarantine', id);
  }

  /**
   * Moves a file out of normal storage (after a virus finding): `openRead` no longer finds it,
   * so no link or stage can serve it. Idempotent.
   */
  async quarantine(id: string): Promise<void> {
    await mkdir(path.join(this.dir, 'quarantine'), { recursive: true, mode: 0o700 });
    await moveIfPresent(this.pathOf(id), this.quarantinePathOf(id));
  }

  /** The bytes of a quarantined file, for a rescan only (never served). */
  readQuarantined(id: string): Promise<Buffer> {
    return readWhole(this.quarantinePathOf(id));
  }

  /** Moves a file back out of quarantine (a false positive, cleared by a rescan). Idempotent. */
  async release(id: string): Promise<void> {
    await mkdir(path.dirname(this.pathOf(id)), { recursive: true });
    await moveIfPresent(this.quarantinePathOf(id), this.pathOf(id));
  }

  isQuarantined(id: string): Promise<boolean> {
    return open(this.quarantinePathOf(id), 'r').then(
      (handle) => handle.close().then(() => true),
      () => false,
    );
  }

  readAll(id: string): Promise<Buffer> {
    return readWhole(this.pathOf(id));
  }
}

async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** A rename that is done already when the source is gone (a repeated move). */
async function moveIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
