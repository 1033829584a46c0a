import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditRepository } from '../platform/audit/audit.repository.js';
import { actorOf, auditAction } from './api/staff-users.routes.js';
import { authorize } from '../domain/staff/session.middleware.js';
import { CALLBACK_STATUSES } from '../platform/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/index.js';
import { addDaysIso, isoDateIn, type Clock } from '../platform/clock.js';
import { NO_NUL, withoutNul } from '../platform/http/validate.js';
import type { LiveChatQueue } from '../domain/livechat/livechat-queue.js';
import { readPhoneNumber } from '../domain/service-requests/callback-details.js';
import { memberLookupSchema, type MemberLookup } from '../domain/members/member-lookup.js';
import { TIME_WINDOWS } from '../domain/service-requests/service-hours.js';
import { parseInput } from '../platform/http/validate.js';
import { cannedResponseSchema, type CannedResponse, type CannedResponsesRepository } from '../domain/livechat/canned-responses.js';
import type { CallbackRequest, ServiceRequestsRepository } from '../domain/service-requests/service-requests.repository.js';
import type { CallbackView, CannedResponseView } from './api.types.js';

export interface LiveChatApiDeps {
  canned: CannedResponsesRepository;
  requests: ServiceRequestsRepository;
  audit: AuditRepository;
  /** The chats, to check that the agent holds the one a callback is made from. */
  chats: Pick<LiveChatQueue, 'find'>;
  /** Members and what is open for them, for agents on a chat or the phone. */
  members: MemberLookup;
  clock: Clock;
  timeZone: string;
}

/** How far ahead an agent may plan a callback for a member. */
const CALLBACK_DAYS_AHEAD = 30;

/** A callback an agent notes in a running chat, with what the member said in it. */
const callbackFromChat = z
  .object({
    name: z.string().trim().min(1, { error: 'Bitte den Namen angeben.' }).max(100).refine(withoutNul, NO_NUL),
    phone: z
      .string()
      .max(40)
      .transform((text, ctx) => {
        const phone = readPhoneNumber(text);
        if (!phone) ctx.addIssue({ code: 'custom', message: 'Bitte eine deutsche Telefonnummer mit Vorwahl angeben, z. B. 030 1234567.' });
        return phone ?? z.NEVER;
      }),
    preferredDate: z.iso.date({ error: 'Bitte den Tag als JJJJ-MM-TT angeben.' }),
    timeWindow: z.enum(TIME_WINDOWS, { error: 'Bitte ein Zeitfenster wählen.' }),
    topic: z.string().trim().min(1).max(200).refine(withoutNul, NO_NUL).optional(),
    consent: z.literal(true, { error: 'Bitte bestätigen Sie, dass die versicherte Person dem Rückruf zugestimmt hat.' }),
  })
  .strict();

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
  const recordAction = auditAction(deps.audit);
  const audit = (req: Request, action: string, targetId?: string, details?: Record<string, unknown>) =>
    recordAction(req, action, 'callback_request', targetId, details);

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

  router.get('/members', authorize('agent', 'admin'), async (req: Request, res: Response) => {
    res.json({ members: await deps.members.find(parseInput(memberLookupSchema, req.query), actorOf(req)) });
  });

  router.post('/sessions/:id/callback', authorize('agent', 'admin'), async (req: Request, res: Response) => {
    const sessionId = parseInput(id, req.params.id);
    const input = parseInput(callbackFromChat, req.body);
    const chat = await deps.chats.find(sessionId);
    if (!chat || chat.status !== 'active' || chat.acceptedBy !== req.staff!.user.id)
      throw new ConflictError('not_your_chat', 'Einen Rückruf können Sie nur aus einem Chat anlegen, den Sie gerade führen.');
    const today = isoDateIn(deps.timeZone, deps.clock());
    if (input.preferredDate < today || input.preferredDate > addDaysIso(today, CALLBACK_DAYS_AHEAD))
      throw new ValidationError([
        { field: 'preferredDate', message: `Bitte einen Tag von heute bis in ${CALLBACK_DAYS_AHEAD} Tagen wählen.` },
      ]);
    const callback = await deps.requests.addCallback({
      topic: input.topic ?? chat.topic,
      name: input.name,
      phone: input.phone,
      preferredDate: input.preferredDate,
      timeWindow: input.timeWindow,
      consentAt: deps.clock(),
      conversationId: chat.conversationId,
    });
    await audit(req, 'callback.create_from_chat', callback.id, { sessionId });
    res.status(201).json({ callback: callbackView(callback) });
  });

  return router;
}
