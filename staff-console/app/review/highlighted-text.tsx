function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Text with every occurrence of the terms marked (case-insensitive), and the passages facts were
 * read from marked as such; rendered as text nodes, never as HTML.
 */
export function HighlightedText({ text, terms, passages = [] }: { text: string; terms: string[]; passages?: string[] }) {
  const usable = [...terms, ...passages].filter((t) => t.trim().length >= 2).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return <>{text}</>;
  const isPassage = new Set(passages.map((p) => p.toLowerCase()));
  const parts = text.split(new RegExp(`(${usable.map(escapeRegExp).join('|')})`, 'gi'));
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 0 ? (
          part
        ) : isPassage.has(part.toLowerCase()) ? (
          <mark key={i} class="fact" title="Angabe aus dem Dokument">
            {part}
          </mark>
        ) : (
          <mark key={i}>{part}</mark>
        ),
      )}
    </>
  );
}
