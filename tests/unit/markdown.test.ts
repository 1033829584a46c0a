import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderMarkdown } from '../../staff-console/app/render-markdown.js';

describe('markdown in the console', () => {
  it('formats what the bot writes: bold, lists, paragraphs, links to a new tab', () => {
    const html = renderMarkdown('**Krankengeld** gibt es:\n\n- ab Tag 43\n- bis 78 Wochen\n\n[Formulare](https://example.org/formulare)');
    assert.match(html, /<strong>Krankengeld<\/strong>/);
    assert.match(html, /<ul>\s*<li>ab Tag 43<\/li>/);
    assert.match(html, /<a href="https:\/\/example.org\/formulare" target="_blank" rel="noopener noreferrer">Formulare<\/a>/);
  });

  it('never passes markup or script links through, whatever the text', () => {
    assert.doesNotMatch(renderMarkdown('<img src=x onerror=alert(1)> <script>alert(1)</script>'), /<img|<script/);
    assert.doesNotMatch(renderMarkdown('[klick](javascript:alert(1)) [b](data:text/html,<b>)'), /href="(javascript|data):/i);
    assert.doesNotMatch(renderMarkdown('![x](https://tracker.example/p.gif)'), /<img/);
    // Every tag in the output is one markdown makes, and a link carries only its own attributes.
    const allowed =
      /^<\/?(p|strong|em|s|ul|ol|li|code|pre|br|hr|blockquote|h[1-6]|table|thead|tbody|tr|th|td)( style="text-align:(left|center|right)")?\s?\/?>$|^<a href="[^"<>]*" target="_blank" rel="noopener noreferrer">$|^<\/a>$|^<ol start="\d+">$/;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'<>"\'=&*_[]()!`#-: \njavascript:onerror/x'.split('')), maxLength: 120 }),
        (text) => {
          const tags = renderMarkdown(text).match(/<[^>]*>/g) ?? [];
          return tags.every((tag) => allowed.test(tag));
        },
      ),
      { numRuns: 500 },
    );
  });
});
