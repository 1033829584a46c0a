import path from 'node:path';
import type { CloudAdapter } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import { createAdapter } from '../bot/adapter.js';
import { MusterkasseBot } from '../bot/musterkasse.bot.js';
import { PostgresStorage } from '../bot/postgres-storage.js';
import { ActivityFanout } from '../channel/activity-fanout.js';
import { AttachmentUrls } from '../channel/attachment-urls.js';
import { AttachmentFiles } from '../channel/attachment-files.js';
import { ClientKeys } from '../channel/client-keys.js';
import { BotClient } from '../channel/bot-client.js';
import { ConversationsRepository } from '../channel/conversations.repository.js';
import { DirectLineService } from '../channel/directline.service.js';
import { DirectLineTokens } from '../channel/tokens.service.js';
import { TranscriptRetention } from '../channel/transcript-retention.js';
import { AuditRepository } from '../platform/audit/audit.repository.js';
import { KnowledgeEditor } from '../knowledge/knowledge-editor.js';
import { FaqFeedbackRepository } from '../knowledge/feedback.repository.js';
import { KnowledgeService } from '../knowledge/knowledge-base.js';
import { LoginService } from '../domain/staff/login.service.js';
import { LoginThrottleRepository } from '../domain/staff/login-throttle.repository.js';
import { SessionsRepository } from '../domain/staff/sessions.repository.js';
import { StaffUsersRepository } from '../domain/staff/staff-users.repository.js';
import { StaffUsersService } from '../domain/staff/staff-users.service.js';
import { isoDateIn, localNow, systemClock, type Clock } from '../platform/clock.js';
import type { AppConfig } from './config/index.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/client.js';
import type { ReadinessCheck } from '../platform/health/readiness.js';
import { createMetrics, type Metrics } from '../platform/http/metrics.js';
import { registerQueueDepth } from '../platform/queue/queue-metrics.js';
import { registerDeletionMetrics } from '../platform/audit/deletion-metrics.js';
import { ServiceStatistics } from '../domain/statistics/service-statistics.js';
import { registerStatisticsMetrics } from '../domain/statistics/statistics-metrics.js';
import { createLogger, type Logger } from '../platform/logging/logger.js';
import { projectRoot } from '../platform/paths.js';
import { JobQueues } from '../platform/queue/queues.js';
import { closePdfPool, configurePdfPool } from '../platform/imaging/pdf-pool.js';
import { closeRedis, createRedis, pingRedis } from '../platform/queue/redis.js';
import { ClamdClient } from '../platform/scan/clamd.js';
import { deriveKey, resolveDirectLineSecret } from '../platform/secrets.js';
import { FileStorage } from '../platform/storage/file-storage.js';
import { DraftFilesRepository } from '../domain/submissions/draft-files.repository.js';
import { SubmissionService } from '../domain/submissions/submission.service.js';
import { EinmalPinService, PIN_LOGIN_LIMIT } from '../domain/members/einmal-pin/einmal-pin.service.js';
import { AttemptLimiter } from '../platform/auth/attempt-limiter.js';
import { EinmalPinsRepository } from '../domain/members/einmal-pin/einmal-pins.repository.js';
import { mayRequestCertificate } from '../domain/members/family.js';
import { MembersRepository } from '../domain/members/members.repository.js';
import { IntakeDocumentsRepository } from '../domain/documents/documents.repository.js';
import { DeliveriesRepository } from '../domain/documents/deliveries.repository.js';
import { DeliveryOutbox } from '../domain/documents/delivery-outbox.js';
import { DocumentRetention } from '../domain/documents/document-retention.js';
import { MemberErasure } from '../domain/members/member-erasure.js';
import { QuarantineService } from '../domain/documents/quarantine.js';
import { DocumentDelivery } from '../intake-pipeline/delivery/document-delivery.js';
import { ExportFileLinks } from '../intake-pipeline/delivery/file-links.js';
import { LinkSigner } from '../platform/signed-link.js';
import { IntakePipeline } from '../intake-pipeline/pipeline.js';
import { ReviewService } from '../staff-console/review/review.service.js';
import { ConsoleBundle } from '../staff-console/bundle.js';
import { MemberNotices } from '../bot/member-notices.js';
import { OpeningHours } from '../domain/livechat/opening-hours.js';
import { AgentPresence } from '../domain/livechat/agent-presence.js';
import { LiveChatQueue } from '../domain/livechat/livechat-queue.js';
import { LiveChatService } from '../domain/livechat/live-chat.service.js';
import Emittery from 'emittery';
import type { DomainEventBus, DomainEvents } from '../domain/events.js';
import { PersonTopics } from '../domain/livechat/person-topics.js';
import { LiveChatNotesRepository } from '../domain/livechat/livechat-notes.repository.js';
import { CannedResponsesRepository } from '../domain/livechat/canned-responses.js';
import { chatDetails, type ChatDetails } from '../domain/livechat/chat-details.js';
import { HANDOFF } from '../domain/member-texts.de.js';
import { CurrentTypeModel, TypeModelsRepository } from '../intake-pipeline/classification/type-models.repository.js';
import { OcrStage } from '../intake-pipeline/stages/ocr.stage.js';
import { departmentsWith } from '../intake-pipeline/document-types.js';
import { AssignStage } from '../intake-pipeline/stages/assign.stage.js';
import { ClassifyStage } from '../intake-pipeline/stages/classify.stage.js';
import { RouteStage } from '../intake-pipeline/stages/route.stage.js';
import { ScanStage } from '../intake-pipeline/stages/scan.stage.js';
import { OcrEngine } from '../intake-pipeline/text/ocr-engine.js';
import { SubmissionsRepository } from '../domain/submissions/submissions.repository.js';
import type { MemberServices } from '../bot/dialogs/member-dialogs.js';
import { ServiceRequestsRepository } from '../domain/service-requests/service-requests.repository.js';
import { StoredFilesRepository } from '../platform/storage/stored-files.repository.js';

