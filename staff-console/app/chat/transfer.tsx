import { useState } from 'preact/hooks';
import type { Colleague } from '../../socket/events.js';

interface Props {
  sessionId: string;
  colleagues(): Promise<Colleague[]>;
  transfer(agentId: string): Promise<boolean>;
}

/** Hands the chat to an available colleague with room for it; the list is read when opened. */
export function Transfer({ sessionId, colleagues, transfer }: Props) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<Colleague[] | null>(null);
  const [target, setTarget] = useState('');

  async function show() {
    setOpen(true);
    setList(null);
    const found = await colleagues();
    setList(found);
    setTarget(found[0]?.id ?? '');
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (target && (await transfer(target))) setOpen(false);
  }

  if (!open) {
    return (
      <button type="button" onClick={show}>
        Übergeben …
      </button>
    );
  }
  return (
    <form class="inline-form transfer" onSubmit={submit}>
      {list === null && <span role="status">Kolleginnen und Kollegen werden geladen …</span>}
      {list?.length === 0 && <span role="status">Gerade ist niemand verfügbar, der das Gespräch übernehmen kann.</span>}
      {list && list.length > 0 && (
        <>
          <label for={`transfer-${sessionId}`}>Übergeben an</label>
          <select id={`transfer-${sessionId}`} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.chats} {c.chats === 1 ? 'Gespräch' : 'Gespräche'})
              </option>
            ))}
          </select>
          <button type="submit" class="primary">
            Übergeben
          </button>
        </>
      )}
      <button type="button" class="link" onClick={() => setOpen(false)}>
        Abbrechen
      </button>
    </form>
  );
}
