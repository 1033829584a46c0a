import { createHmac } from 'node:crypto';
import { secureEquals } from './secure-compare.js';

/**
 * Signatures for links that need no Authorization header (a browser or a core system opens them
 * directly) but work only for what they were made for and only until they expire.
 */
export class LinkSigner {
  constructor(
    private readonly key: Buffer,
    readonly lifetimeSeconds: number,
  ) {}

  private signature(subject: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${subject}.${expires}`).digest('base64url');
  }

  /** The query string (`exp=…&sig=…`) that makes a link to `subject` valid for the lifetime. */
  query(subject: string, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + this.lifetimeSeconds;
    return `exp=${expires}&sig=${this.signature(subject, expires)}`;
  }

  isValid(subject: string, expires: number, signature: string, now: Date): boolean {
    if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return false;
    return secureEquals(signature, this.signature(subject, expires));
  }
}
