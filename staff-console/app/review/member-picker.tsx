import { useState } from 'preact/hooks';
import type { MemberSummary } from '../../../domain/documents/review.types.js';
import { api, describeError } from '../api.js';
import { germanDate } from '../format.js';

export function describeMember(m: MemberSummary): string {
  return `${m.firstName} ${m.lastName}, geb. ${germanDate(m.birthDate)} · ${m.kvnr}${m.familyOf ? ` (familienversichert über ${m.familyOf})` : ''}`;
}

/** Member search by KVNR, or by surname (Krueger finds Krüger) with the birth date if known; the clerk picks one of the results. */
export function MemberPicker({
  onPick,
  inputRef,
}: {
  onPick: (member: MemberSummary) => void;
  inputRef: { current: HTMLInputElement | null };
}) {
  const [kvnr, setKvnr] = useState('');
  const [lastName, setLastName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [results, setResults] = useState<MemberSummary[] | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function search(event: Event) {
    event.preventDefault();
    const query = kvnr.trim()
      ? new URLSearchParams({ kvnr: kvnr.trim() })
      : new URLSearchParams({ lastName: lastName.trim(), ...(birthDate ? { birthDate } : {}) });
    setBusy(true);
    setError('');
    setResults(undefined);
    try {
      setResults((await api<{ members: MemberSummary[] }>('GET', `/api/review/members?${query}`)).members);
    } catch (err) {
      setError(describeError(err, 'Die Suche ist fehlgeschlagen.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="member-search" onSubmit={search} aria-label="Versicherte Person suchen">
      <div class="fields">
        <span>
          <label for="member-kvnr">KVNR</label>
          <input id="member-kvnr" ref={inputRef} value={kvnr} onInput={(e) => setKvnr(e.currentTarget.value)} placeholder="A123456780" />
        </span>
        <span class="or">oder</span>
        <span>
          <label for="member-last-name">Nachname</label>
          <input id="member-last-name" value={lastName} onInput={(e) => setLastName(e.currentTarget.value)} />
        </span>
        <span>
          <label for="member-birth-date">Geburtsdatum (optional)</label>
          <input id="member-birth-date" type="date" value={birthDate} onInput={(e) => setBirthDate(e.currentTarget.value)} />
        </span>
        <button type="submit" disabled={busy}>
          {busy ? 'Sucht …' : 'Suchen'}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {results?.length === 0 && <p class="empty">Keine versicherte Person gefunden.</p>}
      {results && results.length > 0 && (
        <ul class="plain results">
          {results.map((m) => (
            <li key={m.kvnr}>
              <span>{describeMember(m)}</span>{' '}
              <button type="button" onClick={() => onPick(m)}>
                Übernehmen
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
