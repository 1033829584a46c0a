import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { submissionDocuments, submissions } from '../platform/db/schema.js';
import type { Logger } from '../platform/logging/logger.js';

/** Sends a bot message into a member's chat conversation (the channel's proactive path). */
export type PostToConversation = (conversationId: string, text: string) => Promise<unknown>;

export const QUARANTINE_NOTICE = (trackingId: string) =>
  `Hinweis zu Ihrer Sendung ${trackingId}: In einer Ihrer Dateien haben wir Schadsoftware gefunden. ` +
  'Wir haben die Datei gesperrt; sie wird nicht bearbeitet. Bitte prüfen Sie Ihr Gerät mit einem Virenschutzprogramm ' +
  'und senden Sie das Dokument danach erneut, zum Beispiel als neues Foto oder neu erstelltes PDF.';

/**
 * Tells a member in the chat what happened to a document when they must act: a file that was
 * quarantined. The message goes into the conversation's transcript, so a member who is still
 * online sees it at once and one who comes back finds it there. Submissions from other channels
 * have no conversation; their status API shows the quarantine.
 */
export class MemberNotices {
  constructor(
    private readonly db: Database,
    private readonly post: PostToConversation,
    private readonly logger: Logger,
  ) {}

  async documentQuarantined(documentId: string): Promise<void> {
    const [row] = await this.db
      .select({ trackingId: submissions.trackingId, conversationId: submissions.conversationId })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(eq(submissionDocuments.id, documentId));
    if (!row?.conversationId) return;
    try {
      await this.post(row.conversationId, QUARANTINE_NOTICE(row.trackingId));
    } catch (err) {
      // The conversation may be gone (retention); the member still sees the status by tracking ID.
      this.logger.warn({ err, documentId }, 'Quarantine notice could not be posted to the conversation');
    }
  }
}
