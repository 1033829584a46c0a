import { MAX_INPUT_PIXELS } from '../../platform/imaging/limits.js';
import type { DocumentLimits, RefusalReason } from './document-check.js';

export type FileRefusal = RefusalReason | 'too_many_pages';

export const kilobytes = (bytes: number) => Math.round(bytes / 1024);
export const megapixels = () => Math.round(MAX_INPUT_PIXELS / 1_000_000);

/** Why a file was not taken, in a few words, with the limits in force (the intake API's answer to its senders). */
export function refusalReason(reason: FileRefusal, limits: DocumentLimits): string {
  switch (reason) {
    case 'unsupported_type':
      return 'keine PDF-, JPEG- oder PNG-Datei';
    case 'damaged':
      return 'beschädigt';
    case 'encrypted_pdf':
      return 'verschlüsselt oder passwortgeschützt';
    case 'page_too_large':
      return `eine Seite größer als ${kilobytes(limits.maxPageBytes)} kB`;
    case 'too_many_pixels':
      return `Bild mit mehr als ${megapixels()} Megapixeln`;
    case 'infected':
      return 'Schadsoftware gefunden';
    case 'too_many_pages':
      return `mehr als ${limits.maxPages} Seiten in einer Sendung`;
  }
}
