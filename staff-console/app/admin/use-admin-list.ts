import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api.js';

/**
 * A list an admin works on: loaded from `path`, reloaded after each action; an action returns
 * the confirmation to show, and its failure is shown in German from the server's answer. A new
 * `refresh` value reloads it after a change made elsewhere on the page.
 */
export function useAdminList<T>(path: string, pick: (body: never) => T[], loadFailure: string, refresh = 0) {
  const [items, setItems] = useState<T[] | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  async function load() {
    try {
      setItems(pick(await api<never>('GET', path)));
    } catch (err) {
      setError(describeError(err, loadFailure));
    }
  }
  useEffect(() => void load(), [path, refresh]);

  async function act(work: () => Promise<string | void>, failure: string): Promise<void> {
    setError('');
    setNotice('');
    try {
      setNotice((await work()) ?? '');
    } catch (err) {
      setError(describeError(err, failure));
    }
    await load();
  }

  return { items, error, notice, act };
}
