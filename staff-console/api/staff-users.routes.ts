import { Router, type Request, type Response } from 'express';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import { parseInput } from '../../platform/http/validate.js';
import { authorize } from '../../domain/staff/session.middleware.js';
import {
  describeStaffUser,
  newStaffUserSchema,
  roleChangeSchema,
  usernameSchema,
  type Actor,
  type StaffUsersService,
} from '../../domain/staff/staff-users.service.js';

/** The logged-in staff user behind a request, for the audit log. */
export function actorOf(req: Request): Actor {
  const user = req.staff!.user;
  return { label: user.username, userId: user.id, requestId: String(req.id), ip: req.ip };
}

/** A staff member's successful action on something, in the audit log, with who, from where and in which request. */
export function auditAction(audit: AuditRepository) {
  return (req: Request, action: string, targetType: string, targetId?: string, details?: Record<string, unknown>) => {
    const actor = actorOf(req);
    return audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action,
      outcome: 'success',
      targetType,
      targetId,
      requestId: actor.requestId,
      ip: actor.ip,
      details,
    });
  };
}

/** Administration of staff accounts; admins only. */
export function staffUsersRoutes(service: StaffUsersService): Router {
  const router = Router();
  router.use(authorize('admin'));

  router.get('/', async (_req: Request, res: Response) => {
    res.json({ users: (await service.list()).map(describeStaffUser) });
  });

  router.post('/', async (req: Request, res: Response) => {
    const input = parseInput(newStaffUserSchema, req.body);
    const user = await service.create(input, actorOf(req));
    // A one-time password is shown exactly once, here.
    res.status(201).json({ user: describeStaffUser(user), oneTimePassword: user.oneTimePassword });
  });

  router.post('/:username/role', async (req: Request, res: Response) => {
    const username = parseInput(usernameSchema, req.params.username);
    const { role } = parseInput(roleChangeSchema, req.body);
    res.json({ user: describeStaffUser(await service.setRole(username, role, actorOf(req))) });
  });

  router.post('/:username/reset-password', async (req: Request, res: Response) => {
    const username = parseInput(usernameSchema, req.params.username);
    const { user, oneTimePassword } = await service.resetPassword(username, actorOf(req));
    res.json({ user: describeStaffUser(user), oneTimePassword });
  });

  router.post('/:username/disable', async (req: Request, res: Response) => {
    const username = parseInput(usernameSchema, req.params.username);
    const user = await service.disable(username, actorOf(req));
    res.json({ user: describeStaffUser(user) });
  });

  return router;
}