/** Failed PIN logins or status lookups per visitor (client key) within an hour, across conversations. */
const CLIENT_ATTEMPT_LIMIT = { maxFailures: 10, windowSeconds: 3600 };

/** What a process does: `web` serves HTTP, `worker` consumes queues, `all` both. Each builds only what it needs. */
export type Role = 'web' | 'worker' | 'all';
const serves = (role: Role) => role !== 'worker';
const works = (role: Role) => role !== 'web';

/** The channel (our Direct Line): built for every role, since workers post notices into conversations. */
export interface ChatServices {
  secret: string;
  tokens: DirectLineTokens;
  conversations: ConversationsRepository;
  fanout: ActivityFanout;
  directLine: DirectLineService;
  attachmentUrls: AttachmentUrls;
  /** The files behind attachment links (also what the bot takes over into a submission). */
  attachments: AttachmentFiles;
  clientKeys: ClientKeys;
  hopKey: string;
  /** Transcripts and their files past the retention period. */
  retention: TranscriptRetention;
}

/** The bot with its dialogs (web role only). */
export interface BotServices {
  bot: MusterkasseBot;
  /** What the member dialogs need (also for tests that drive the dialogs directly). */
  memberServices: MemberServices;
  adapter: CloudAdapter;
}

/** Everything a process role needs, built once from the configuration. */
export interface Core {
  role: Role;
  /** The parts this process built (logged at start). */
  parts: string[];
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  database: DatabaseHandle;
  redis: { queue: Redis; command: Redis; probe: Redis; subscriber: Redis };
  queues: JobQueues;
  /** The parts' named events (`submission.stored`, `document.quarantined`, `livechat.queueChanged`). */
  events: DomainEventBus;
  clamd: ClamdClient;
  readiness: ReadinessCheck[];
  audit: AuditRepository;
  sessions: SessionsRepository;
  login: LoginService;
  staffUsers: StaffUsersService;
  storage: FileStorage;
  storedFiles: StoredFilesRepository;
  submissions: SubmissionService;
  members: MembersRepository;
  pins: EinmalPinService;
  intake: IntakePipeline;
  /** Routed documents to the core system: the outbox, its queue job, the file links in the index. */
  delivery: { deliveries: DeliveriesRepository; outbox: DeliveryOutbox; links: ExportFileLinks; handOver: DocumentDelivery };
  /** Deletes documents' files and texts past their retention. */
  documentRetention: DocumentRetention;
  /** Removes every piece of one member's data on request (Art. 17 DSGVO). */
  memberErasure: MemberErasure;
  /** Quarantined documents for admins, and the release of false positives. */
  quarantine: QuarantineService;
  /** The service's figures per day or week, for the console and Prometheus. */
  statistics: ServiceStatistics;
  /** The live chat's queue, notes and prepared answers (PostgreSQL) and the agents' presence (Redis). */
  livechat: {
    queue: LiveChatQueue;
    presence: AgentPresence;
    notes: LiveChatNotesRepository;
    canned: CannedResponsesRepository;
    details(conversationId: string): Promise<ChatDetails>;
  };
  /** Callback and certificate requests members made in the chat. */
  serviceRequests: ServiceRequestsRepository;
  chat: ChatServices;
  // Web role only:
  knowledge: KnowledgeService;
  /** The console's edits of the knowledge base: checked, measured, saved, taken into service. */
  knowledgeEditor: KnowledgeEditor;
  faqFeedback: FaqFeedbackRepository;
  review: ReviewService;
  /** The staff console's browser code. */
  consoleBundle: ConsoleBundle;
  bot: BotServices;
  close(): Promise<void>;
}

