import MarkdownIt from 'markdown-it';

/**
 * The bot's answers are markdown (as Web Chat shows them to the member). markdown-it with raw
 * HTML off escapes any markup in the text, and its link check drops javascript:, vbscript:,
 * file: and data: links; links open in a new tab without access to the console. Images are
 * off: nothing in a chat line loads from elsewhere.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true }).disable('image');
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
markdown.renderer.rules.link_open = (tokens, i, options, env, self) => {
  tokens[i]!.attrSet('target', '_blank');
  tokens[i]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, i, options, env, self);
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
