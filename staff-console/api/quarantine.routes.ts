import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { parseInput } from '../../platform/http/validate.js';
import { authorize } from '../../domain/staff/session.middleware.js';
import type { QuarantineService } from '../../domain/documents/quarantine.js';
import { actorOf } from './staff-users.routes.js';

const documentId = z.uuid({ error: 'Ungültige Dokument-ID.' });

/** Quarantined documents (metadata only) and the release of false positives after a rescan; admins only. */
export function quarantineRoutes(quarantine: QuarantineService): Router {
  const router = Router();
  router.use(authorize('admin'));
  router.get('/', async (_req: Request, res: Response) => {
    res.json({ documents: await quarantine.list() });
  });
  router.post('/:id/release', async (req: Request, res: Response) => {
    res.json(await quarantine.release(parseInput(documentId, req.params.id), actorOf(req)));
  });
  return router;
}
