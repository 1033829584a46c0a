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

const ATTACHMENT_PATH = /^\/v3\/directline\/attachments\/[0-9a-f-]{36}$/;
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?;base64,([A-Za-z0-9+/=\s]+)$/i;

const attachmentSchema = z.object({ contentUrl: z.string().min(1), name: z.string().max(255).optional() });

export interface DownloadedAttachment {
  bytes: Buffer;
  name: string;
}

/**
 * Fetches what a member attached. Links are only ever fetched from our own channel (the
 * path and signature of the link, on the channel's origin), never from wherever a link
 * points: a member cannot make the bot request other addresses. Inline data URLs (as some
 * clients send) are decoded. Both are size-limited.
 */
export class AttachmentDownloader {
  private readonly channelOrigin: string;

  constructor(
    channelServiceUrl: string,
    private readonly maxBytes: number,
    private readonly timeoutMs = 15_000,
  ) {
    this.channelOrigin = new URL(channelServiceUrl).origin;
  }

  async download(attachment: unknown): Promise<DownloadedAttachment> {
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
    let url: URL;
    try {
      url = new URL(contentUrl);
    } catch {
      throw new AttachmentDownloadError('attachment link is not a URL');
    }
    if (!ATTACHMENT_PATH.test(url.pathname)) throw new AttachmentDownloadError('attachment link is not one of our channel');
    const response = await fetch(`${this.channelOrigin}${url.pathname}${url.search}`, {
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok || !response.body) throw new AttachmentDownloadError(`attachment download failed with ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > this.maxBytes) throw new AttachmentDownloadError('attachment too large');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > this.maxBytes) throw new AttachmentDownloadError('attachment too large');
      chunks.push(Buffer.from(chunk));
    }
    return { bytes: Buffer.concat(chunks), name: safeName };
  }
}
