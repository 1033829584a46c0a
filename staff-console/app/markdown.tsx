import { renderMarkdown } from './render-markdown.js';

/** Markdown shown formatted; the HTML comes only from markdown-it's safe rendering. */
export function Markdown({ text, class: className = 'md' }: { text: string; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
