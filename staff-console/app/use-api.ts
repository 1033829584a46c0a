import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from './api.js';

/** One GET, loaded when `path` changes: the answer, or the failure in German; `data` is undefined while loading. */
export function useApi<T>(path: string, loadFailure: string) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let current = true;
    setError('');
    api<T>('GET', path)
      .then((body) => current && setData(body))
      .catch((err: unknown) => current && setError(describeError(err, loadFailure)));
    // A later path's answer must not be overwritten by an earlier one that arrives late.
    return () => {
      current = false;
    };
  }, [path]);
  return { data, error };
}
