import { useState } from 'preact/hooks';
import type { CallbackView } from '../../api.types.js';
import { TIME_WINDOWS, windowLabel } from '../../../domain/service-requests/service-hours.js';
import { api, describeError } from '../api.js';
import { germanDate } from '../format.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';

const tomorrow = () => new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA');

/** A callback the member asked the agent for in this chat: noted with the member's consent, listed under Rückrufe. */
export function CallbackFromChat({ sessionId, topic }: { sessionId: string; topic: string }) {
  const blank = { name: '', phone: '', preferredDate: tomorrow(), timeWindow: '10-12', topic, consent: false };
  const [form, setForm] = useState(blank);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const field = (key: 'name' | 'phone' | 'preferredDate' | 'topic') => ({
    id: `cb-${key}-${sessionId}`,
    value: form[key],
    onInput: (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value }),
  });

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setNotice('');
    try {
      const { callback } = await api<{ callback: CallbackView }>('POST', `/api/livechat/sessions/${sessionId}/callback`, form);
      setNotice(
        `Rückruf ${callback.reference} für den ${germanDate(callback.preferredDate)}, ${windowLabel(callback.timeWindow)}, ist angelegt.`,
      );
      setForm(blank);
    } catch (err) {
      setError(describeError(err, 'Der Rückruf konnte nicht angelegt werden.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="callback-from-chat">
      <summary>Rückruf vereinbaren</summary>
      <form onSubmit={save}>
        <label for={`cb-name-${sessionId}`}>Name</label>
        <input {...field('name')} required autocomplete="off" />
        <label for={`cb-phone-${sessionId}`}>Telefon</label>
        <input {...field('phone')} required type="tel" autocomplete="off" placeholder="z. B. 030 1234567" />
        <label for={`cb-preferredDate-${sessionId}`}>Tag</label>
        <input {...field('preferredDate')} required type="date" />
        <label for={`cb-window-${sessionId}`}>Zeitfenster</label>
        <select
          id={`cb-window-${sessionId}`}
          value={form.timeWindow}
          onChange={(e) => setForm({ ...form, timeWindow: e.currentTarget.value })}
        >
          {TIME_WINDOWS.map((w) => (
            <option key={w} value={w}>
              {windowLabel(w)}
            </option>
          ))}
        </select>
        <label for={`cb-topic-${sessionId}`}>Anliegen</label>
        <input {...field('topic')} required />
        <label class="checkbox">
          <input type="checkbox" checked={form.consent} onChange={(e) => setForm({ ...form, consent: e.currentTarget.checked })} /> Die
          versicherte Person möchte zurückgerufen werden und ist einverstanden.
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Wird angelegt …' : 'Rückruf anlegen'}
        </button>
      </form>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
    </details>
  );
}
