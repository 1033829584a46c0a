import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useAdminList } from './use-admin-list.js';
import { dateTime } from '../format.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { TableHead } from '../table-head.js';

interface Channel {
  name: string;
  scope: 'intake' | 'export';
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const SCOPES = { intake: 'Einreichen (Intake-API)', export: 'Abholen (Export-API)' } as const;

/** API keys of the systems that send documents in or fetch routed ones: add (key shown once), revoke, last use. */
export function ChannelKeys() {
  const {
    items: channels,
    error,
    notice,
    act,
  } = useAdminList<Channel>(
    '/api/admin/channels',
    (body: { channels: Channel[] }) => body.channels,
    'Die Kanäle konnten nicht geladen werden.',
  );
  const [form, setForm] = useState({ name: '', scope: 'intake' as Channel['scope'] });
  const [key, setKey] = useState<{ name: string; key: string } | undefined>();

  const add = (event: Event) => {
    event.preventDefault();
    setKey(undefined);
    return act(async () => {
      const created = await api<{ name: string; key: string }>('POST', '/api/admin/channels', form);
      setKey({ name: created.name, key: created.key });
      setForm({ name: '', scope: 'intake' });
    }, 'Der Kanal konnte nicht angelegt werden.');
  };
  const revoke = (channel: Channel) =>
    act(async () => {
      await api('POST', `/api/admin/channels/${encodeURIComponent(channel.name)}/revoke`);
      return `Der Schlüssel von ${channel.name} ist widerrufen.`;
    }, 'Der Schlüssel konnte nicht widerrufen werden.');

  return (
    <section class="card" aria-labelledby="channels-title">
      <h2 id="channels-title">Kanalschlüssel</h2>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
      {key && (
        <div class="flag" role="status">
          Schlüssel für {key.name}: <code class="secret">{key.key}</code> — nur jetzt sichtbar; bitte direkt im Zielsystem hinterlegen.
        </div>
      )}
      {channels && channels.length > 0 && (
        <table class="queue">
          <TableHead columns={['Kanal', 'Bereich', 'Angelegt', 'Zuletzt benutzt', 'Status']} />
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.name}>
                <td>{channel.name}</td>
                <td>{SCOPES[channel.scope]}</td>
                <td>{dateTime(channel.createdAt)}</td>
                <td>{channel.lastUsedAt ? dateTime(channel.lastUsedAt) : 'noch nie'}</td>
                <td>
                  {channel.revokedAt ? (
                    `widerrufen am ${dateTime(channel.revokedAt)}`
                  ) : (
                    <button type="button" onClick={() => revoke(channel)}>
                      Widerrufen
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Neuer Kanal</h3>
      <form class="search-form" onSubmit={add}>
        <div>
          <label for="channel-name">Name</label>
          <input
            id="channel-name"
            required
            placeholder="z. B. scanzentrum"
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="channel-scope">Bereich</label>
          <select
            id="channel-scope"
            value={form.scope}
            onChange={(e) => setForm({ ...form, scope: e.currentTarget.value as Channel['scope'] })}
          >
            {Object.entries(SCOPES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          Schlüssel erzeugen
        </button>
      </form>
    </section>
  );
}
