import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Clock } from '../../platform/clock.js';
import { STAFF_ROLES, type StaffRole } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/index.js';
import { hashPassword, passwordSchema, verifyPassword } from '../../platform/auth/password.js';
import type { StaffUser, StaffUsersRepository } from './staff-users.repository.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, {
    error: 'Der Benutzername besteht aus 3 bis 64 Zeichen: Buchstaben a–z, Ziffern, Punkt, Binde- oder Unterstrich.',
  });

const roleSchema = z.enum(STAFF_ROLES, { error: 'Die Rolle muss agent, clerk oder admin sein.' });

export const newStaffUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
  role: roleSchema,
  /** Without one, a one-time password is made, shown once and must be changed at the first login. */
  password: passwordSchema.optional(),
});

export const roleChangeSchema = z.object({ role: roleSchema }).strict();

export const passwordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema })
  .strict()
  .refine((p) => p.currentPassword !== p.newPassword, {
    error: 'Das neue Passwort muss sich vom bisherigen unterscheiden.',
    path: ['newPassword'],
  });

/** Letters and digits that cannot be mistaken for each other when read off a screen or paper. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: 20 random characters in groups of five (about 99 bits). */
export function newOneTimePassword(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => ONE_TIME_ALPHABET[b % ONE_TIME_ALPHABET.length]).join('');
  return chars.match(/.{5}/g)!.join('-');
}
export type NewStaffUserInput = z.infer<typeof newStaffUserSchema>;

/** Who performs an administrative action: a logged-in admin or the operator's CLI. */
export interface Actor {
  label: string;
  userId?: string;
  requestId?: string;
  ip?: string;
}

/** The public view of a staff user: never the password hash. */
export function describeStaffUser(user: StaffUser) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Creating and disabling staff accounts, shared by the admin API and the CLI; every change audited. */
export class StaffUsersService {
  constructor(
    private readonly users: StaffUsersRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Creates an account; without a password it gets a one-time password, returned here once. */
  async create(input: NewStaffUserInput, actor: Actor): Promise<StaffUser & { oneTimePassword?: string }> {
    const oneTimePassword = input.password ? undefined : newOneTimePassword();
    const created = await this.users.create({
      username: input.username,
      displayName: input.displayName ?? input.username,
      role: input.role,
      passwordHash: await hashPassword(input.password ?? oneTimePassword!),
      mustChangePassword: oneTimePassword !== undefined,
    });
    if (!created) throw new ConflictError('username_taken', 'Dieser Benutzername ist bereits vergeben.');
    await this.record(actor, 'staff_user.create', created.id, { username: created.username, role: created.role });
    return { ...created, oneTimePassword };
  }

  /**
   * On an installation without any staff account: an admin named `admin` with a one-time
   * password, for the first login. Returns it once (the caller prints it), or undefined when
   * accounts exist (or another process made the first one at the same moment).
   */
  async createFirstAdmin(): Promise<{ username: string; password: string } | undefined> {
    if ((await this.users.count()) > 0) return undefined;
    const password = newOneTimePassword();
    const created = await this.users.create({
      username: 'admin',
      displayName: 'Administration',
      role: 'admin',
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    });
    if (!created) return undefined;
    await this.record({ label: 'system' }, 'staff_user.first_admin', created.id, { username: created.username });
    return { username: created.username, password };
  }

  /** A person changes their own password (required after a one-time password). */
  async changeOwnPassword(user: StaffUser, input: z.output<typeof passwordChangeSchema>, actor: Actor): Promise<StaffUser> {
    if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
      throw new ValidationError([{ field: 'currentPassword', message: 'Das bisherige Passwort stimmt nicht.' }]);
    await this.users.setPassword(user.id, await hashPassword(input.newPassword), false, this.clock());
    await this.record(actor, 'staff_user.password_change', user.id, { username: user.username });
    return (await this.users.findById(user.id))!;
  }

  /** An admin resets a password: a one-time password, returned once; the account's sessions end. */
  async resetPassword(username: string, actor: Actor): Promise<{ user: StaffUser; oneTimePassword: string }> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('Diesen Benutzer gibt es nicht.');
    const oneTimePassword = newOneTimePassword();
    await this.users.setPassword(user.id, await hashPassword(oneTimePassword), true, this.clock());
    await this.record(actor, 'staff_user.password_reset', user.id, { username: user.username });
    return { user: (await this.users.findById(user.id))!, oneTimePassword };
  }

  /** An admin changes someone's role; never their own, so the installation cannot lose its last admin by accident. */
  async setRole(username: string, role: StaffRole, actor: Actor): Promise<StaffUser> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('Diesen Benutzer gibt es nicht.');
    if (user.id === actor.userId) throw new ConflictError('own_role', 'Die eigene Rolle kann nur ein anderer Admin ändern.');
    await this.users.setRole(user.id, role, this.clock());
    await this.record(actor, 'staff_user.role', user.id, { username: user.username, from: user.role, role });
    return (await this.users.findById(user.id))!;
  }

  async disable(username: string, actor: Actor): Promise<StaffUser> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('Diesen Benutzer gibt es nicht.');
    if (user.id === actor.userId) throw new ConflictError('own_account', 'Das eigene Konto kann nur ein anderer Admin deaktivieren.');
    if (!user.disabledAt) await this.users.disable(user.id, this.clock());
    await this.record(actor, 'staff_user.disable', user.id, { username: user.username });
    return (await this.users.findById(user.id)) ?? user;
  }

  findById(id: string): Promise<StaffUser | undefined> {
    return this.users.findById(id);
  }

  list(): Promise<StaffUser[]> {
    return this.users.list();
  }

  private record(actor: Actor, action: string, targetId: string, details: Record<string, unknown>) {
    return this.audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action,
      outcome: 'success',
      targetType: 'staff_user',
      targetId,
      requestId: actor.requestId,
      ip: actor.ip,
      details,
    });
  }
}
