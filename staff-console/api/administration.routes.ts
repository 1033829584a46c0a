import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import { CHANNEL_SCOPES } from '../../platform/db/schema.js';
import { ConflictError } from '../../platform/errors/index.js';
import { toCsv } from '../../platform/http/csv.js';
import { NO_NUL, parseInput, withoutNul } from '../../platform/http/validate.js';
import { channelNameSchema, type IntakeChannels } from '../../domain/channels/channel-keys.js';
import type { ServiceRequestsRepository } from '../../domain/service-requests/service-requests.repository.js';
import { authorize } from '../../domain/staff/session.middleware.js';
import type { OpeningHours, OpeningHoursSpec } from '../../domain/livechat/opening-hours.js';
import { TIME_WINDOWS, windowLabel } from '../../domain/service-requests/service-hours.js';
import { addDaysIso, isoDateIn, type Clock } from '../../platform/clock.js';
import { auditAction } from './staff-users.routes.js';

const newChannel = z
  .object({ name: channelNameSchema, scope: z.enum(CHANNEL_SCOPES, { error: 'Der Bereich muss intake oder export sein.' }) })
  .strict();
const day = z.iso
  .date({ error: 'Bitte das Datum als JJJJ-MM-TT angeben.' })
  .refine((d) => d >= '1900-01-01', { error: 'Bitte ein Datum ab 1900 angeben.' });
const auditFilter = z
  .object({
    actor: z.string().trim().min(1).max(100).refine(withoutNul, NO_NUL).optional(),
    action: z.string().trim().min(1).max(100).refine(withoutNul, NO_NUL).optional(),
    from: day.optional(),
    to: day.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
const certificateId = z.uuid({ error: 'Ungültige ID.' });

export interface AdministrationDeps {
  channels: IntakeChannels;
  requests: ServiceRequestsRepository;
  audit: AuditRepository;
  timeZone: string;
  clock: Clock;
  /** The live chat's hours as configured (LIVECHAT_HOURS, LIVECHAT_HOLIDAYS, LIVECHAT_CLOSED_DAYS). */
  serviceHours: { hours: OpeningHours; spec: OpeningHoursSpec };
}

/** How far ahead the closed days are listed. */
const CLOSED_DAYS_AHEAD = 120;

/** Channel keys, certificates to post, the service hours and the audit log, for admins in the console. */
export function administrationRoutes(deps: AdministrationDeps): Router {
  const router = Router();
  router.use(authorize('admin'));
  const record = auditAction(deps.audit);

  router.get('/channels', async (_req: Request, res: Response) => {
    res.json({ channels: await deps.channels.list() });
  });
  router.post('/channels', async (req: Request, res: Response) => {
    const { name, scope } = parseInput(newChannel, req.body);
    const key = await deps.channels.add(name, scope);
    await record(req, 'channel.add', 'channel', name, { scope });
    // The key is shown exactly once, here; only its hash is stored.
    res.status(201).json({ name, scope, key });
  });
  router.post('/channels/:name/revoke', async (req: Request, res: Response) => {
    const name = parseInput(channelNameSchema, req.params.name);
    await deps.channels.revoke(name);
    await record(req, 'channel.revoke', 'channel', name);
    res.json({ name, revoked: true });
  });

  router.get('/certificates', async (req: Request, res: Response) => {
    const certificates = await deps.requests.certificatesToSend();
    await record(req, 'certificate.list', 'certificate', undefined, { results: certificates.length });
    res.json({ certificates });
  });
  router.post('/certificates/:id/sent', async (req: Request, res: Response) => {
    const id = parseInput(certificateId, req.params.id);
    if (!(await deps.requests.markCertificateSent(id)))
      throw new ConflictError('not_open', 'Diese Bescheinigung wartet nicht (mehr) auf den Versand.');
    await record(req, 'certificate.sent', 'certificate', id);
    res.json({ id, status: 'sent' });
  });

  router.get('/service-hours', (_req: Request, res: Response) => {
    const { hours, spec } = deps.serviceHours;
    const now = deps.clock();
    const today = isoDateIn(deps.timeZone, now);
    const region = spec.holidayRegion ? [spec.holidayRegion.country, spec.holidayRegion.state].filter(Boolean).join('-') : null;
    res.json({
      timeZone: deps.timeZone,
      openNow: hours.isOpen(now),
      liveChat: { hours: hours.describe(), holidayRegion: region, closedDays: spec.closedDays },
      closedAhead: hours.closedDaysBetween(today, addDaysIso(today, CLOSED_DAYS_AHEAD)),
      callbacks: { days: 'Mo–Fr', windows: TIME_WINDOWS.map(windowLabel) },
    });
  });

  router.get('/audit', async (req: Request, res: Response) => {
    const { format, ...filter } = parseInput(auditFilter, req.query);
    const entries = await deps.audit.search(filter, deps.timeZone);
    if (format === 'json') return void res.json({ entries });
    const header = ['at', 'actor', 'action', 'outcome', 'targetType', 'targetId', 'requestId', 'ip', 'details'];
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="protokoll.csv"')
      .send(
        toCsv(
          header,
          entries.map((e) => [e.at, e.actor, e.action, e.outcome, e.targetType, e.targetId, e.requestId, e.ip, e.details]),
        ),
      );
  });

  return router;
}
