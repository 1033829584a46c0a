import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { livechatNotes, staffUsers } from '../../platform/db/schema.js';

export interface ChatNote {
  id: string;
  text: string;
  author: string;
  createdAt: Date;
}

/** Agents' private notes on a chat; the member never sees them. */
export class LiveChatNotesRepository {
  constructor(private readonly db: Database) {}

  async add(sessionId: string, authorId: string, text: string): Promise<ChatNote> {
    const [row] = await this.db.insert(livechatNotes).values({ id: randomUUID(), sessionId, authorId, text }).returning();
    const [author] = await this.db.select({ name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, authorId));
    return { id: row!.id, text: row!.text, author: author?.name ?? '', createdAt: row!.createdAt };
  }

  async list(sessionId: string): Promise<ChatNote[]> {
    const rows = await this.db
      .select({ id: livechatNotes.id, text: livechatNotes.text, author: staffUsers.displayName, createdAt: livechatNotes.createdAt })
      .from(livechatNotes)
      .leftJoin(staffUsers, eq(staffUsers.id, livechatNotes.authorId))
      .where(eq(livechatNotes.sessionId, sessionId))
      .orderBy(asc(livechatNotes.createdAt));
    return rows.map((r) => ({ ...r, author: r.author ?? '' }));
  }
}
