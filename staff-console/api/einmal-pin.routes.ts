import { Router, type Request, type Response } from 'express';
import { authorize } from '../../domain/staff/session.middleware.js';
import { actorOf } from './staff-users.routes.js';
import { parseInput } from '../../platform/http/validate.js';
import { issuePinSchema, type EinmalPinService } from '../../domain/members/einmal-pin/einmal-pin.service.js';

/**
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
  return router;
}
