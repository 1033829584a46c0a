import { stringify } from 'yaml';
import type { KnowledgeEntry } from './entry.schema.js';

/**
 * An entry as its file in `entries/`: the front matter in the order the team writes it, then
 * the answer. Lists that are empty are left out, as in the hand-written files.
 */
export function entryToFile(entry: KnowledgeEntry): string {
  const frontMatter: Record<string, unknown> = { id: entry.id, question: entry.question };
  if (entry.phrasings.length > 0) frontMatter.phrasings = entry.phrasings;
  if (entry.english.length > 0) frontMatter.english = entry.english;
  if (entry.followUps.length > 0) frontMatter.followUps = entry.followUps;
  if (entry.action) frontMatter.action = entry.action;
  if (entry.review) frontMatter.review = entry.review;
  return `---\n${stringify(frontMatter, { lineWidth: 0 }).trimEnd()}\n---\n${entry.answer.trim()}\n`;
}

export const entryFileName = (id: string) => `${id}.md`;
