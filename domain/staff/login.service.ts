import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Clock } from '../../platform/clock.js';
import { HttpError, UnauthenticatedError } from '../../platform/errors/index.js';
import { verifyAgainstDummy, verifyPassword } from '../../platform/auth/password.js';
import type { LoginThrottleRepository } from './login-throttle.repository.js';
import type { SessionsRepository, StaffSession } from './sessions.repository.js';
import type { StaffUser, StaffUsersRepository } from './staff-users.repository.js';

export interface RequestContext {
  requestId?: string;
  ip?: string;
}

export class AccountLockedError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(
      423,
      'account_locked',
      'Zu viele fehlgeschlagene Anmeldeversuche mit diesem Benutzernamen. Die Anmeldung ist von hier aus vorübergehend gesperrt; bitte versuchen Sie es später erneut.',
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

const INVALID_CREDENTIALS = () => new UnauthenticatedError('invalid_credentials', 'Benutzername oder Passwort ist falsch.');

export class LoginService {
  constructor(
    private readonly users: StaffUsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the credentials and opens a fresh session. Unknown users, wrong passwords and
   * disabled accounts all get the same answer. Too many failures for one username from one
   * address lock that pair for a while, whether the username exists or not: the answer says
   * nothing about the account, and a colleague at another address can still log in.
   */
  async login(username: string, password: string, ctx: RequestContext): Promise<{ token: string; session: StaffSession; user: StaffUser }> {
    const now = this.clock();
    const address = ctx.ip ?? 'unknown';
    const auditBase = { action: 'auth.login', targetType: 'staff_user', requestId: ctx.requestId, ip: ctx.ip };

    const lockedUntil = await this.throttle.lockedUntil(username, address, now);
    if (lockedUntil) {
      await verifyAgainstDummy(password);
      await this.audit.record({ ...auditBase, actor: 'unknown', outcome: 'denied', details: { reason: 'locked' } });
      throw new AccountLockedError(Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
    }

    const user = await this.users.findByUsername(username);
    const valid =
      user && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
    if (!user || user.disabledAt || !valid) {
      const lockedNow = await this.throttle.recordFailure(username, address, now);
      const reason = !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password';
      await this.audit.record({
        ...auditBase,
        actor: user?.username ?? 'unknown',
        actorUserId: user?.id,
        targetId: user?.id,
        outcome: 'failure',
        details: { reason, locked: lockedNow !== undefined },
      });
      if (lockedNow) throw new AccountLockedError(Math.ceil((lockedNow.getTime() - now.getTime()) / 1000));
      throw INVALID_CREDENTIALS();
    }

    await this.throttle.clear(username, address);
    await this.users.recordLogin(user.id, now);
    const { token, session } = await this.sessions.create(user.id, now);
    await this.audit.record({ ...auditBase, actor: user.username, actorUserId: user.id, targetId: user.id, outcome: 'success' });
    return { token, session, user };
  }

  /** Login failures nobody repeated for a day are forgotten. */
  purgeStaleFailures(now: Date): Promise<number> {
    return this.throttle.purge(now);
  }

  async logout(token: string, user: StaffUser, ctx: RequestContext): Promise<void> {
    await this.sessions.delete(token);
    await this.audit.record({
      action: 'auth.logout',
      actor: user.username,
      actorUserId: user.id,
      outcome: 'success',
      targetType: 'staff_user',
      targetId: user.id,
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
  }
}
