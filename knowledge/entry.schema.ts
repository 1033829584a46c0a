import { z } from 'zod';

export const ENTRY_ACTIONS = ['submit_document', 'callback', 'handoff', 'certificate', 'status', 'pin_login'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

const entryId = z.string().regex(/^[a-z][a-z0-9_]{2,63}$/, { error: 'ids are lower-case letters, digits and _' });

const isoDate = z.iso.date();

/**
 * Where an entry's rules come from and when someone last checked the answer against them
 * (issue 20): the legal reference or the insurer's own document, the date the rules apply
 * from, and who reviewed the answer on which day.
 */
const reviewSchema = z.object({
  sources: z.array(z.string().trim().min(3).max(200)).min(1).max(10),
  validFrom: isoDate,
  reviewedAt: isoDate,
  reviewer: z.string().trim().min(2).max(100),
});

/** One knowledge entry: the front matter of a file in knowledge/entries/, plus its body as the answer. */
export const knowledgeEntrySchema = z.object({
  id: entryId,
  question: z.string().trim().min(5).max(200),
  phrasings: z.array(z.string().trim().min(2).max(200)).max(100).default([]),
  /** How members ask it in English; English questions are matched against these (the answer stays German). */
  english: z.array(z.string().trim().min(2).max(200)).max(50).default([]),
  followUps: z.array(entryId).max(5).default([]),
  action: z.enum(ENTRY_ACTIONS).optional(),
  review: reviewSchema.optional(),
  answer: z.string().trim().min(10).max(2000),
});

export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;

/** knowledge/synonyms.yaml: groups of words that mean the same; the first is the canonical one. */
export const synonymsSchema = z.array(z.array(z.string().trim().min(2)).min(2));

/**
 * knowledge/not-covered.yaml: subjects members ask about that the knowledge base does not answer
 * (another benefit, another authority, an app feature that does not exist), each with how members
 * ask it. A question closest to one of them gets the honest fallback, never a neighbouring entry.
 */
export const notCoveredSchema = z
  .array(z.object({ topic: z.string().trim().min(2).max(100), phrasings: z.array(z.string().trim().min(2).max(300)).min(1).max(50) }))
  .default([]);
export type NotCoveredTopic = z.infer<typeof notCoveredSchema>[number];
