import { randomUUID } from 'node:crypto';
import {
  botDailyOutcomes,
  callbackRequests,
  chatActivities,
  chatConversations,
  livechatSessions,
  storedFiles,
  submissionDocuments,
  submissions,
} from '../../platform/db/schema.js';
import type { Core } from '../../server/container.js';
import { addDaysIso } from '../../platform/clock.js';
import { uniqueName } from './system.js';

/** A moment in Berlin's local time (March 2025: UTC+1). */
export const berlin = (local: string) => new Date(`${local}+01:00`);
const seconds = (at: Date, s: number) => new Date(at.getTime() + s * 1000);

/**
 * Conversations, chats, callbacks and documents on a Monday early in 2025 (where no other test
 * writes; each test its own Monday, in winter time) whose figures are known;
 * tests/integration/statistics.test.ts names each. Agent X took two chats
 * (rated 5), agent Y one (rated 3).
 */
export async function seedStatistics(core: Core, agentXId: string, agentYId: string, day = '2025-03-03'): Promise<void> {
  const db = core.database.db;
  const monday = berlin(`${day}T09:00:00`);
  const nextDay = addDaysIso(day, 1);
  const conversation = async (createdAt: Date, memberWrote: boolean) => {
    const id = uniqueName('stats-conv-');
    await db.insert(chatConversations).values({ id, userId: `dl_${id}`, createdAt, lastActivityAt: createdAt });
    await db.insert(chatActivities).values([
      { conversationId: id, seq: 1, activityId: `${id}-1`, type: 'message', fromRole: 'bot', activity: { text: 'Hallo' }, createdAt },
      ...(memberWrote
        ? [
            {
              conversationId: id,
              seq: 2,
              activityId: `${id}-2`,
              type: 'message',
              fromRole: 'user' as const,
              activity: { text: 'Frage' },
              createdAt,
            },
          ]
        : []),
    ]);
    return id;
  };
  await conversation(monday, true); // A: the bot alone
  const b = await conversation(monday, true);
  const c = await conversation(monday, true);
  await conversation(monday, false); // D: opened, never wrote
  await conversation(berlin(`${nextDay}T00:30:00`), true); // E

  await db.insert(botDailyOutcomes).values([
    { day, outcome: 'answer', count: 6 },
    { day, outcome: 'action', count: 1 },
    { day, outcome: 'suggest', count: 2 },
    { day, outcome: 'fallback', count: 1 },
  ]);

  // Live chats: waits 60, 120 and 600 s; lengths 300 and 600 s; ratings 5 and 3; one left the queue.
  const chat = (conversationId: string, wait: number | null, length: number | null, agent: string | null, rating: number | null) => ({
    id: randomUUID(),
    conversationId,
    status: wait === null ? ('cancelled' as const) : length === null ? ('active' as const) : ('ended' as const),
    topic: 'Krankengeld',
    summary: { recentMessages: [], trackingIds: [], kvnr: null },
    requestedAt: monday,
    acceptedBy: agent,
    acceptedAt: wait === null ? null : seconds(monday, wait),
    endedAt: wait !== null && length !== null ? seconds(monday, wait + length) : null,
    rating,
  });
  await db
    .insert(livechatSessions)
    .values([
      { ...chat(b, 60, 300, agentXId, 5), status: 'ended' },
      { ...chat(await conversation(monday, false), 120, 600, agentXId, null), status: 'ended' },
      chat(await conversation(monday, false), 600, null, agentYId, 3),
      chat(await conversation(monday, false), null, null, null, null),
    ]);

  await db.insert(callbackRequests).values(
    (['open', 'scheduled', 'done'] as const).map((status, i) => ({
      id: randomUUID(),
      reference: uniqueName('RR-'),
      topic: 'Krankengeld',
      name: 'Erika Muster',
      phone: '+4930123456',
      preferredDate: nextDay,
      timeWindow: '10-12',
      consentAt: monday,
      status,
      conversationId: i === 0 ? c : null,
      createdAt: monday,
      updatedAt: monday,
    })),
  );

  const submission = async (source: string) => {
    const id = randomUUID();
    await db.insert(submissions).values({ id, trackingId: uniqueName('MK-STATS-'), source, createdAt: monday, updatedAt: monday });
    return id;
  };
  const chatSubmission = await submission('chat');
  const scanSubmission = await submission('channel:scanzentrum');
  const documents: Array<Partial<typeof submissionDocuments.$inferInsert> & { submissionId: string }> = [
    { submissionId: chatSubmission, status: 'routed', documentType: 'sick_note' },
    { submissionId: scanSubmission, status: 'routed', documentType: 'invoice' },
    {
      submissionId: chatSubmission,
      status: 'routed',
      documentType: 'invoice',
      reviewRequestedAt: seconds(monday, 60),
      reviewedAt: seconds(monday, 660),
    },
    { submissionId: chatSubmission, status: 'quarantined', documentType: null },
    { submissionId: chatSubmission, status: 'awaiting_review', documentType: 'sick_note', reviewRequestedAt: seconds(monday, 60) },
  ];
  for (const [position, document] of documents.entries()) {
    const fileId = randomUUID();
    await db
      .insert(storedFiles)
      .values({ id: fileId, sha256: randomUUID(), sizeBytes: 1, mediaType: 'application/pdf', originalName: 'a.pdf', createdAt: monday });
    await db.insert(submissionDocuments).values({ id: randomUUID(), fileId, position, pageCount: 1, createdAt: monday, ...document });
  }
}
