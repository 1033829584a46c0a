import { api } from '../api.js';
import { useAdminList } from './use-admin-list.js';
import { dateTime } from '../format.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { TableHead } from '../table-head.js';

interface CertificateToSend {
  id: string;
  reference: string;
  kvnr: string;
  forOther: boolean;
  requestedAt: string;
  address: { name: string; street: string; postalCode: string; city: string } | null;
}

/** Certificates members asked for in the chat, to post to the address on file; marked sent when they are. */
export function Certificates() {
  const { items, error, notice, act } = useAdminList<CertificateToSend>(
    '/api/admin/certificates',
    (body: { certificates: CertificateToSend[] }) => body.certificates,
    'Die Bescheinigungen konnten nicht geladen werden.',
  );
  const sent = (item: CertificateToSend) =>
    act(async () => {
      await api('POST', `/api/admin/certificates/${encodeURIComponent(item.id)}/sent`);
      return `${item.reference} ist als versendet vermerkt.`;
    }, 'Der Versand konnte nicht vermerkt werden.');

  return (
    <section class="card" aria-labelledby="certificates-title">
      <h2 id="certificates-title">Versicherungsbescheinigungen zum Versand</h2>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
      {items?.length === 0 && <p class="empty">Keine Bescheinigungen warten auf den Versand.</p>}
      {items && items.length > 0 && (
        <table class="queue">
          <TableHead columns={['Referenz', 'Angefordert', 'Versand an (Anschrift laut Stammdaten)', 'Aktion']} />
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{item.reference}</td>
                <td>{dateTime(item.requestedAt)}</td>
                <td>
                  {item.address
                    ? `${item.address.name}, ${item.address.street}, ${item.address.postalCode} ${item.address.city}`
                    : `keine Stammdaten zu ${item.kvnr}: bitte klären`}
                  {item.forOther && <span class="muted"> (für eine mitversicherte Person angefordert)</span>}
                </td>
                <td>
                  <button type="button" onClick={() => sent(item)} disabled={!item.address}>
                    Als versendet vermerken
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
