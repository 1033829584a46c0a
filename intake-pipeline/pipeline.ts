import type { Job } from 'bullmq';
import type { DocumentStatus } from '../platform/db/schema.js';
import type { Logger } from '../platform/logging/logger.js';
import type { JobQueues } from '../platform/queue/queues.js';
import type { QueueName } from '../platform/queue/job-map.js';
import type { IntakeDocumentsRepository } from '../domain/documents/documents.repository.js';
import type { DomainEventBus } from '../domain/events.js';
import type { Stage } from './stage.js';

/** The queue of each stage. */
export const STAGE_QUEUES = {
  scan: 'intake-scan',
  ocr: 'intake-ocr',
  classify: 'intake-classify',
  assign: 'intake-assign',
  route: 'intake-route',
} as const satisfies Partial<Record<DocumentStatus, QueueName>>;
type StageStatus = keyof typeof STAGE_QUEUES;

const isStageStatus = (status: DocumentStatus): status is StageStatus => status in STAGE_QUEUES;

/** The stage a queue belongs to, if it is one of the pipeline's. */
export function stageOfQueue(queue: QueueName): StageStatus | undefined {
  return (Object.keys(STAGE_QUEUES) as StageStatus[]).find((status) => STAGE_QUEUES[status] === queue);
}

/** One job per document and stage: adding it twice while it waits or runs is a no-op. */
const jobIdOf = (status: StageStatus, documentId: string) => `${status}-${documentId}`;

/**
 * Runs documents through the stages. PostgreSQL holds each document's status; a job only says
 * "look at document X". A stage runs only if the document is still in its status, records its
 * outcome with a compare-and-set, then hands the document to the next stage's queue. Anything
 * lost on the way (Redis restarted, worker killed) is found again by `sweep()`.
 */
export class IntakePipeline {
  private readonly stages = new Map<DocumentStatus, Stage>();

  constructor(
    stages: Stage[],
    private readonly documents: IntakeDocumentsRepository,
    private readonly queues: JobQueues,
    private readonly logger: Logger,
    /** Reports each stage's duration (Prometheus). */
    private readonly observe: (stage: DocumentStatus, next: DocumentStatus, seconds: number) => void = () => undefined,
    /** Announces `document.quarantined` (the chat tells the member) and `document.routed` (the outbox hands it over). */
    private readonly events?: Pick<DomainEventBus, 'emit'>,
  ) {
    for (const stage of stages) this.stages.set(stage.status, stage);
  }

  /** Lets every stage load what it needs; a worker calls it before it takes its first job. */
  async warmUp(): Promise<void> {
    await Promise.all([...this.stages.values()].map((stage) => stage.warmUp?.()));
  }

  /** Hands a stored submission's documents to the first stage. */
  async start(submissionId: string): Promise<void> {
    for (const documentId of await this.documents.documentIdsOf(submissionId)) await this.enqueue('scan', documentId);
  }

  async enqueue(status: DocumentStatus, documentId: string): Promise<void> {
    if (!isStageStatus(status)) return;
    await this.queues.add(STAGE_QUEUES[status], { documentId }, { jobId: jobIdOf(status, documentId), removeOnComplete: true });
  }

  /** The job handler of a stage's queue. */
  async handle(status: DocumentStatus, documentId: string): Promise<void> {
    const stage = this.stages.get(status);
    if (!stage) throw new Error(`No stage for status ${status}`);
    const document = await this.documents.find(documentId);
    if (!document || document.status !== status) {
      this.logger.debug({ documentId, status, actual: document?.status }, 'Stage already done; job ignored');
      // A worker killed between recording this stage and queuing the next left the document
      // without a job; its rerun job (stalled, retried) hands it on. A no-op if the job exists.
      if (document) await this.enqueue(document.status, documentId);
      return;
    }
    const started = Date.now();
    const outcome = await stage.run(document);
    const moved = await this.documents.advance(documentId, status, outcome);
    this.observe(status, outcome.status, (Date.now() - started) / 1000);
    this.logger.info({ documentId, stage: status, next: outcome.status, ms: Date.now() - started, moved }, 'Intake stage done');
    if (moved && outcome.status === 'quarantined') {
      await this.events
        ?.emit('document.quarantined', { documentId })
        .catch((err: unknown) => this.logger.warn({ err, documentId }, 'Quarantine recorded; the member could not be told in the chat'));
    }
    if (moved && outcome.status === 'routed') {
      // If this is lost, the delivery sweep finds the outbox rows.
      await this.events
        ?.emit('document.routed', { documentId })
        .catch((err: unknown) => this.logger.warn({ err, documentId }, 'Routed; delivery not queued yet (the sweep will)'));
    }
    if (moved) await this.enqueue(outcome.status, documentId);
  }

  /** Retries used up, or an error that retrying cannot fix: a clerk takes over. */
  async failed(status: DocumentStatus, job: Job, error: Error, final: boolean): Promise<void> {
    if (!final) return;
    const { documentId } = job.data as { documentId: string };
    if (this.stages.get(status)?.holdsOnFailure) {
      this.logger.warn({ documentId, stage: status, err: error }, 'Intake stage failed for good; the document waits in it for the sweep');
      return;
    }
    const moved = await this.documents.giveUp(documentId, status, error.message);
    this.logger.warn({ documentId, stage: status, err: error, moved }, 'Intake stage gave up; document sent to review');
  }

  /**
   * Re-enqueues documents that sat in a stage longer than `stuckAfterMs` (their job was lost).
   * Harmless when the job still exists: the same job id is not added twice.
   */
  async sweep(now: Date, stuckAfterMs: number): Promise<number> {
    const stuck = await this.documents.stuck(Object.keys(STAGE_QUEUES) as StageStatus[], new Date(now.getTime() - stuckAfterMs));
    for (const { id, status } of stuck) await this.enqueue(status, id);
    if (stuck.length > 0) this.logger.info({ count: stuck.length }, 'Intake sweep re-enqueued documents');
    return stuck.length;
  }
}
