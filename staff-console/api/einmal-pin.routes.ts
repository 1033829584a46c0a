import { Router, type Request, type Response } from 'express';
import { authorize } from '../../domain/staff/session.middleware.js';
import { actorOf } from './staff-users.routes.js';
import { parseInput } from '../../platform/http/validate.js';
import { z } from 'zod';
import { issuePinSchema, pinListSchema, type EinmalPinService } from '../../domain/members/einmal-pin/einmal-pin.service.js';

const pinId = z.uuid({ error: 'Ungültige ID.' });

/**
 * `GET /api/admin/einmal-pins?state&kvnr`: the letters with their state; `POST /:id/unlock` and
 * `POST /:id/revoke` act on one.
 * `POST /api/admin/einmal-pins` `{kvnr, purpose, letterDate?}`: issues a PIN and answers with
 * the letter as a PDF for printing. The PIN appears nowhere else (only its hash is stored).
 */
export function einmalPinRoutes(service: EinmalPinService): Router {
  const router = Router();
  router.use(authorize('admin'));
  router.post('/', async (req: Request, res: Response) => {
    const issued = await service.issue(parseInput(issuePinSchema, req.body), actorOf(req));
    res
      .status(201)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="einmal-pin-${issued.id}.pdf"`,
        'Cache-Control': 'no-store',
        'X-Einmal-Pin-Id': issued.id,
        'X-Valid-Until': issued.validUntil,
      })
      .send(issued.letter);
  });
  router.get('/', async (req: Request, res: Response) => {
    res.json({ pins: await service.list(parseInput(pinListSchema, req.query)) });
  });
  router.post('/:id/unlock', async (req: Request, res: Response) => {
    const id = parseInput(pinId, req.params.id);
    await service.unlock(id, actorOf(req));
    res.json({ id, unlocked: true });
  });
  router.post('/:id/revoke', async (req: Request, res: Response) => {
    const id = parseInput(pinId, req.params.id);
    await service.revoke(id, actorOf(req));
    res.json({ id, state: 'revoked' });
  });
  return router;
}
