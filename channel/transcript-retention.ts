import { and, inArray, lt } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { chatConversations, storedFiles } from '../platform/db/schema.js';
import type { FileStorage } from '../platform/storage/file-storage.js';
import { fileNotInUse } from '../platform/storage/stored-files.repository.js';

/**
 * Ends what a conversation kept once it has been idle past the retention period: the transcript
 * (live chats and notes go with it) and the files uploaded in it. A file that became part of a
 * submission or a draft stays: the submission's retention rules apply to it.
 */
export class TranscriptRetention {
  constructor(
    private readonly db: Database,
    private readonly storage: Pick<FileStorage, 'remove'>,
  ) {}

  async purgeIdleSince(cutoff: Date): Promise<{ conversations: number; files: number }> {
    const { conversations, fileIds } = await this.db.transaction(async (tx) => {
      const idle = tx.select({ id: chatConversations.id }).from(chatConversations).where(lt(chatConversations.lastActivityAt, cutoff));
      const files = await tx
        .delete(storedFiles)
        .where(and(inArray(storedFiles.conversationId, idle), fileNotInUse(tx)))
        .returning({ id: storedFiles.id });
      const purged = await tx
        .delete(chatConversations)
        .where(lt(chatConversations.lastActivityAt, cutoff))
        .returning({ id: chatConversations.id });
      return { conversations: purged.length, fileIds: files.map((f) => f.id) };
    });
    // The rows are gone first: a crash here leaves bytes no link can reach, never a link without bytes.
    for (const id of fileIds) await this.storage.remove(id);
    return { conversations, files: fileIds.length };
  }
}
