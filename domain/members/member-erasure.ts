import { and, eq, inArray, like, notExists, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../../platform/db/client.js';
import {
  auditLog,
  botState,
  callbackRequests,
  certificateRequests,
  chatActivities,
  chatConversations,
  classificationExamples,
  documentDeliveries,
  documentPages,
  draftFiles,
  einmalPins,
  faqUnanswered,
  livechatSessions,
  members,
  storedFiles,
  submissionDocuments,
  submissions,
} from '../../platform/db/schema.js';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import type { Actor } from '../staff/staff-users.service.js';
import { fileNotInUse } from '../../platform/storage/stored-files.repository.js';
import { escapeLike } from '../../platform/db/like.js';

/** What an erasure removed, by kind: the answer to the member's Art. 17 request, without content. */
export interface ErasureReport {
  member: number;
  dependantsUnlinked: number;
  einmalPins: number;
  submissions: number;
  documents: number;
  documentPages: number;
  deliveries: number;
  /** Documents the core system had already taken over: its own erasure applies to those copies. */
  deliveredToCoreSystem: number;
  classificationExamples: number;
  certificateRequests: number;
  callbackRequests: number;
  conversations: number;
  botState: number;
  draftFiles: number;
  unansweredQuestions: number;
  files: number;
  auditRowsScrubbed: number;
}

/** Rolls back an erasure that found nothing of the KVNR. */
class NothingToEraseError extends Error {}

/** `%text%` for LIKE, with the text's own wildcards escaped. */
const containing = (text: string) => `%${escapeLike(text)}%`;

/**
 * Removes every piece of one insured person's data (DSGVO Art. 17): the master record, PINs,
 * submissions and documents about them (declared, assigned, suggested, or naming their KVNR),
 * the conversations that identified them, callbacks in their name, and the questions and
 * training texts that quote them. Audit rows stay, emptied of content. One transaction for the
 * rows; the files are deleted after it commits.
 */
export class MemberErasure {
  constructor(
    private readonly db: Database,
    private readonly storage: Pick<FileStorage, 'removeEverywhere'>,
    private readonly audit: AuditRepository,
  ) {}

  /** Erases the member, or returns undefined when there is none of that KVNR. Audited with counts only, never the KVNR. */
  async erase(kvnr: string, actor: Actor): Promise<ErasureReport | undefined> {
    const report = await this.eraseRows(kvnr);
    if (!report) return undefined;
    await this.audit.record({
      actor: actor.label,
      actorUserId: actor.userId,
      action: 'member.erase',
      outcome: 'success',
      targetType: 'member',
      requestId: actor.requestId,
      ip: actor.ip,
      details: { ...report },
    });
    return report;
  }

  private async eraseRows(kvnr: string): Promise<ErasureReport | undefined> {
    const result = await this.db
      .transaction(async (tx) => {
        // Without a master record (never imported, erased before, data arrived since) the KVNR alone finds the rest.
        const [member] = await tx.select().from(members).where(eq(members.kvnr, kvnr)).for('update');
        const fullName = member ? `${member.firstName} ${member.lastName}` : undefined;
        const mentions = (column: AnyPgColumn) =>
          or(sql`${column}::text ilike ${containing(kvnr)}`, fullName ? sql`${column}::text ilike ${containing(fullName)}` : undefined)!;
        const fileIds: string[] = [];
        const report = { member: member ? 1 : 0 } as ErasureReport;

        // PINs and what was uploaded under them.
        const pins = await tx.delete(einmalPins).where(eq(einmalPins.kvnr, kvnr)).returning({ id: einmalPins.id });
        report.einmalPins = pins.length;
        const pinDrafts = pins.length
          ? await tx
              .delete(draftFiles)
              .where(
                inArray(
                  draftFiles.draftKey,
                  pins.map((p) => `pin:${p.id}`),
                ),
              )
              .returning({ fileId: draftFiles.fileId })
          : [];

        // Documents about the member, and the submissions they came in.
        const declared = tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.kvnr, kvnr));
        const quoting = tx.select({ id: documentPages.documentId }).from(documentPages).where(mentions(documentPages.text));
        const documents = await tx
          .select({ id: submissionDocuments.id, fileId: submissionDocuments.fileId, submissionId: submissionDocuments.submissionId })
          .from(submissionDocuments)
          .where(
            or(
              eq(submissionDocuments.assignedKvnr, kvnr),
              eq(submissionDocuments.suggestedKvnr, kvnr),
              inArray(submissionDocuments.submissionId, declared),
              inArray(submissionDocuments.id, quoting),
            ),
          );
        const documentIds = documents.map((d) => d.id);
        const submissionIds = [...new Set(documents.map((d) => d.submissionId))];
        report.documents = documents.length;
        report.deliveries = 0;
        report.deliveredToCoreSystem = 0;
        report.documentPages = 0;
        if (documentIds.length > 0) {
          const deliveries = await tx.delete(documentDeliveries).where(inArray(documentDeliveries.documentId, documentIds)).returning({
            documentId: documentDeliveries.documentId,
            status: documentDeliveries.status,
            attempts: documentDeliveries.attempts,
          });
          report.deliveries = deliveries.length;
          // Any attempt may have reached the core system (an answer lost, a page fetched but not yet acknowledged).
          report.deliveredToCoreSystem = new Set(
            deliveries.filter((d) => d.attempts > 0 || d.status === 'delivered' || d.status === 'acknowledged').map((d) => d.documentId),
          ).size;
          report.documentPages = (
            await tx.delete(documentPages).where(inArray(documentPages.documentId, documentIds)).returning({ page: documentPages.page })
          ).length;
          await tx.delete(classificationExamples).where(inArray(classificationExamples.documentId, documentIds));
          await tx.delete(submissionDocuments).where(inArray(submissionDocuments.id, documentIds));
        }
        report.classificationExamples = (
          await tx.delete(classificationExamples).where(mentions(classificationExamples.text)).returning({ id: classificationExamples.id })
        ).length;
        const goneSubmissions = await tx
          .delete(submissions)
          .where(
            or(
              eq(submissions.kvnr, kvnr),
              and(
                inArray(submissions.id, submissionIds.length ? submissionIds : ['00000000-0000-0000-0000-000000000000']),
                notExists(
                  tx
                    .select({ id: submissionDocuments.id })
                    .from(submissionDocuments)
                    .where(eq(submissionDocuments.submissionId, submissions.id)),
                ),
              ),
            ),
          )
          .returning({ conversationId: submissions.conversationId });
        report.submissions = goneSubmissions.length;

        const certificates = await tx
          .delete(certificateRequests)
          .where(eq(certificateRequests.kvnr, kvnr))
          .returning({ conversationId: certificateRequests.conversationId });
        report.certificateRequests = certificates.length;

        // Conversations that identified the member: by their requests, a live chat's summary, or their words.
        const conversationIds = new Set(
          [...goneSubmissions, ...certificates].map((r) => r.conversationId).filter((id): id is string => id !== null),
        );
        for (const row of await tx
          .select({ id: livechatSessions.conversationId })
          .from(livechatSessions)
          .where(or(sql`${livechatSessions.summary}->>'kvnr' = ${kvnr}`, mentions(livechatSessions.summary))))
          conversationIds.add(row.id);
        for (const row of await tx
          .selectDistinct({ id: chatActivities.conversationId })
          .from(chatActivities)
          .where(mentions(chatActivities.activity)))
          conversationIds.add(row.id);
        const conversations = [...conversationIds];
        report.callbackRequests = (
          await tx
            .delete(callbackRequests)
            .where(
              or(
                fullName ? sql`lower(${callbackRequests.name}) = lower(${fullName})` : undefined,
                conversations.length ? inArray(callbackRequests.conversationId, conversations) : undefined,
              ),
            )
            .returning({ id: callbackRequests.id })
        ).length;
        const chatDrafts = conversations.length
          ? await tx
              .delete(draftFiles)
              .where(or(...conversations.map((id) => like(draftFiles.draftKey, `%:${escapeLike(id)}`))))
              .returning({ fileId: draftFiles.fileId })
          : [];
        report.draftFiles = pinDrafts.length + chatDrafts.length;
        report.botState = (
          await tx
            .delete(botState)
            .where(or(mentions(botState.data), ...conversations.map((id) => like(botState.key, containing(id)))))
            .returning({ key: botState.key })
        ).length;

        // Files: the documents', the drafts', and the uploads of those conversations no one else holds.
        fileIds.push(...documents.map((d) => d.fileId), ...pinDrafts.map((d) => d.fileId), ...chatDrafts.map((d) => d.fileId));
        const candidates = [...new Set(fileIds)];
        const removedFiles = await this.deleteFileRows(tx, candidates, conversations);
        report.conversations = conversations.length
          ? (await tx.delete(chatConversations).where(inArray(chatConversations.id, conversations)).returning({ id: chatConversations.id }))
              .length
          : 0;
        report.files = removedFiles.length;

        report.unansweredQuestions = (
          await tx.delete(faqUnanswered).where(mentions(faqUnanswered.question)).returning({ q: faqUnanswered.question })
        ).length;
        report.dependantsUnlinked = (
          await tx.update(members).set({ familyOf: null }).where(eq(members.familyOf, kvnr)).returning({ k: members.kvnr })
        ).length;
        await tx.delete(members).where(eq(members.kvnr, kvnr));
        report.auditRowsScrubbed = (
          await tx
            .update(auditLog)
            .set({
              targetId: sql`case when ${auditLog.targetId} ilike ${containing(kvnr)} then null else ${auditLog.targetId} end`,
              details: null,
            })
            .where(or(sql`${auditLog.targetId} ilike ${containing(kvnr)}`, mentions(auditLog.details)))
            .returning({ id: auditLog.id })
        ).length;
        // Nothing anywhere: a KVNR this service never held (or already erased); the empty transaction rolls back.
        if (Object.values(report).every((count) => count === 0)) throw new NothingToEraseError();
        return { report, removedFiles };
      })
      .catch((err: unknown) => {
        if (err instanceof NothingToEraseError) return undefined;
        throw err;
      });
    if (!result) return undefined;
    for (const id of result.removedFiles) await this.storage.removeEverywhere(id);
    return result.report;
  }

  /** Deletes the rows of these files and of the conversations' uploads, where nothing else still holds them. */
  private async deleteFileRows(tx: Transaction, fileIds: string[], conversations: string[]): Promise<string[]> {
    const which = or(
      fileIds.length ? inArray(storedFiles.id, fileIds) : undefined,
      conversations.length ? inArray(storedFiles.conversationId, conversations) : undefined,
    );
    if (!which) return [];
    const rows = await tx
      .delete(storedFiles)
      .where(and(which, fileNotInUse(tx)))
      .returning({ id: storedFiles.id });
    return rows.map((r) => r.id);
  }
}
