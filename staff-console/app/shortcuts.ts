import { useEffect, useRef } from 'preact/hooks';

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Enter and Space on a focused link or button do what the link or button says, not a shortcut. */
function activatesFocused(key: string, target: EventTarget | null): boolean {
  return (key === 'Enter' || key === ' ') && target instanceof HTMLElement && !!target.closest('a[href], button, summary, [role="button"]');
}

/**
 * Single-key shortcuts for fast triage ("j", "k", "/"), ignored while the clerk types in a
 * field; keys written with a modifier ("Ctrl+Enter") work everywhere.
 */
export function useShortcuts(map: ShortcutMap): void {
  const current = useRef(map);
  current.current = map;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const name = `${event.ctrlKey || event.metaKey ? 'Ctrl+' : ''}${event.altKey ? 'Alt+' : ''}${event.key}`;
      const handler = current.current[name];
      if (!handler || (name === event.key && (isTyping(event.target) || activatesFocused(event.key, event.target)))) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
