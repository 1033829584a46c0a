import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditRepository } from '../platform/audit/audit.repository.js';
import { actorOf } from './api/staff-users.routes.js';
import { authorize } from '../domain/staff/session.middleware.js';
import { CALLBACK_STATUSES } from '../platform/db/schema.js';
import { NotFoundError } from '../platform/errors/index.js';
import { parseInput } from '../platform/http/validate.js';
import { cannedResponseSchema, type CannedResponse, type CannedResponsesRepository } from '../domain/livechat/canned-responses.js';
import type { CallbackRequest, ServiceRequestsRepository } from '../domain/service-requests/service-requests.repository.js';
import type { CallbackView, CannedResponseView } from './api.types.js';

export interface LiveChatApiDeps {
  canned: CannedResponsesRepository;
  requests: ServiceRequestsRepository;
  audit: AuditRepository;
}

const id = z.uuid({ error: 'Unbekannte Kennung.' });
const callbackStatus = z.enum(CALLBACK_STATUSES, { error: 'Unbekannter Status.' });
const callbackListQuery = z.object({ status: callbackStatus.default('open') });
const callbackChange = z
  .object({
    status: callbackStatus,
    scheduledFor: z.iso.datetime({ offset: true, error: 'Bitte geben Sie einen gültigen Zeitpunkt an.' }).nullable().default(null),
    notes: z.string().trim().max(4000, { error: 'Die Notiz ist zu lang (höchstens 4000 Zeichen).' }).default(''),
  })
  .refine((c) => c.status !== 'scheduled' || c.scheduledFor !== null, {
    message: 'Für einen geplanten Rückruf braucht es einen Zeitpunkt.',
    path: ['scheduledFor'],
  });

const cannedView = (c: CannedResponse): CannedResponseView => ({
  id: c.id,
  shortcut: c.shortcut,
  title: c.title,
  text: c.text,
  updatedAt: c.updatedAt.toISOString(),
});

const callbackView = (c: CallbackRequest): CallbackView => ({
  id: c.id,
  reference: c.reference,
  topic: c.topic,
  name: c.name,
  phone: c.phone,
  preferredDate: c.preferredDate,
  timeWindow: c.timeWindow,
  status: c.status,
  scheduledFor: c.scheduledFor?.toISOString() ?? null,
  notes: c.notes,
  createdAt: c.createdAt.toISOString(),
});

/**
 * The live chat's staff API beside the socket: prepared answers (all agents read them, admins
 * edit them) and the callback list (agents see and plan the calls members asked for). Reading
 * callbacks shows members' phone numbers, so every list and change is audit-logged.
 */
export function liveChatApiRoutes(deps: LiveChatApiDeps): Router {
  const router = Router();
  const audit = (req: Request, action: string, targetId?: string, details?: Record<string, unknown>) => {
    const actor = actorOf(req);
    return deps.audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action,
      outcome: 'success',
      targetType: 'callback_request',
      targetId,
      requestId: actor.requestId,
      ip: actor.ip,
      details,
    });
  };

  router.get('/canned-responses', authorize('agent', 'admin'), async (_req: Request, res: Response) => {
    res.json({ responses: (await deps.canned.list()).map(cannedView) });
  });

  router.post('/canned-responses', authorize('admin'), async (req: Request, res: Response) => {
    const input = parseInput(cannedResponseSchema, req.body);
    res.status(201).json({ response: cannedView(await deps.canned.create(input, req.staff!.user.id)) });
  });

  router.put('/canned-responses/:id', authorize('admin'), async (req: Request, res: Response) => {
    const input = parseInput(cannedResponseSchema, req.body);
    res.json({ response: cannedView(await deps.canned.update(parseInput(id, req.params.id), input, req.staff!.user.id)) });
  });

  router.delete('/canned-responses/:id', authorize('admin'), async (req: Request, res: Response) => {
    await deps.canned.remove(parseInput(id, req.params.id));
    res.status(204).end();
  });

  router.get('/callbacks', authorize('agent', 'admin'), async (req: Request, res: Response) => {
    const { status } = parseInput(callbackListQuery, req.query);
    const callbacks = await deps.requests.listCallbacks(status === 'done' ? ['done', 'cancelled'] : [status]);
    await audit(req, 'callback.list', undefined, { status, count: callbacks.length });
    res.json({ callbacks: callbacks.map(callbackView) });
  });

  router.put('/callbacks/:id', authorize('agent', 'admin'), async (req: Request, res: Response) => {
    const callbackId = parseInput(id, req.params.id);
    const change = parseInput(callbackChange, req.body);
    const updated = await deps.requests.updateCallback(
      callbackId,
      { ...change, scheduledFor: change.scheduledFor ? new Date(change.scheduledFor) : null },
      req.staff!.user.id,
    );
    if (!updated) throw new NotFoundError('Diesen Rückrufwunsch gibt es nicht (mehr).');
    await audit(req, 'callback.update', callbackId, { status: change.status });
    res.json({ callback: callbackView(updated) });
  });

  return router;
}
