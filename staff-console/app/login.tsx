import { useState } from 'preact/hooks';
import { api, describeError } from './api.js';
import { Field } from './field.js';
import { ErrorMessage } from './messages.js';
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
        <Field id="username" label="Benutzername" autocomplete="username" value={username} onInput={setUsername} />
        <Field id="password" label="Passwort" type="password" autocomplete="current-password" value={password} onInput={setPassword} />
        <ErrorMessage text={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Anmeldung läuft …' : 'Anmelden'}
        </button>
      </form>
    </main>
  );
}
