import { createHmac } from 'node:crypto';
import { secureEquals } from '../platform/secure-compare.js';

/**
 * Links to stored attachments that need no Authorization header (the browser opens them
 * directly) but work only for the file they were made for and only until they expire.
 */
export class AttachmentUrls {
  constructor(
    private readonly key: Buffer,
    private readonly lifetimeSeconds = 24 * 3600,
  ) {}

  private signature(fileId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${fileId}.${expires}`).digest('base64url');
  }

  make(baseUrl: string, fileId: string, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + this.lifetimeSeconds;
    return `${baseUrl}/v3/directline/attachments/${fileId}?exp=${expires}&sig=${this.signature(fileId, expires)}`;
  }

  isValid(fileId: string, expires: number, signature: string, now: Date): boolean {
    if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return false;
    return secureEquals(signature, this.signature(fileId, expires));
  }
}
