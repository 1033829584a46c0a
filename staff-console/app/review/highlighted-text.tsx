function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text with every occurrence of the terms marked (case-insensitive); rendered as text nodes, never as HTML. */
export function HighlightedText({ text, terms }: { text: string; terms: string[] }) {
  const usable = terms.filter((t) => t.trim().length >= 2).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return <>{text}</>;
  const parts = text.split(new RegExp(`(${usable.map(escapeRegExp).join('|')})`, 'gi'));
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}
