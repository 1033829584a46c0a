import { useState } from 'preact/hooks';
import { api, describeError } from './api.js';
import type { StaffUser } from './sections.js';

export interface Session {
  user: StaffUser;
  csrfToken: string;
}

export function Login({ onLogin }: { onLogin: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      onLogin(await api<Session>('POST', '/api/auth/login', { username, password }));
    } catch (err) {
      setError(describeError(err, 'Die Anmeldung ist fehlgeschlagen.'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="card login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Mitarbeiterkonsole</h1>
        <p class="muted">Musterkasse · Live-Chat und Dokumentprüfung</p>
        <label for="username">Benutzername</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="password">Passwort</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Anmeldung läuft …' : 'Anmelden'}
        </button>
      </form>
    </main>
  );
}
