import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../../domain/documents/review.types.js';

export function typeLabel(type: string): string {
  return DOCUMENT_TYPE_LABELS[type as DocumentType] ?? type;
}

export function sourceLabel(source: string): string {
  return source === 'chat' ? 'Chat' : source.startsWith('channel:') ? `Kanal ${source.slice('channel:'.length)}` : source;
}

export function statusLabel(status: string): string {
  const labels: Record<string, string> = {
    routed: 'weitergeleitet',
    awaiting_review: 'wartet auf Prüfung',
    quarantined: 'in Quarantäne',
    rejected: 'abgelehnt',
  };
  return labels[status] ?? 'in Bearbeitung';
}

/** Where a delivery to the core system stands, as clerks say it. */
export function deliveryLabel(status: string): string {
  const labels: Record<string, string> = {
    pending: 'ausstehend',
    delivered: 'übergeben',
    acknowledged: 'bestätigt',
    failed: 'fehlgeschlagen',
  };
  return labels[status] ?? status;
}

export function duplicateReasonLabel(reason: string): string {
  return reason === 'same_file' ? 'gleiche Datei' : 'gleiche Rechnungsnummer und gleicher Betrag';
}
