import { z } from 'zod';
import { REFUSED_ATTACHMENT_TYPE, type RefusedAttachmentReason } from '../domain/chat/activity.js';

export type DownloadRefusal = 'download_failed' | RefusedAttachmentReason;

export class AttachmentDownloadError extends Error {
  constructor(
    message: string,
    /** What the member is told. */
    readonly refusal: DownloadRefusal = 'download_failed',
  ) {
    super(message);
  }
}

const refusedSchema = z.object({
  contentType: z.literal(REFUSED_ATTACHMENT_TYPE),
  content: z.object({ reason: z.enum(['infected', 'scanner_unavailable']) }),
});

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?;base64,([A-Za-z0-9+/=\s]+)$/i;

const attachmentSchema = z.object({ contentUrl: z.string().min(1), name: z.string().max(255).optional() });

export interface DownloadedAttachment {
  bytes: Buffer;
  name: string;
  /** The channel's stored file these bytes are, when the member uploaded it here: the submission takes it over. */
  storedFileId?: string;
}

/** The channel's side: the file a signed attachment link of this conversation names, if any. */
export type ReadChannelFile = (link: string, conversationId: string) => Promise<{ fileId: string; bytes: Buffer } | undefined>;

/**
 * Reads what a member attached. A link is only ever resolved by our own channel (its signature,
 * for a file uploaded in this conversation), never fetched from wherever it points: a member
 * cannot make the bot request other addresses, nor take another conversation's file. Inline
 * data URLs (as some clients send) are decoded. Both are size-limited.
 */
export class AttachmentDownloader {
  constructor(
    private readonly readChannelFile: ReadChannelFile,
    private readonly maxBytes: number,
  ) {}

  async download(attachment: unknown, conversationId: string): Promise<DownloadedAttachment> {
    // The channel kept no copy of this file (malware, or it could not be scanned).
    const refused = refusedSchema.safeParse(attachment);
    if (refused.success) throw new AttachmentDownloadError('the channel refused the file', refused.data.content.reason);
    const parsed = attachmentSchema.safeParse(attachment);
    if (!parsed.success) throw new AttachmentDownloadError('attachment without a link');
    const { contentUrl, name } = parsed.data;
    const safeName = (name ?? 'Datei').replace(/[\r\n\\/]/g, ' ').slice(0, 200);
    const data = DATA_URL.exec(contentUrl);
    if (data) {
      const bytes = Buffer.from(data[2]!, 'base64');
      if (bytes.length > this.maxBytes) throw new AttachmentDownloadError('attachment too large');
      return { bytes, name: safeName };
    }
    const file = await this.readChannelFile(contentUrl, conversationId);
    if (!file) throw new AttachmentDownloadError('attachment link is not a file of this conversation');
    if (file.bytes.length > this.maxBytes) throw new AttachmentDownloadError('attachment too large');
    return { bytes: file.bytes, name: safeName, storedFileId: file.fileId };
  }
}
