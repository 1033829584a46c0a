import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../platform/clock.js';
import type { StaffRole } from '../../platform/db/schema.js';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors/index.js';
import { secureEquals } from '../../platform/secure-compare.js';
import './request-staff.js';
import type { SessionsRepository } from './sessions.repository.js';

export function sessionCookieName(isProduction: boolean): string {
  // The __Host- prefix pins the cookie to this origin over HTTPS with path=/.
  return isProduction ? '__Host-mk_staff' : 'mk_staff';
}

export function readSessionToken(req: Pick<Request, 'headers'>, cookieName: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parseCookies(header)[cookieName];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

/** Loads the staff session named by the cookie, if it is still live. Never rejects by itself. */
export function loadStaffSession(sessions: SessionsRepository, cookieName: string, clock: Clock): RequestHandler {
  return async (req, _res, next) => {
    const token = readSessionToken(req, cookieName);
    if (!token) return next();
    const now = clock();
    const found = await sessions.findLive(token, now);
    if (found === 'expired') req.staffSessionExpired = true;
    else if (found) {
      req.staff = { ...found, token };
      await sessions.touch(found.session, now);
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * With a one-time password (first admin, a reset) a session may only read who it is, change the
 * password or log out: whoever learnt the one-time password on the way cannot work with it.
 */
export function requirePasswordChanged(allowedPaths: string[]): RequestHandler {
  const allowed = new Set(allowedPaths);
  return (req, _res, next) => {
    if (!req.staff?.user.mustChangePassword || allowed.has(req.path)) return next();
    next(new ForbiddenError('password_change_required', 'Bitte ändern Sie zuerst Ihr Einmal-Passwort.'));
  };
}

/**
 * Synchronizer-token CSRF check: a state-changing request made with a staff session must
 * carry that session's token in `X-CSRF-Token`. SameSite=Strict cookies are the first line.
 * Exempt paths (the login, which accepts JSON only) must protect themselves otherwise.
 */
export function requireCsrfToken(exemptPaths: string[] = []): RequestHandler {
  const exempt = new Set(exemptPaths);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !req.staff || exempt.has(req.path)) return next();
    const sent = req.get('x-csrf-token');
    if (!sent || !secureEquals(sent, req.staff.session.csrfToken)) {
      return next(new ForbiddenError('csrf_token_invalid', 'Die Sicherheitsprüfung ist fehlgeschlagen. Bitte laden Sie die Seite neu.'));
    }
    next();
  };
}

/**
 * For state-changing requests from pages that cannot send the CSRF header: the browser's
 * `Origin` (or, failing that, `Sec-Fetch-Site`) must say the request came from our own origin.
 */
export function requireSameOrigin(publicOrigin: string): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    const host = req.get('host');
    const sameOrigin =
      origin !== undefined ? origin === publicOrigin || URL.parse(origin)?.host === host : req.get('sec-fetch-site') === 'same-origin';
    if (!sameOrigin)
      return next(
        new ForbiddenError(
          'csrf_origin_invalid',
          'Diese Änderung muss von der Seite dieses Dienstes kommen. Bitte laden Sie die Seite neu.',
        ),
      );
    next();
  };
}

/** Guards a staff route: 401 without a live session, 403 when the role is not among `roles`. */
export function authorize(...roles: StaffRole[]): RequestHandler {
  const allowed = new Set<StaffRole>(roles);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.staff) {
      return next(
        req.staffSessionExpired
          ? new UnauthenticatedError('session_expired', 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.')
          : new UnauthenticatedError(),
      );
    }
    if (!allowed.has(req.staff.user.role)) return next(new ForbiddenError());
    next();
  };
}

export const ANY_STAFF_ROLE: StaffRole[] = ['agent', 'clerk', 'editor', 'admin'];
