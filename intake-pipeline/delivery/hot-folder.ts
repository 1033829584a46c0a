import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Work files live here, beside the folder and on the same file system, so a rename is atomic. */
const INCOMING = '.incoming';

async function writeDurably(file: string, content: Buffer | string): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes to a work file and renames it into place: readers see the whole file or none. */
async function placeAtomically(directory: string, name: string, content: Buffer | string): Promise<void> {
  const work = path.join(directory, INCOMING, `${randomUUID()}.part`);
  try {
    await writeDurably(work, content);
    await rename(work, path.join(directory, name));
  } finally {
    await rm(work, { force: true });
  }
}

/**
 * Hands a document to a DMS importer that watches a folder: first the file, then its JSON
 * index, each complete before it appears. An importer that waits for the JSON finds the file
 * already there. Writing again (a repeated job) replaces both with the same content.
 */
export async function writeToHotFolder(directory: string, fileName: string, bytes: Buffer, index: unknown): Promise<void> {
  await mkdir(path.join(directory, INCOMING), { recursive: true, mode: 0o700 });
  await placeAtomically(directory, fileName, bytes);
  const indexName = `${fileName.replace(/\.[a-z]+$/, '')}.json`;
  await placeAtomically(directory, indexName, `${JSON.stringify(index, null, 2)}\n`);
}
