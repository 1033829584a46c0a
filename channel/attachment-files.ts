import { z } from 'zod';
import { REFUSED_ATTACHMENT_TYPE } from '../domain/chat/activity.js';
import { AttachmentUnavailableError, type MemberAttachment } from '../domain/chat/attachments.js';
import type { Clock } from '../platform/clock.js';
import type { FileStorage } from '../platform/storage/file-storage.js';
import type { StoredFileRecord, StoredFilesRepository } from '../platform/storage/stored-files.repository.js';
import type { AttachmentUrls } from './attachment-urls.js';

const FILE_ID = /^[0-9a-f-]{36}$/;
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?;base64,([A-Za-z0-9+/=\s]+)$/i;

const refusedSchema = z.object({
  contentType: z.literal(REFUSED_ATTACHMENT_TYPE),
  content: z.object({ reason: z.enum(['infected', 'scanner_unavailable']) }),
});
const attachmentSchema = z.object({ contentUrl: z.string().min(1), name: z.string().max(255).optional() });
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
    private readonly maxBytes: number,
  ) {}

  /**
   * Reads what a member attached, for the bot. A link is resolved here, never fetched from
   * wherever it points: only a valid link, only for a file uploaded in `conversationId`. Inline
   * data URLs (as some clients send) are decoded. Both are size-limited.
   */
  async take(attachment: unknown, conversationId: string): Promise<MemberAttachment> {
    // The channel kept no copy of this file (malware, or it could not be scanned).
    const refused = refusedSchema.safeParse(attachment);
    if (refused.success) throw new AttachmentUnavailableError('the channel refused the file', refused.data.content.reason);
    const parsed = attachmentSchema.safeParse(attachment);
    if (!parsed.success) throw new AttachmentUnavailableError('attachment without a link');
    const { contentUrl, name } = parsed.data;
    const safeName = (name ?? 'Datei').replace(/[\r\n\\/]/g, ' ').slice(0, 200);
    const data = DATA_URL.exec(contentUrl);
    if (data) {
      const bytes = Buffer.from(data[2]!, 'base64');
      if (bytes.length > this.maxBytes) throw new AttachmentUnavailableError('attachment too large');
      return { bytes, name: safeName };
    }
    const file = await this.read(contentUrl, conversationId);
    if (!file) throw new AttachmentUnavailableError('attachment link is not a file of this conversation');
    if (file.bytes.length > this.maxBytes) throw new AttachmentUnavailableError('attachment too large');
    return { bytes: file.bytes, name: safeName, storedFileId: file.record.id };
  }

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
