import { TrackingIdLink } from '../tracking-id-link.js';
import { useState } from 'preact/hooks';
import type { MemberWithRequests } from '../../../domain/members/member-lookup.js';
import { useSearch } from '../use-search.js';
import { dateTime, germanDate } from '../format.js';
import { ErrorMessage } from '../messages.js';
import { typeLabel } from '../review/labels.js';

const KVNR = /^[A-Za-z]\s?\d(\s?\d){8}$/;
const STATUS: Record<string, string> = { received: 'eingegangen', checking: 'in Prüfung', needs_attention: 'Rückfrage nötig' };

/** Agents look a member up by name or KVNR and see what is open for them: submissions, certificates, PIN letters. */
export function MembersSection() {
  const [query, setQuery] = useState('');
  const { results: found, error, busy, run } = useSearch<MemberWithRequests>();

  async function search(event: Event) {
    event.preventDefault();
    const text = query.trim();
    const params = new URLSearchParams(KVNR.test(text) ? { kvnr: text.replace(/\s/g, '').toUpperCase() } : { name: text });
    await run(`/api/livechat/members?${params}`, (body: { members: MemberWithRequests[] }) => body.members);
  }

  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">Versicherte</h1>
      <form class="search-form card" role="search" onSubmit={search}>
        <div>
          <label for="member-query">Name oder Krankenversichertennummer</label>
          <input
            id="member-query"
            required
            value={query}
            autocomplete="off"
            placeholder="z. B. Krüger oder A123456780"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sucht …' : 'Suchen'}
        </button>
      </form>
      <ErrorMessage text={error} />
      {found?.length === 0 && <p role="status">Niemanden gefunden.</p>}
      {found?.map((member) => (
        <section key={member.kvnr} class="card" aria-label={member.name}>
          <h2>{member.name}</h2>
          <dl class="pairs">
            <dt>Krankenversichertennummer</dt>
            <dd>{member.kvnr}</dd>
            <dt>Geboren</dt>
            <dd>{germanDate(member.birthDate)}</dd>
            <dt>Wohnort</dt>
            <dd>{member.city}</dd>
          </dl>
          <h3>Offene Einreichungen</h3>
          {member.openSubmissions.length === 0 ? (
            <p class="muted">Keine.</p>
          ) : (
            <ul>
              {member.openSubmissions.map((s) => (
                <li key={s.trackingId}>
                  <strong>
                    <TrackingIdLink trackingId={s.trackingId} />
                  </strong>
                  {s.declaredType ? ` · ${typeLabel(s.declaredType)}` : ''} · {STATUS[s.status] ?? s.status} · eingegangen{' '}
                  {dateTime(s.receivedAt)}
                </li>
              ))}
            </ul>
          )}
          <h3>Bescheinigungen zum Versand</h3>
          {member.openCertificates.length === 0 ? (
            <p class="muted">Keine.</p>
          ) : (
            <ul>
              {member.openCertificates.map((c) => (
                <li key={c.reference}>
                  {c.reference} · angefordert {dateTime(c.requestedAt)}
                </li>
              ))}
            </ul>
          )}
          <h3>Einmal-PIN-Briefe</h3>
          {member.openPinLetters.length === 0 ? (
            <p class="muted">Keine offenen.</p>
          ) : (
            <ul>
              {member.openPinLetters.map((p) => (
                <li key={`${p.letterDate}-${p.purpose}`}>
                  {p.purpose} · Brief vom {germanDate(p.letterDate)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
