import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Clock } from '../../platform/clock.js';
import { STAFF_ROLES } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError } from '../../platform/errors/index.js';
import { hashPassword, passwordSchema } from '../../platform/auth/password.js';
import type { StaffUser, StaffUsersRepository } from './staff-users.repository.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, {
    error: 'Der Benutzername besteht aus 3 bis 64 Zeichen: Buchstaben a–z, Ziffern, Punkt, Binde- oder Unterstrich.',
  });

export const newStaffUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(STAFF_ROLES, { error: 'Die Rolle muss agent, clerk oder admin sein.' }),
  password: passwordSchema,
});
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

  async create(input: NewStaffUserInput, actor: Actor): Promise<StaffUser> {
    const created = await this.users.create({
      username: input.username,
      displayName: input.displayName ?? input.username,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    if (!created) throw new ConflictError('username_taken', 'Dieser Benutzername ist bereits vergeben.');
    await this.record(actor, 'staff_user.create', created.id, { username: created.username, role: created.role });
    return created;
  }

  async disable(username: string, actor: Actor): Promise<StaffUser> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundError('Diesen Benutzer gibt es nicht.');
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
