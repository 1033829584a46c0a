import type { JobPayload } from '../platform/queue/job-map.js';
import type { Core } from './container.js';

type Task = JobPayload<'housekeeping'>['task'];

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A document whose status has not moved for this long has lost its job (or waits behind many). */
const INTAKE_STUCK_AFTER_MS = 5 * MINUTE;
/** A delivery pending this long after its last attempt has lost its job (a delayed retry still has one: no-op). */
const DELIVERY_STALE_AFTER_MS = 5 * MINUTE;

/** How often each maintenance task runs. */
export const HOUSEKEEPING_EVERY = {
  'purge-expired-sessions': 10 * MINUTE,
  'purge-old-transcripts': DAY,
  'purge-abandoned-drafts': HOUR,
  'purge-finished-callbacks': DAY,
  'purge-expired-documents': HOUR,
  'purge-finished-pins': DAY,
  'purge-sent-certificates': DAY,
  'intake-sweep': MINUTE,
  'delivery-sweep': MINUTE,
} satisfies Record<Task, number>;

/** What a retention task deleted, by kind (recorded in the audit log, summed in /metrics as `personal_data_deleted`). */
type Deleted = Record<string, number>;

/**
 * The maintenance tasks. Each retention task deletes what is past its time (the table in
 * docs/decisions/0017-retention-and-erasure.md) and reports what it deleted.
 */
function tasks(core: Core): Record<Task, () => Promise<Deleted | void>> {
  const ago = (ms: number) => new Date(core.clock().getTime() - ms);
  const { config } = core;
  return {
    'purge-expired-sessions': async () => {
      const purged = await core.sessions.purgeExpired(core.clock());
      const failures = await core.login.purgeStaleFailures(core.clock());
      core.logger.info({ purged, failures }, 'Expired staff sessions and stale login failures purged');
    },
    'purge-old-transcripts': async () => {
      const { conversations, files } = await core.chat.retention.purgeIdleSince(ago(config.chat.transcriptRetentionDays * DAY));
      return { transcripts: conversations, channel_files: files };
    },
    'purge-abandoned-drafts': async () => ({
      draft_files: await core.submissions.purgeAbandonedDrafts(ago(config.submissions.draftExpiryHours * HOUR)),
    }),
    'purge-finished-callbacks': async () => ({
      callbacks: await core.serviceRequests.purgeFinishedCallbacks(ago(config.livechat.callbackRetentionDays * DAY)),
    }),
    'purge-expired-documents': async () => {
      const { documents, files, pages } = await core.documentRetention.purge(core.clock(), {
        afterDeliveryDays: config.retention.documentsAfterDeliveryDays,
        maxDays: config.retention.documentsMaxDays,
      });
      return { documents, document_files: files, document_pages: pages };
    },
    'purge-finished-pins': async () => ({ einmal_pins: await core.pins.purgeFinished(config.retention.pinsDays) }),
    'purge-sent-certificates': async () => ({
      certificates: await core.serviceRequests.purgeSentCertificates(ago(config.retention.certificatesDays * DAY)),
    }),
    'intake-sweep': async () => {
      await core.intake.sweep(core.clock(), INTAKE_STUCK_AFTER_MS);
    },
    'delivery-sweep': async () => {
      await core.delivery.outbox.sweep(core.clock(), DELIVERY_STALE_AFTER_MS);
    },
  };
}

/** The housekeeping queue's handler. */
export function housekeeping(core: Core): (payload: JobPayload<'housekeeping'>) => Promise<void> {
  const byName = tasks(core);
  return async ({ task }) => {
    const deleted = await byName[task]();
    if (!deleted || Object.values(deleted).every((count) => count === 0)) return;
    await core.audit.record({ actor: 'system', action: 'retention.purge', outcome: 'success', targetType: task, details: deleted });
    core.logger.info({ task, deleted }, 'Data past its retention deleted');
  };
}
