import type { LinkSigner } from '../../platform/signed-link.js';

/**
 * Links to a routed document's file for the core system: they need no key (a webhook receiver
 * fetches them as they come) but work for one document and only until they expire.
 */
export class ExportFileLinks {
  constructor(
    private readonly signer: LinkSigner,
    private readonly publicUrl: string,
  ) {}

  make(documentId: string, now: Date): string {
    return `${this.publicUrl}/api/export/documents/${documentId}/file?${this.signer.query(`document:${documentId}`, now)}`;
  }

  isValid(documentId: string, expires: number, signature: string, now: Date): boolean {
    return this.signer.isValid(`document:${documentId}`, expires, signature, now);
  }
}