export interface CoreOptions {
  logDestination?: DestinationStream;
  logger?: Logger;
  clock?: Clock;
  /** Default `all`: everything (tests, the quick start). */
  role?: Role;
}

function buildChannel(
  config: AppConfig,
  database: DatabaseHandle,
  storage: FileStorage,
  redis: Core['redis'],
  logger: Logger,
  clock: Clock,
): ChatServices {
  const secret = resolveDirectLineSecret(config.chat.directLineSecret, path.join(projectRoot, 'var'));
  const hopKey = deriveKey(secret, 'bot-hop').toString('base64url');
  const conversations = new ConversationsRepository(database.db);
  const attachmentUrls = new AttachmentUrls(deriveKey(secret, 'attachment-url'));
  const fanout = new ActivityFanout(redis.command, redis.subscriber, config.redis.channelPrefix, logger);
  return {
    secret,
    tokens: new DirectLineTokens(deriveKey(secret, 'directline-token'), config.chat.tokenTtlSeconds),
    conversations,
    fanout,
    directLine: new DirectLineService({
      conversations,
      fanout,
      bot: new BotClient(config.chat.botEndpoint, hopKey, config.chat.botTimeoutMs),
      serviceUrl: config.chat.channelServiceUrl,
      logger,
      clock,
    }),
    attachmentUrls,
    attachments: new AttachmentFiles(attachmentUrls, new StoredFilesRepository(database.db), storage, clock, config.storage.maxFileBytes),
    clientKeys: new ClientKeys(deriveKey(secret, 'client-key')),
    hopKey,
    retention: new TranscriptRetention(database.db, storage),
  };
}

/** What the bot uses from the rest of the core. */
interface BotPorts {
  config: AppConfig;
  database: DatabaseHandle;
  redis: Core['redis'];
  logger: Logger;
  clock: Clock;
  events: DomainEventBus;
  chat: ChatServices;
  knowledge: KnowledgeService;
  faqFeedback: FaqFeedbackRepository;
  submissions: SubmissionService;
  submissionsRepository: SubmissionsRepository;
  members: MembersRepository;
  serviceRequests: ServiceRequestsRepository;
  pins: EinmalPinService;
  livechat: Core['livechat'];
}

