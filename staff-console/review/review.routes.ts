import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { authorize } from '../../domain/staff/session.middleware.js';
import { ValidationError } from '../../platform/errors/index.js';
import { parseInput } from '../../platform/http/validate.js';
import { parseTrackingId } from '../../domain/submissions/tracking-id.js';
import { documentSearchSchema, type DocumentSearch } from './document-search.js';
import { memberSearchSchema, reviewDecisionSchema, type Reviewer, type ReviewService } from './review.service.js';

const documentId = z.uuid({ error: 'Ungültige Dokument-ID.' });
const pageNumber = z.coerce.number().int().min(1, { error: 'Ungültige Seitenzahl.' }).max(500, { error: 'Ungültige Seitenzahl.' });

function trackingIdOf(req: Request): string {
  const trackingId = parseTrackingId(String(req.params.trackingId));
  if (!trackingId) throw new ValidationError([{ field: 'trackingId', message: 'Das ist keine gültige Tracking-ID.' }]);
  return trackingId;
}

function reviewerOf(req: Request): Reviewer {
  const user = req.staff!.user;
  return { username: user.username, userId: user.id, requestId: String(req.id), ip: req.ip };
}

/** The clerks' review API (clerk and admin roles; agents get 403). */
export function reviewRoutes(review: ReviewService, search: DocumentSearch): Router {
  const router = Router();
  router.use(authorize('clerk', 'admin'));
  router.get('/documents', async (req: Request, res: Response) => {
    res.json({ documents: await search.search(parseInput(documentSearchSchema, req.query), reviewerOf(req)) });
  });
  router.get('/queue', async (_req: Request, res: Response) => {
    res.json({ documents: await review.queue() });
  });
  router.get('/documents/:id', async (req: Request, res: Response) => {
    res.json(await review.view(parseInput(documentId, req.params.id), reviewerOf(req)));
  });
  router.get('/documents/:id/pages/:page', async (req: Request, res: Response) => {
    const image = await review.pageImage(parseInput(documentId, req.params.id), parseInput(pageNumber, req.params.page), reviewerOf(req));
    res.set('Cache-Control', 'private, no-store').type('image/png').send(image);
  });
  router.get('/submissions/:trackingId', async (req: Request, res: Response) => {
    res.json(await review.byTrackingId(trackingIdOf(req), reviewerOf(req)));
  });
  router.get('/members', async (req: Request, res: Response) => {
    res.json({ members: await review.searchMembers(parseInput(memberSearchSchema, req.query), reviewerOf(req)) });
  });
  router.post('/documents/:id/decision', async (req: Request, res: Response) => {
    res.json(await review.decide(parseInput(documentId, req.params.id), parseInput(reviewDecisionSchema, req.body), reviewerOf(req)));
  });
  router.post('/documents/:id/reroute', async (req: Request, res: Response) => {
    res.json(await review.reroute(parseInput(documentId, req.params.id), parseInput(reviewDecisionSchema, req.body), reviewerOf(req)));
  });
  return router;
}
