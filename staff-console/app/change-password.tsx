import { useState } from 'preact/hooks';
import { api, describeError } from './api.js';
import type { Session } from './login.js';
import { Field } from './field.js';
import { ErrorMessage } from './messages.js';

/** After a one-time password: a new own password before anything else. */
export function ChangePassword({ onChanged, onLogout }: { onChanged: (session: Session) => void; onLogout: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (next !== repeat) {
      setError('Die beiden neuen Passwörter stimmen nicht überein.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      onChanged(await api<Session>('POST', '/api/auth/password', { currentPassword: current, newPassword: next }));
    } catch (err) {
      setError(describeError(err, 'Das Passwort konnte nicht geändert werden.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="card login-form" onSubmit={submit} aria-labelledby="change-title">
        <h1 id="change-title">Neues Passwort festlegen</h1>
        <p class="muted">
          Sie haben sich mit einem Einmal-Passwort angemeldet. Bitte legen Sie jetzt Ihr eigenes Passwort fest (mindestens 12 Zeichen).
        </p>
        <Field
          id="current-password"
          label="Einmal-Passwort"
          type="password"
          autocomplete="current-password"
          value={current}
          onInput={setCurrent}
        />
        <Field id="new-password" label="Neues Passwort" type="password" autocomplete="new-password" value={next} onInput={setNext} />
        <Field
          id="repeat-password"
          label="Neues Passwort wiederholen"
          type="password"
          autocomplete="new-password"
          value={repeat}
          onInput={setRepeat}
        />
        <ErrorMessage text={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Wird gespeichert …' : 'Passwort speichern'}
        </button>
        <button type="button" class="link" onClick={onLogout}>
          Abmelden
        </button>
      </form>
    </main>
  );
}
