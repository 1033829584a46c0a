import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ConfirmButton } from '../confirm-button.js';
import { dateTime, germanDate } from '../format.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { TableHead } from '../table-head.js';
import { useAdminList } from './use-admin-list.js';

type PinState = 'issued' | 'spent' | 'expired' | 'locked' | 'revoked';

interface PinLetter {
  id: string;
  kvnr: string;
  memberName: string;
  purpose: string;
  letterDate: string;
  validUntil: string;
  state: PinState;
  failedAttempts: number;
  issuedBy: string;
  spentAt: string | null;
  lockedAt: string | null;
  revokedAt: string | null;
}

const PIN_STATE_LABELS: Record<PinState, string> = {
  issued: 'ausgestellt',
  spent: 'verwendet',
  expired: 'abgelaufen',
  locked: 'gesperrt',
  revoked: 'zurückgezogen',
};

function stateText(pin: PinLetter): string {
  if (pin.state === 'spent' && pin.spentAt) return `verwendet am ${dateTime(pin.spentAt)}`;
  if (pin.state === 'locked' && pin.lockedAt) return `gesperrt seit ${dateTime(pin.lockedAt)}`;
  if (pin.state === 'revoked' && pin.revokedAt) return `zurückgezogen am ${dateTime(pin.revokedAt)}`;
  return PIN_STATE_LABELS[pin.state];
}

/** Issued letters with their state; a locked PIN can be unlocked, an unused one withdrawn. */
export function PinList({ refresh }: { refresh: number }) {
  const [filter, setFilter] = useState({ state: '', kvnr: '' });
  const [applied, setApplied] = useState(filter);
  const query = new URLSearchParams(Object.entries(applied).filter(([, value]) => value.trim() !== ''));
  const { items, error, notice, act } = useAdminList<PinLetter>(
    `/api/admin/einmal-pins${query.size ? `?${query}` : ''}`,
    (body: { pins: PinLetter[] }) => body.pins,
    'Die Einmal-PINs konnten nicht geladen werden.',
    refresh,
  );

  const unlock = (pin: PinLetter) =>
    act(async () => {
      await api('POST', `/api/admin/einmal-pins/${pin.id}/unlock`);
      return `Die PIN für ${pin.memberName} ist entsperrt.`;
    }, 'Die PIN konnte nicht entsperrt werden.');
  const revoke = (pin: PinLetter) =>
    act(async () => {
      await api('POST', `/api/admin/einmal-pins/${pin.id}/revoke`);
      return `Die PIN für ${pin.memberName} ist zurückgezogen; sie meldet niemanden mehr an.`;
    }, 'Die PIN konnte nicht zurückgezogen werden.');

  return (
    <section aria-labelledby="pin-list-title">
      <h3 id="pin-list-title">Ausgestellte Briefe</h3>
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ state: filter.state, kvnr: filter.kvnr.trim() });
        }}
      >
        <div>
          <label for="pin-filter-state">Status</label>
          <select id="pin-filter-state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.currentTarget.value })}>
            <option value="">alle</option>
            {Object.entries(PIN_STATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="pin-filter-kvnr">Briefe zur Krankenversichertennummer</label>
          <input
            id="pin-filter-kvnr"
            value={filter.kvnr}
            autocomplete="off"
            onInput={(e) => setFilter({ ...filter, kvnr: e.currentTarget.value })}
          />
        </div>
        <button type="submit">Filtern</button>
      </form>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
      {items && items.length === 0 && <p class="muted">Keine Briefe gefunden.</p>}
      {items && items.length > 0 && (
        <table class="queue">
          <TableHead
            columns={['Versicherte Person', 'Anlass', 'Brief vom', 'Gültig bis', 'Status', 'Fehlversuche', 'Ausgestellt von', 'Aktion']}
          />
          <tbody>
            {items.map((pin) => (
              <tr key={pin.id}>
                <td>
                  {pin.memberName}
                  <br />
                  <span class="muted">{pin.kvnr}</span>
                </td>
                <td>{pin.purpose}</td>
                <td>{germanDate(pin.letterDate)}</td>
                <td>{germanDate(pin.validUntil)}</td>
                <td>{stateText(pin)}</td>
                <td>{pin.failedAttempts}</td>
                <td>{pin.issuedBy}</td>
                <td>
                  {pin.state === 'locked' && (
                    <button type="button" onClick={() => unlock(pin)}>
                      Entsperren
                    </button>
                  )}{' '}
                  {(pin.state === 'issued' || pin.state === 'locked' || pin.state === 'expired') && (
                    <ConfirmButton
                      label="Zurückziehen"
                      question={`PIN für ${pin.memberName} zurückziehen?`}
                      confirmLabel="Ja, zurückziehen"
                      onConfirm={() => revoke(pin)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
