import { useState } from 'preact/hooks';
import { api, describeError } from './api.js';

/** A search form's results: `run` asks the server; a failure clears them and says why in German. */
export function useSearch<T>(failure = 'Die Suche ist fehlgeschlagen.') {
  const [results, setResults] = useState<T[] | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(path: string, pick: (body: never) => T[]): Promise<void> {
    setBusy(true);
    setError('');
    try {
      setResults(pick(await api<never>('GET', path)));
    } catch (err) {
      setResults(undefined);
      setError(describeError(err, failure));
    } finally {
      setBusy(false);
    }
  }

  return { results, error, busy, run };
}
