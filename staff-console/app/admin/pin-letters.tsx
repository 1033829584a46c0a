import { useEffect, useState } from 'preact/hooks';
import { apiFile, describeError } from '../api.js';
import { germanDate } from '../format.js';
import { ErrorMessage } from '../messages.js';
import { PinList } from './pin-list.js';

/** Issues an Einmal-PIN for a member and a purpose (the letter, a PDF, is the only place the PIN appears), and lists the letters. */
export function PinLetters() {
  const [kvnr, setKvnr] = useState('');
  const [purpose, setPurpose] = useState('');
  const [letter, setLetter] = useState<{ url: string; name: string; validUntil: string } | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState(0);

  // The letter's object URL is released when a new one replaces it or the section closes.
  useEffect(() => () => letter && URL.revokeObjectURL(letter.url), [letter]);

  async function issue(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setLetter(undefined);
    try {
      const { blob, headers } = await apiFile('POST', '/api/admin/einmal-pins', { kvnr: kvnr.trim(), purpose });
      const id = headers.get('X-Einmal-Pin-Id') ?? 'brief';
      setLetter({ url: URL.createObjectURL(blob), name: `einmal-pin-${id}.pdf`, validUntil: headers.get('X-Valid-Until') ?? '' });
      setKvnr('');
      setPurpose('');
      setIssued((n) => n + 1);
    } catch (err) {
      setError(describeError(err, 'Die Einmal-PIN konnte nicht ausgestellt werden.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="pin-title">
      <h2 id="pin-title">Einmal-PIN-Brief</h2>
      <p class="muted">Für Versicherte, die Unterlagen ohne Konto sicher einreichen sollen. Die PIN steht nur im Brief.</p>
      <form class="search-form" onSubmit={issue}>
        <div>
          <label for="pin-kvnr">Krankenversichertennummer</label>
          <input id="pin-kvnr" required value={kvnr} onInput={(e) => setKvnr(e.currentTarget.value)} autocomplete="off" />
        </div>
        <div>
          <label for="pin-purpose">Anlass</label>
          <input
            id="pin-purpose"
            required
            value={purpose}
            placeholder="z. B. Nachweis Familienversicherung"
            onInput={(e) => setPurpose(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Wird ausgestellt …' : 'PIN ausstellen'}
        </button>
      </form>
      <ErrorMessage text={error} />
      {letter && (
        <p class="success" role="status">
          Ausgestellt, gültig bis {letter.validUntil ? germanDate(letter.validUntil) : '–'}.{' '}
          <a href={letter.url} download={letter.name}>
            Brief herunterladen (PDF)
          </a>
        </p>
      )}
      <PinList refresh={issued} />
    </section>
  );
}
