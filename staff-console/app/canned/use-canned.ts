import { useEffect, useState } from 'preact/hooks';
import type { CannedResponseView } from '../../api.types.js';
import { api } from '../api.js';

/** The shared prepared answers; re-read every few minutes so admins' edits arrive without a reload. */
export function useCannedResponses(): CannedResponseView[] {
  const [responses, setResponses] = useState<CannedResponseView[]>([]);
  useEffect(() => {
    const load = () =>
      api<{ responses: CannedResponseView[] }>('GET', '/api/livechat/canned-responses')
        .then((r) => setResponses(r.responses))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 5 * 60_000);
    return () => clearInterval(timer);
  }, []);
  return responses;
}

/** "#dan" at the end of the draft: the shortcut being typed, if any. */
export function typedShortcut(draft: string): string | undefined {
  return /(?:^|\s)#([\p{L}\d-]*)$/u.exec(draft)?.[1]?.toLowerCase();
}

/** The prepared answers whose shortcut starts with what was typed, best first. */
export function matchingResponses(responses: CannedResponseView[], typed: string): CannedResponseView[] {
  return responses.filter((r) => r.shortcut.startsWith(typed)).slice(0, 5);
}

/** The draft with "#shortcut" at its end replaced by the answer's text. */
export function insertResponse(draft: string, response: CannedResponseView): string {
  return draft.replace(/#[\p{L}\d-]*$/u, response.text);
}
