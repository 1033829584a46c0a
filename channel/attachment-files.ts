import type { Clock } from '../platform/clock.js';
import type { FileStorage } from '../platform/storage/file-storage.js';
import type { StoredFileRecord, StoredFilesRepository } from '../platform/storage/stored-files.repository.js';
import type { AttachmentUrls } from './attachment-urls.js';

const FILE_ID = /^[0-9a-f-]{36}$/;
const ATTACHMENT_PATH = /^\/v3\/directline\/attachments\/([0-9a-f-]{36})$/;

/** A member's upload the channel keeps: scanned before it got a link, quarantined ones never. */
export interface ChannelFile {
  record: StoredFileRecord;
  bytes: Buffer;
}

/** The files behind signed attachment links: for the download route, and for the bot to take over without a copy. */
export class AttachmentFiles {
  constructor(
    private readonly urls: AttachmentUrls,
    private readonly files: Pick<StoredFilesRepository, 'find'>,
    private readonly storage: Pick<FileStorage, 'readAll'>,
    private readonly clock: Clock,
  ) {}

  /** The record a link's parts name, if the signature holds and has not expired. */
  async find(fileId: string, expires: number, signature: string): Promise<StoredFileRecord | 'invalid' | undefined> {
    if (!FILE_ID.test(fileId) || !this.urls.isValid(fileId, expires, signature, this.clock())) return 'invalid';
    const record = await this.files.find(fileId);
    return record && !record.quarantinedAt ? record : undefined;
  }

  /**
   * The file a link (as the bot received it in an attachment) names, with its bytes, if it is
   * valid and was uploaded in `conversationId`: a link from another conversation is nobody's here.
   */
  async read(link: string, conversationId: string): Promise<ChannelFile | undefined> {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return undefined;
    }
    const fileId = ATTACHMENT_PATH.exec(url.pathname)?.[1];
    if (!fileId) return undefined;
    const record = await this.find(fileId, Number(url.searchParams.get('exp')), url.searchParams.get('sig') ?? '');
    if (!record || record === 'invalid' || record.conversationId !== conversationId) return undefined;
    return { record, bytes: await this.storage.readAll(fileId) };
  }
}
