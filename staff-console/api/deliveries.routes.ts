import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError } from '../../platform/errors/index.js';
import { parseInput } from '../../platform/http/validate.js';
import { authorize } from '../../domain/staff/session.middleware.js';
import type { DeliveriesRepository } from '../../domain/documents/deliveries.repository.js';
import type { DeliveryOutbox } from '../../domain/documents/delivery-outbox.js';
import { actorOf } from './staff-users.routes.js';

const deliveryId = z.uuid({ error: 'Ungültige Zustellungs-ID.' });

/** The dead letter of deliveries to the core system, and redelivery; admins only. */
export function deliveriesRoutes(deps: { deliveries: DeliveriesRepository; outbox: DeliveryOutbox; audit: AuditRepository }): Router {
  const router = Router();
  router.use(authorize('admin'));

  router.get('/failed', async (_req: Request, res: Response) => {
    res.json({ deliveries: await deps.deliveries.failed() });
  });

  router.post('/:id/redeliver', async (req: Request, res: Response) => {
    const id = parseInput(deliveryId, req.params.id);
    if (!(await deps.deliveries.find(id))) throw new NotFoundError('Diese Zustellung gibt es nicht.');
    if (!(await deps.outbox.redeliver(id)))
      throw new ConflictError('not_failed', 'Diese Zustellung ist nicht fehlgeschlagen (oder wird schon erneut zugestellt).');
    const actor = actorOf(req);
    await deps.audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action: 'delivery.redeliver',
      outcome: 'success',
      targetType: 'delivery',
      targetId: id,
      requestId: actor.requestId,
      ip: actor.ip,
    });
    res.status(202).json({ id, status: 'pending' });
  });

  return router;
}
