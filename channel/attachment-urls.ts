import { LinkSigner } from '../platform/signed-link.js';

/** Links to stored attachments that the member's browser opens directly, for one file and a day. */
export class AttachmentUrls {
  private readonly signer: LinkSigner;

  constructor(key: Buffer, lifetimeSeconds = 24 * 3600) {
    this.signer = new LinkSigner(key, lifetimeSeconds);
  }

  make(baseUrl: string, fileId: string, now: Date): string {
    return `${baseUrl}/v3/directline/attachments/${fileId}?${this.signer.query(fileId, now)}`;
  }

  isValid(fileId: string, expires: number, signature: string, now: Date): boolean {
    return this.signer.isValid(fileId, expires, signature, now);
  }
}
