import { Router, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { HttpError, TooManyRequestsError } from '../../platform/errors/index.js';
import type { Logger } from '../../platform/logging/logger.js';
import { redisRateLimit } from '../../platform/http/rate-limit.js';
import { parseInput } from '../../platform/http/validate.js';
import type { LoginService } from '../../domain/staff/login.service.js';
import { ANY_STAFF_ROLE, authorize, readSessionToken } from '../../domain/staff/session.middleware.js';
import type { SessionsRepository, StaffSession } from '../../domain/staff/sessions.repository.js';
import { describeStaffUser, passwordChangeSchema, type StaffUsersService } from '../../domain/staff/staff-users.service.js';

const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
});

export interface AuthRoutesOptions {
  login: LoginService;
  users: StaffUsersService;
  sessions: SessionsRepository;
  redis: Redis;
  redisPrefix: string;
  cookieName: string;
  secureCookies: boolean;
  attemptsPerIpPer15Min: number;
  logger: Logger;
}

function sessionPayload(session: StaffSession) {
  return { csrfToken: session.csrfToken, expiresAt: session.absoluteExpiresAt.toISOString() };
}

function requestContext(req: Request) {
  return { requestId: String(req.id), ip: req.ip };
}

export function authRoutes(options: AuthRoutesOptions): Router {
  const router = Router();

  const loginLimiter = redisRateLimit({
    redis: options.redis,
    prefix: `${options.redisPrefix}:ratelimit:login:`,
    windowMs: 15 * 60 * 1000,
    limit: options.attemptsPerIpPer15Min,
    logger: options.logger,
    onLimit: (retryAfter) =>
      new TooManyRequestsError(
        'too_many_attempts',
        'Zu viele Anmeldeversuche von dieser Adresse. Bitte warten Sie einige Minuten.',
        retryAfter,
      ),
  });

  router.post('/login', loginLimiter, async (req: Request, res: Response) => {
    // JSON only: a cross-site HTML form cannot send it, which closes login CSRF.
    if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'Bitte senden Sie JSON.');
    const { username, password } = parseInput(loginSchema, req.body);
    const { token, session, user } = await options.login.login(username, password, requestContext(req));

    // A fresh session id at every login; a session the browser still held is ended.
    const previous = readSessionToken(req, options.cookieName);
    if (previous) await options.sessions.delete(previous);

    res.cookie(options.cookieName, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookies,
      path: '/',
      expires: session.absoluteExpiresAt,
    });
    res.json({ user: describeStaffUser(user), ...sessionPayload(session) });
  });

  router.post('/logout', authorize(...ANY_STAFF_ROLE), async (req: Request, res: Response) => {
    const staff = req.staff!;
    await options.login.logout(staff.token, staff.user, requestContext(req));
    res.clearCookie(options.cookieName, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/' });
    res.status(204).end();
  });

  router.post('/password', authorize(...ANY_STAFF_ROLE), async (req: Request, res: Response) => {
    const staff = req.staff!;
    const input = parseInput(passwordChangeSchema, req.body);
    const user = await options.users.changeOwnPassword(staff.user, input, {
      label: staff.user.username,
      userId: staff.user.id,
      ...requestContext(req),
    });
    res.json({ user: describeStaffUser(user), ...sessionPayload(staff.session) });
  });

  router.get('/me', authorize(...ANY_STAFF_ROLE), (req: Request, res: Response) => {
    const staff = req.staff!;
    res.json({ user: describeStaffUser(staff.user), ...sessionPayload(staff.session) });
  });

  return router;
}
