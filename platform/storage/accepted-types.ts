import { fileTypeFromBuffer } from 'file-type';

/** What members may send (as the insurer's upload rules say): PDF, JPEG or PNG. */
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

const ALIASES: Record<string, AcceptedMediaType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

export function normaliseDeclaredType(declared: string | undefined): string | undefined {
  if (!declared) return undefined;
  const base = declared.split(';')[0]!.trim().toLowerCase();
  return ALIASES[base] ?? base;
}

/** The real type of a file from its first bytes; undefined when it is none of the accepted ones. */
export async function detectAcceptedType(head: Buffer): Promise<AcceptedMediaType | undefined> {
  const detected = await fileTypeFromBuffer(head);
  const mime = detected?.mime as string | undefined;
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(mime ?? '') ? (mime as AcceptedMediaType) : undefined;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The usual file extension of a media type ("bin" for one we do not know). */
export function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType] ?? 'bin';
}
