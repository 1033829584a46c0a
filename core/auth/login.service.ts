import type { AuditRepository } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import { HttpError, UnauthenticatedError } from '../errors/index.js';
import { verifyAgainstDummy, verifyPassword } from './password.js';
import type { SessionsRepository, StaffSession } from './sessions.repository.js';
import type { StaffUser, StaffUsersRepository } from './staff-users.repository.js';

export interface LoginPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export interface RequestContext {
  requestId?: string;
  ip?: string;
}

export class AccountLockedError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(
      423,
      'account_locked',
      'Zu viele fehlgeschlagene Anmeldeversuche. Das Konto ist vorübergehend gesperrt; bitte versuchen Sie es später erneut.',
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
    private readonly policy: LoginPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the credentials and opens a fresh session. Unknown users, wrong passwords and
   * disabled accounts all get the same answer; a locked account says it is locked.
   */
  async login(username: string, password: string, ctx: RequestContext): Promise<{ token: string; session: StaffSession; user: StaffUser }> {
    const now = this.clock();
    const user = await this.users.findByUsername(username);
    const auditBase = { action: 'auth.login', targetType: 'staff_user', requestId: ctx.requestId, ip: ctx.ip };

    if (!user || user.disabledAt) {
      await verifyAgainstDummy(password);
      await this.audit.record({ ...auditBase, actor: user?.username ?? 'unknown', actorUserId: user?.id, outcome: 'failure', details: { reason: user ? 'disabled' : 'unknown_user' } });
      throw INVALID_CREDENTIALS();
    }

    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit.record({ ...auditBase, actor: user.username, actorUserId: user.id, targetId: user.id, outcome: 'denied', details: { reason: 'locked' } });
      throw new AccountLockedError(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
    }

    if (!(await verifyPassword(user.passwordHash, password))) {
      const lockUntil = new Date(now.getTime() + this.policy.lockoutMs);
      const result = await this.users.recordFailedLogin(user.id, this.policy.maxFailures, lockUntil);
      const lockedNow = result.lockedUntil !== null && result.lockedUntil > now;
      await this.audit.record({
        ...auditBase,
        actor: user.username,
        actorUserId: user.id,
        targetId: user.id,
        outcome: 'failure',
        details: { reason: 'wrong_password', failedLoginCount: result.failedLoginCount, locked: lockedNow },
      });
      if (lockedNow) throw new AccountLockedError(Math.ceil(this.policy.lockoutMs / 1000));
      throw INVALID_CREDENTIALS();
    }

    if (user.failedLoginCount > 0 || user.lockedUntil) await this.users.clearFailedLogins(user.id);
    const { token, session } = await this.sessions.create(user.id, now);
    await this.audit.record({ ...auditBase, actor: user.username, actorUserId: user.id, targetId: user.id, outcome: 'success' });
    return { token, session, user };
  }

  async logout(token: string, user: StaffUser, ctx: RequestContext): Promise<void> {
    await this.sessions.delete(token);
    await this.audit.record({ action: 'auth.logout', actor: user.username, actorUserId: user.id, outcome: 'success', targetType: 'staff_user', targetId: user.id, requestId: ctx.requestId, ip: ctx.ip });
  }
}
