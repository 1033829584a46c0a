import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { staffSessions, staffUsers, type StaffRole } from '../../platform/db/schema.js';

export type StaffUser = typeof staffUsers.$inferSelect;

export interface NewStaffUser {
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
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
