import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useAdminList } from './use-admin-list.js';
import { dateTime } from '../format.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { ConfirmButton } from '../confirm-button.js';
import { ROLE_LABELS, type StaffRole } from '../sections.js';
import { TableHead } from '../table-head.js';

interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

/** Staff accounts: add (with a one-time password shown once), change role, reset password, disable. */
export function StaffUsers({ selfId }: { selfId: string }) {
  const {
    items: users,
    error,
    notice,
    act,
  } = useAdminList<StaffAccount>(
    '/api/admin/staff-users',
    (body: { users: StaffAccount[] }) => body.users,
    'Die Benutzer konnten nicht geladen werden.',
  );
  const [secret, setSecret] = useState<{ username: string; password: string } | undefined>();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'agent' as StaffRole });

  const add = (event: Event) => {
    event.preventDefault();
    setSecret(undefined);
    return act(async () => {
      const { user, oneTimePassword } = await api<{ user: StaffAccount; oneTimePassword: string }>('POST', '/api/admin/staff-users', {
        username: form.username,
        role: form.role,
        ...(form.displayName.trim() ? { displayName: form.displayName } : {}),
      });
      setSecret({ username: user.username, password: oneTimePassword });
      setForm({ username: '', displayName: '', role: 'agent' });
    }, 'Der Benutzer konnte nicht angelegt werden.');
  };
  const reset = (user: StaffAccount) => {
    setSecret(undefined);
    return act(async () => {
      const { oneTimePassword } = await api<{ oneTimePassword: string }>(
        'POST',
        `/api/admin/staff-users/${encodeURIComponent(user.username)}/reset-password`,
      );
      setSecret({ username: user.username, password: oneTimePassword });
    }, 'Das Passwort konnte nicht zurückgesetzt werden.');
  };
  const changeRole = (user: StaffAccount, role: StaffRole) =>
    act(async () => {
      await api('POST', `/api/admin/staff-users/${encodeURIComponent(user.username)}/role`, { role });
      return `${user.username} hat jetzt die Rolle ${ROLE_LABELS[role]}.`;
    }, 'Die Rolle konnte nicht geändert werden.');
  const disable = (user: StaffAccount) =>
    act(async () => {
      await api('POST', `/api/admin/staff-users/${encodeURIComponent(user.username)}/disable`);
      return `${user.username} ist deaktiviert und überall abgemeldet.`;
    }, 'Der Benutzer konnte nicht deaktiviert werden.');

  return (
    <section class="card" aria-labelledby="users-title">
      <h2 id="users-title">Benutzer</h2>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
      {secret && (
        <div class="flag" role="status">
          Einmal-Passwort für {secret.username}: <code class="secret">{secret.password}</code> — nur jetzt sichtbar; bitte persönlich
          übergeben. Es muss bei der ersten Anmeldung geändert werden.
        </div>
      )}
      {users && (
        <table class="queue">
          <TableHead columns={['Benutzername', 'Name', 'Rolle', 'Status', 'Letzte Anmeldung', 'Aktionen']} />
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.username}</td>
                <td>{user.displayName}</td>
                <td>
                  <select
                    aria-label={`Rolle von ${user.username}`}
                    value={user.role}
                    disabled={user.id === selfId || user.disabled}
                    onChange={(e) => changeRole(user, e.currentTarget.value as StaffRole)}
                  >
                    {Object.entries(ROLE_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{user.disabled ? 'deaktiviert' : user.mustChangePassword ? 'Einmal-Passwort offen' : 'aktiv'}</td>
                <td>{user.lastLoginAt ? dateTime(user.lastLoginAt) : 'noch nie'}</td>
                <td>
                  {!user.disabled && (
                    <ConfirmButton
                      label="Passwort zurücksetzen"
                      question={`Passwort von ${user.username} zurücksetzen? Das bisherige gilt dann nicht mehr.`}
                      confirmLabel="Ja, zurücksetzen"
                      onConfirm={() => reset(user)}
                    />
                  )}{' '}
                  {!user.disabled && user.id !== selfId && (
                    <ConfirmButton
                      label="Deaktivieren"
                      question={`${user.username} deaktivieren und überall abmelden?`}
                      confirmLabel="Ja, deaktivieren"
                      onConfirm={() => disable(user)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Neuer Benutzer</h3>
      <form class="search-form" onSubmit={add}>
        <div>
          <label for="new-username">Benutzername</label>
          <input id="new-username" required value={form.username} onInput={(e) => setForm({ ...form, username: e.currentTarget.value })} />
        </div>
        <div>
          <label for="new-display-name">Name (optional)</label>
          <input id="new-display-name" value={form.displayName} onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
        </div>
        <div>
          <label for="new-role">Rolle</label>
          <select id="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as StaffRole })}>
            {Object.entries(ROLE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          Anlegen
        </button>
      </form>
    </section>
  );
}
