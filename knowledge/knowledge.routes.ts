import { Router, type Request, type Response } from 'express';
import { authorize } from '../domain/staff/session.middleware.js';
import type { FaqFeedbackRepository } from './feedback.repository.js';

/** The learning loop for admins: what members asked that the bot could not answer, and ratings. */
export function knowledgeRoutes(feedback: FaqFeedbackRepository): Router {
  const router = Router();
  router.use(authorize('admin'));
  router.get('/unanswered', async (_req: Request, res: Response) => {
    const rows = await feedback.listUnanswered();
    res.json({
      questions: rows.map((r) => ({
        question: r.question,
        count: r.count,
        lastDecision: r.lastDecision,
        candidates: r.lastCandidates,
        lastSeenAt: r.lastSeenAt.toISOString(),
      })),
    });
  });
  router.get('/ratings', async (_req: Request, res: Response) => {
    res.json({
      ratings: (await feedback.listRatings()).map((r) => ({ entryId: r.entryId, helpful: r.helpful, notHelpful: r.notHelpful })),
    });
  });
  return router;
}
