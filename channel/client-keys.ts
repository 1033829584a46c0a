import { createHmac } from 'node:crypto';

/** The pseudonymous key of a client address (HMAC with a key derived from the channel secret). */
export class ClientKeys {
  constructor(private readonly key: Buffer) {}

  of(address: string | undefined): string {
    return createHmac('sha256', this.key)
      .update(address ?? 'unknown')
      .digest('base64url')
      .slice(0, 22);
  }
}
