import type { DeliveryState } from '../../../domain/documents/review.types.js';
import { api } from '../api.js';
import { useAdminList } from './use-admin-list.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';

type FailedDelivery = DeliveryState & { documentId: string; trackingId: string };

/** The dead letter: deliveries to the core system whose retries are used up, each sent again on request. */
export function FailedDeliveries() {
  const { items, error, notice, act } = useAdminList<FailedDelivery>(
    '/api/admin/deliveries/failed',
    (body: { deliveries: FailedDelivery[] }) => body.deliveries,
    'Die fehlgeschlagenen Übermittlungen konnten nicht geladen werden.',
  );
  const redeliver = (item: FailedDelivery) =>
    act(async () => {
      await api('POST', `/api/admin/deliveries/${encodeURIComponent(item.id)}/redeliver`);
      return `${item.trackingId} wird erneut an ${item.target} übermittelt.`;
    }, 'Die Übermittlung konnte nicht neu gestartet werden.');

  return (
    <section class="card" aria-labelledby="failed-title">
      <h2 id="failed-title">Fehlgeschlagene Übermittlungen</h2>
      <SuccessMessage text={notice} />
      <ErrorMessage text={error} />
      {items === undefined && !error && <p class="loading">Wird geladen …</p>}
      {items?.length === 0 && <p class="empty">Keine fehlgeschlagenen Übermittlungen.</p>}
      {items && items.length > 0 && (
        <ul class="plain">
          {items.map((item) => (
            <li key={item.id}>
              <a href={`#/review/${encodeURIComponent(item.documentId)}`}>{item.trackingId}</a> an {item.target}: {item.attempts} Versuche
              {item.lastError && <span class="muted"> · {item.lastError}</span>}{' '}
              <button type="button" onClick={() => redeliver(item)}>
                Erneut senden
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
