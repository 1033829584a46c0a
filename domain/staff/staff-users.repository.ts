import { asc, count, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { staffSessions, staffUsers, type StaffRole } from '../../platform/db/schema.js';

export type StaffUser = typeof staffUsers.$inferSelect;

export interface NewStaffUser {
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  mustChangePassword?: boolean;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export class StaffUsersRepository {
  constructor(private readonly db: Database) {}

  async findByUsername(username: string): Promise<StaffUser | undefined> {
    const [row] = await this.db
      .select()
      .from(staffUsers)
      .where(eq(staffUsers.username, normaliseUsername(username)));
    return row;
  }

  async findById(id: string): Promise<StaffUser | undefined> {
    const [row] = await this.db.select().from(staffUsers).where(eq(staffUsers.id, id));
    return row;
  }

  /** Returns undefined when the username is taken. */
  async create(user: NewStaffUser): Promise<StaffUser | undefined> {
    const [row] = await this.db
      .insert(staffUsers)
      .values({ ...user, username: normaliseUsername(user.username) })
      .onConflictDoNothing({ target: staffUsers.username })
      .returning();
    return row;
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(staffUsers);
    return row?.n ?? 0;
  }

  /** A new password; a one-time one (`mustChange`) also ends the account's sessions. */
  async setPassword(id: string, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(staffUsers).set({ passwordHash, mustChangePassword: mustChange, updatedAt: at }).where(eq(staffUsers.id, id));
      if (mustChange) await tx.delete(staffSessions).where(eq(staffSessions.userId, id));
    });
  }

  async setRole(id: string, role: StaffRole, at: Date): Promise<void> {
    await this.db.update(staffUsers).set({ role, updatedAt: at }).where(eq(staffUsers.id, id));
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.db.update(staffUsers).set({ lastLoginAt: at }).where(eq(staffUsers.id, id));
  }

  list(): Promise<StaffUser[]> {
    return this.db.select().from(staffUsers).orderBy(asc(staffUsers.username));
  }

  /** Disables the account and ends all its sessions in one transaction. */
  async disable(id: string, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(staffUsers).set({ disabledAt: at, updatedAt: at }).where(eq(staffUsers.id, id));
      await tx.delete(staffSessions).where(eq(staffSessions.userId, id));
    });
  }
}
