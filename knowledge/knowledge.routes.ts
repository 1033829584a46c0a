import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../platform/errors/index.js';
import { parseInput } from '../platform/http/validate.js';
import { authorize } from '../domain/staff/session.middleware.js';
import type { FaqFeedbackRepository } from './feedback.repository.js';
import {
  entryInputSchema,
  newEntrySchema,
  phrasingSchema,
  reviewInputSchema,
  type Editor,
  type KnowledgeEditor,
} from './knowledge-editor.js';
import type { KnowledgeService } from './knowledge-base.js';
import { entriesDueForReview } from './review-due.js';
import { groupUnanswered } from './unanswered-groups.js';

const entryId = z.string().regex(/^[a-z][a-z0-9_]{2,63}$/, { error: 'Unbekannter Eintrag.' });

export interface KnowledgeRoutesDeps {
  knowledge: KnowledgeService;
  editor: KnowledgeEditor;
  feedback: FaqFeedbackRepository;
  /** Answers not reviewed for this many days are listed for review. */
  reviewMaxAgeDays: number;
}

const editorOf = (req: Request): Editor => {
  const user = req.staff!.user;
  return { label: user.username, name: user.displayName, userId: user.id, requestId: String(req.id), ip: req.ip };
};

/**
 * Knowledge care for admins and editors: what members asked that the bot could not answer
 * (grouped), the ratings, and the entries themselves, edited with their effect shown first.
 */
export function knowledgeRoutes({ knowledge, editor, feedback, reviewMaxAgeDays }: KnowledgeRoutesDeps): Router {
  const router = Router();
  router.use(authorize('admin', 'editor'));

  router.get('/unanswered', async (_req: Request, res: Response) => {
    const questions = (await feedback.listUnanswered()).map((r) => ({
      question: r.question,
      count: r.count,
      lastDecision: r.lastDecision,
      candidates: r.lastCandidates,
      lastSeenAt: r.lastSeenAt.toISOString(),
    }));
    res.json({ questions, groups: groupUnanswered(questions) });
  });
  router.get('/ratings', async (_req: Request, res: Response) => {
    res.json({
      ratings: (await feedback.listRatings()).map((r) => ({ entryId: r.entryId, helpful: r.helpful, notHelpful: r.notHelpful })),
    });
  });

  router.get('/entries', async (_req: Request, res: Response) => {
    const ratings = new Map((await feedback.listRatings()).map((r) => [r.entryId, r]));
    res.json({
      entries: knowledge
        .entries()
        .sort((a, b) => a.question.localeCompare(b.question, 'de'))
        .map((e) => ({
          id: e.id,
          question: e.question,
          phrasings: e.phrasings.length,
          action: e.action ?? null,
          reviewedAt: e.review?.reviewedAt ?? null,
          helpful: ratings.get(e.id)?.helpful ?? 0,
          notHelpful: ratings.get(e.id)?.notHelpful ?? 0,
        })),
    });
  });
  router.get('/entries/:id', (req: Request, res: Response) => {
    const entry = knowledge.entry(parseInput(entryId, req.params.id));
    if (!entry) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
    res.json({ entry });
  });

  // Effect first: nothing is written.
  router.post('/entries/preview', async (req: Request, res: Response) => {
    const { id, ...input } = parseInput(newEntrySchema, req.body);
    res.json(await editor.preview(id, input, 'new'));
  });
  router.post('/entries/:id/preview', async (req: Request, res: Response) => {
    res.json(await editor.preview(parseInput(entryId, req.params.id), parseInput(entryInputSchema, req.body), 'edit'));
  });

  router.post('/entries', async (req: Request, res: Response) => {
    const { id, ...input } = parseInput(newEntrySchema, req.body);
    res.status(201).json(await editor.save(id, input, 'new', editorOf(req)));
  });
  router.put('/entries/:id', async (req: Request, res: Response) => {
    res.json(await editor.save(parseInput(entryId, req.params.id), parseInput(entryInputSchema, req.body), 'edit', editorOf(req)));
  });
  // The dated figures the answers use, with today's value and any later one already entered.
  router.get('/figures', (_req: Request, res: Response) => {
    res.json({ figures: knowledge.figures.summaries(knowledge.today()) });
  });
  // Entries a reviewer should look at now, and why.
  router.get('/review-due', (_req: Request, res: Response) => {
    const policy = { today: knowledge.today(), maxAgeDays: reviewMaxAgeDays };
    res.json({ maxAgeDays: reviewMaxAgeDays, entries: entriesDueForReview(knowledge.entries(), knowledge.figures, policy) });
  });
  router.post('/entries/:id/reviewed', async (req: Request, res: Response) => {
    const id = parseInput(entryId, req.params.id);
    res.json({ entry: await editor.markReviewed(id, parseInput(reviewInputSchema, req.body), editorOf(req)) });
  });
  router.post('/entries/:id/phrasings', async (req: Request, res: Response) => {
    const { question } = parseInput(phrasingSchema, req.body);
    res.json(await editor.addPhrasing(parseInput(entryId, req.params.id), question, editorOf(req)));
  });
  return router;
}
