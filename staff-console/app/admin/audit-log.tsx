import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { dateTime } from '../format.js';
import { ErrorMessage } from '../messages.js';
import { TableHead } from '../table-head.js';

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
}

const FILTERS = [
  { key: 'actor', label: 'Person', type: 'text' },
  { key: 'action', label: 'Aktion', type: 'text' },
  { key: 'from', label: 'von', type: 'date' },
  { key: 'to', label: 'bis', type: 'date' },
] as const;

/** Who did what and when: filtered by person, action and day, exported as CSV. */
export function AuditLog() {
  const [filter, setFilter] = useState({ actor: '', action: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState('');
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v.trim() !== '')).toString();

  async function load(event?: Event) {
    event?.preventDefault();
    setError('');
    try {
      setEntries((await api<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?${query}`)).entries);
    } catch (err) {
      setError(describeError(err, 'Das Protokoll konnte nicht geladen werden.'));
    }
  }
  useEffect(() => void load(), []);

  return (
    <section class="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Protokoll</h2>
      <form class="search-form" onSubmit={load}>
        {FILTERS.map((f) => (
          <div key={f.key}>
            <label for={`audit-${f.key}`}>{f.label}</label>
            <input
              id={`audit-${f.key}`}
              type={f.type}
              value={filter[f.key]}
              onInput={(e) => setFilter({ ...filter, [f.key]: e.currentTarget.value })}
            />
          </div>
        ))}
        <button type="submit">Filtern</button>
        <a href={`/api/admin/audit?${query ? `${query}&` : ''}format=csv`} download="protokoll.csv">
          Als CSV herunterladen
        </a>
      </form>
      <ErrorMessage text={error} />
      {entries && (
        <table class="queue">
          <caption>{entries.length} Einträge · neueste zuerst (höchstens 1.000)</caption>
          <TableHead columns={['Zeit', 'Person', 'Aktion', 'Ergebnis', 'Ziel']} />
          <tbody>
            {entries.slice(0, 200).map((entry) => (
              <tr key={entry.id}>
                <td>{dateTime(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.outcome}</td>
                <td>{entry.targetType ? `${entry.targetType}${entry.targetId ? ` ${entry.targetId}` : ''}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