function buildBot(ports: BotPorts): BotServices {
  const { config, redis, logger, clock, events, chat, livechat, pins } = ports;
  const attempts = (kind: string) =>
    new AttemptLimiter(redis.command, `${config.redis.prefix}:attempts:${kind}`, CLIENT_ATTEMPT_LIMIT, logger);
  const liveChat = new LiveChatService(
    livechat.queue,
    livechat.presence,
    new OpeningHours(config.livechat.openingHours, config.timeZone),
    clock,
    config.livechat.maxChatsPerAgent,
    (change) =>
      void events
        .emit('livechat.queueChanged', change)
        .catch((err: unknown) => logger.warn({ err }, 'Live chat: queue change not announced')),
  );
  // Members behind one who left or was taken hear their new place (once, on the node where it happened).
  events.on('livechat.queueChanged', async (change) => {
    if (!change.movedUpAfter) return;
    await liveChat.announcePlaces(change.movedUpAfter, (conversationId, position, minutes) =>
      chat.directLine.postToMember(conversationId, { type: 'message', text: HANDOFF.movedUp(position, minutes) }),
    );
  });
  const memberServices: MemberServices = {
    submitDocument: {
      desk: ports.submissions,
      download: (attachment, conversationId) => chat.attachments.take(attachment, conversationId),
      today: () => isoDateIn(config.timeZone, clock()),
      savePinDraft: (pinId, draft) => pins.saveDraft(pinId, { ...draft }),
      draftExpiryMs: config.submissions.draftExpiryHours * 3600_000,
      clock,
    },
    callback: { desk: ports.serviceRequests, now: () => localNow(config.timeZone, clock()), clock },
    certificates: {
      addCertificate: (request) => ports.serviceRequests.addCertificate(request),
      mayRequest: (request) => mayRequestCertificate(ports.members, request),
      attempts: attempts('certificate'),
    },
    status: {
      submissionStatus: (trackingId, kvnr) => ports.submissionsRepository.statusFor(trackingId, kvnr),
      attempts: attempts('status-lookup'),
    },
    pins: { login: (kvnr, card, pin) => pins.login(kvnr, card, pin), attempts: attempts('pin-login-client') },
    liveChat,
  };
  const bot = new MusterkasseBot(
    new PostgresStorage(ports.database.db),
    ports.knowledge,
    ports.faqFeedback,
    memberServices,
    new PersonTopics(config.livechat.personTopics),
  );
  return { bot, memberServices, adapter: createAdapter(chat.hopKey, logger, (context) => bot.recoverAfterFailedTurn(context)) };
}

/** The pipeline's stages, with the OCR engine they read pages with (worker role). */
function buildStages(
  config: AppConfig,
  db: DatabaseHandle['db'],
  storage: FileStorage,
  clamd: ClamdClient,
  members: MembersRepository,
  documents: IntakeDocumentsRepository,
  logger: Logger,
) {
  const ocr = new OcrEngine(config.intake.ocrWorkers, logger, config.intake.ocrLangPath);
  const stages = [
    new ScanStage(storage, clamd, documents),
    new OcrStage(storage, ocr, documents),
    new ClassifyStage(documents, new CurrentTypeModel(new TypeModelsRepository(db))),
    new AssignStage(documents, members),
    new RouteStage(departmentsWith(config.intake.departments)),
  ];
  return { ocr, stages };
}

const WEB_PARTS = ['knowledge', 'knowledgeEditor', 'faqFeedback', 'review', 'consoleBundle', 'bot'] as const;

/**
 * Adds the parts a role may not have built: reading one the role did not build is a wiring
 * mistake, and says so, instead of building it on the side.
 */
