import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/errors/index.js';
import { parseInput } from '../../platform/http/validate.js';
import { kvnrSchema, normaliseKvnr } from '../../domain/members/kvnr.js';
import type { MemberErasure } from '../../domain/members/member-erasure.js';
import { authorize } from '../../domain/staff/session.middleware.js';
import { actorOf } from './staff-users.routes.js';

const confirmation = z.object({ confirm: z.string().max(20) }).strict();

/** Erasure of a member's data on request (DSGVO Art. 17); admins only, with the KVNR typed again. */
export function memberErasureRoutes(erasure: MemberErasure): Router {
  const router = Router();
  router.use(authorize('admin'));
  router.post('/:kvnr/erase', async (req: Request, res: Response) => {
    const kvnr = parseInput(kvnrSchema, req.params.kvnr);
    const { confirm } = parseInput(confirmation, req.body);
    if (normaliseKvnr(confirm) !== kvnr)
      throw new ValidationError([
        { field: 'confirm', message: 'Bitte zur Bestätigung die Krankenversichertennummer noch einmal eingeben.' },
      ]);
    const report = await erasure.erase(kvnr, actorOf(req));
    if (!report) throw new NotFoundError('Zu dieser Krankenversichertennummer sind hier keine Daten gespeichert.');
    res.json({ report });
  });
  return router;
}
