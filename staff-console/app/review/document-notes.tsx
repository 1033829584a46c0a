import type { DeliveryState, DuplicateOf } from '../../../domain/documents/review.types.js';
import { dateTime } from '../format.js';
import { deliveryLabel, duplicateReasonLabel } from './labels.js';

/** "Mögliches Duplikat von MK-… (gleiche Datei)", linked to the earlier document. */
export function DuplicateFlag({ duplicateOf }: { duplicateOf: DuplicateOf }) {
  return (
    <span class="flag">
      Mögliches Duplikat von <a href={`#/review/${encodeURIComponent(duplicateOf.documentId)}`}>{duplicateOf.trackingId}</a> (
      {duplicateReasonLabel(duplicateOf.reason)})
    </span>
  );
}

/** Each target of a routed document and how far the hand-over got. */
export function DeliveryList({ deliveries, detailed = false }: { deliveries: DeliveryState[]; detailed?: boolean }) {
  if (deliveries.length === 0) return <span class="muted">–</span>;
  return (
    <ul class="plain">
      {deliveries.map((d) => (
        <li key={d.id}>
          {d.target}: <span class={`delivery ${d.status}`}>{deliveryLabel(d.status)}</span>
          {detailed && d.acknowledgedAt && ` am ${dateTime(d.acknowledgedAt)}`}
          {detailed && !d.acknowledgedAt && d.deliveredAt && ` am ${dateTime(d.deliveredAt)}`}
          {detailed && d.status !== 'acknowledged' && d.attempts > 0 && ` · ${d.attempts} Versuch${d.attempts === 1 ? '' : 'e'}`}
          {detailed && d.lastError && <span class="muted"> · {d.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}