function withParts<T extends object, P extends object, K extends keyof P>(
  core: T,
  parts: P | undefined,
  keys: readonly K[],
  role: Role,
): T & Pick<P, K> {
  for (const key of keys) {
    Object.defineProperty(core, key, {
      enumerable: true,
      get: () => {
        if (!parts) throw new Error(`${String(key)} is not built for the ${role} role`);
        return parts[key];
      },
    });
  }
  return core as T & Pick<P, K>;
}

export async function buildCore(config: AppConfig, options: CoreOptions = {}): Promise<Core> {
  const role = options.role ?? 'all';
  const logger = options.logger ?? createLogger(config.log.level, options.logDestination);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database, logger);
  const db = database.db;
  const parts = ['platform', 'channel', 'submissions', 'intake', 'livechat', 'staff'];

  const redis = {
    queue: createRedis(config.redis.url, 'queue', logger),
    command: createRedis(config.redis.url, 'command', logger),
    probe: createRedis(config.redis.url, 'probe', logger),
    subscriber: createRedis(config.redis.url, 'subscriber', logger),
  };
  const events: DomainEventBus = new Emittery<DomainEvents>();
  const queues = new JobQueues(redis.queue, config.redis.prefix, logger);
  const clamd = new ClamdClient(config.clamd);
  const storage = new FileStorage(config.storage.dir);
  const metrics = createMetrics();
  registerQueueDepth(metrics.registry, queues);
  registerDeletionMetrics(metrics.registry, new AuditRepository(db));
  const statistics = new ServiceStatistics(db, config.timeZone);
  registerStatisticsMetrics(metrics.registry, statistics, clock, config.timeZone);
  configurePdfPool({ timeLimitMs: config.intake.pdfTimeLimitMs, logger });
  const audit = new AuditRepository(db);
  const members = new MembersRepository(db);
  const serviceRequests = new ServiceRequestsRepository(db);
  const submissionsRepository = new SubmissionsRepository(db);
  const chat = buildChannel(config, database, storage, redis, logger, clock);

  const intakeDocuments = new IntakeDocumentsRepository(db, config.delivery.targets);
  const deliveries = new DeliveriesRepository(db);
  const exportLinks = new ExportFileLinks(
    new LinkSigner(deriveKey(chat.secret, 'export-file-link'), config.delivery.linkTtlSeconds),
    config.http.publicUrl,
  );
  const delivery = {
    deliveries,
    outbox: new DeliveryOutbox(deliveries, queues, config.delivery, logger),
    links: exportLinks,
    handOver: new DocumentDelivery({
      db,
      deliveries,
      targets: config.delivery.targets,
      storage,
      links: exportLinks,
      logger,
      clock,
      count: (kind, outcome) => metrics.documentDeliveries.inc({ kind, outcome }),
    }),
  };
  const pipelineWork = works(role) ? buildStages(config, db, storage, clamd, members, intakeDocuments, logger) : undefined;
  if (pipelineWork) parts.push('ocr', 'pipeline-stages');
  const intake = new IntakePipeline(
    pipelineWork?.stages ?? [],
    intakeDocuments,
    queues,
    logger,
    (stage, next, seconds) => metrics.intakeStageDuration.observe({ stage, next }, seconds),
    events,
  );

  const pins = new EinmalPinService({
    pins: new EinmalPinsRepository(db),
    members,
    audit,
    clock,
    timeZone: config.timeZone,
    attempts: new AttemptLimiter(redis.command, `${config.redis.prefix}:attempts:pin-login`, PIN_LOGIN_LIMIT, logger),
  });
  const submissions = new SubmissionService({
    pins,
    events,
    drafts: new DraftFilesRepository(db),
    submissions: submissionsRepository,
    storage,
    scanner: clamd,
    limits: { maxPages: config.submissions.maxPages, maxPageBytes: config.submissions.maxPageBytes },
    logger,
  });
  const livechat = {
    queue: new LiveChatQueue(db),
    presence: new AgentPresence(redis.command, config.redis.prefix),
    notes: new LiveChatNotesRepository(db),
    canned: new CannedResponsesRepository(db),
    details: (conversationId: string) => chatDetails(db, conversationId),
  };

  // The reactions between the parts.
  events.on('submission.stored', ({ submissionId }) => intake.start(submissionId));
  const notices = new MemberNotices(
    db,
    (conversationId, text) => chat.directLine.postToMember(conversationId, { type: 'message', text }),
    logger,
  );
  events.on('document.quarantined', ({ documentId }) => notices.documentQuarantined(documentId));
  events.on('document.routed', ({ documentId }) => delivery.outbox.dispatch(documentId));

  let web: Pick<Core, (typeof WEB_PARTS)[number]> | undefined;
  if (serves(role)) {
    const knowledge = await KnowledgeService.open(config.knowledgeDir ?? path.join(projectRoot, 'knowledge'), logger, {
      timeZone: config.timeZone,
      // The answers state the upload limits this installation enforces.
      settings: {
        upload_seiten: `${config.submissions.maxPages} Seiten`,
        upload_groesse_seite: `${Math.round(config.submissions.maxPageBytes / 1024)} kB`,
      },
    });
    const faqFeedback = new FaqFeedbackRepository(db, config.timeZone);
    web = {
      knowledge,
      knowledgeEditor: new KnowledgeEditor(knowledge, faqFeedback, audit, logger),
      faqFeedback,
      review: new ReviewService(
        db,
        intakeDocuments,
        members,
        audit,
        departmentsWith(config.intake.departments),
        storage,
        logger,
        events,
        deliveries,
      ),
      consoleBundle: new ConsoleBundle(),
      bot: buildBot({
        config,
        database,
        redis,
        logger,
        clock,
        events,
        chat,
        knowledge,
        faqFeedback,
        submissions,
        submissionsRepository,
        members,
        serviceRequests,
        pins,
        livechat,
      }),
    };
    parts.push('knowledge', 'bot', 'review', 'console');
  }

  const users = new StaffUsersRepository(db);
  const sessions = new SessionsRepository(db, {
    idleTimeoutMs: config.auth.sessionIdleTimeoutMs,
    absoluteTimeoutMs: config.auth.sessionAbsoluteTimeoutMs,
  });

  let closing: Promise<void> | undefined;
  const core = {
    role,
    parts,
    config,
    logger,
    clock,
    metrics,
    database,
    redis,
    queues,
    events,
    clamd,
    readiness: [
      { name: 'database', check: () => database.ping() },
      { name: 'redis', check: () => pingRedis(redis.probe) },
      { name: 'clamd', check: () => clamd.ping() },
    ],
    audit,
    sessions,
    login: new LoginService(
      users,
      sessions,
      audit,
      new LoginThrottleRepository(db, { maxFailures: config.auth.maxLoginFailures, lockoutMs: config.auth.lockoutMs }),
      clock,
    ),
    staffUsers: new StaffUsersService(users, audit, clock),
    storage,
    storedFiles: new StoredFilesRepository(db),
    submissions,
    members,
    pins,
    intake,
    delivery,
    documentRetention: new DocumentRetention(db, storage),
    memberErasure: new MemberErasure(db, storage, audit),
    quarantine: new QuarantineService(db, storage, clamd, audit, (documentId) => intake.enqueue('ocr', documentId)),
    livechat,
    serviceRequests,
    statistics,
    chat,
    close() {
      closing ??= (async () => {
        web?.knowledge.close();
        await web?.knowledgeEditor.close();
        await pipelineWork?.ocr.close();
        await closePdfPool();
        await queues.close();
        await Promise.all(Object.values(redis).map(closeRedis));
        await database.close();
      })();
      return closing;
    },
  };
  return withParts(core, web, WEB_PARTS, role);
}
