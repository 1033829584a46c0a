import { useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';

interface RunTaskProps<T> {
  id: string;
  title: string;
  description: string;
  label: string;
  /** POSTed when the button is pressed; its answer's `report` is described for the person. */
  path: string;
  describe(report: T): string;
  /** Told after a success, e.g. to reload a list. */
  onDone?: () => void;
}

/** A task an operator would otherwise run from the CLI: one button, a working state, the outcome in words. */
export function RunTask<T>({ id, title, description, label, path, describe, onDone }: RunTaskProps<T>) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  async function run() {
    setBusy(true);
    setNotice('');
    setError('');
    try {
      setNotice(describe((await api<{ report: T }>('POST', path)).report));
      onDone?.();
    } catch (err) {
      setError(describeError(err, `${title}: fehlgeschlagen.`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="muted">{description}</p>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Läuft …' : label}
      </button>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
    </section>
  );
}
