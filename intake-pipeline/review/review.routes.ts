import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { authorize } from '../../core/auth/session.middleware.js';
import { parseInput } from '../../core/http/validate.js';
import { reviewDecisionSchema, type Reviewer, type ReviewService } from './review.service.js';

const documentId = z.uuid({ error: 'Ungültige Dokument-ID.' });

function reviewerOf(req: Request): Reviewer {
  const user = req.staff!.user;
  return { username: user.username, userId: user.id, requestId: String(req.id), ip: req.ip };
}

/** The clerks' review API (clerk and admin roles; agents get 403). */
export function reviewRoutes(review: ReviewService): Router {
  const router = Router();
  router.use(authorize('clerk', 'admin'));
  router.get('/queue', async (_req: Request, res: Response) => {
    res.json({ documents: await review.queue() });
  });
  router.get('/documents/:id', async (req: Request, res: Response) => {
    res.json(await review.view(parseInput(documentId, req.params.id), reviewerOf(req)));
  });
  router.post('/documents/:id/decision', async (req: Request, res: Response) => {
    res.json(await review.decide(parseInput(documentId, req.params.id), parseInput(reviewDecisionSchema, req.body), reviewerOf(req)));
  });
  return router;
}
