import path from 'node:path';
import type { CloudAdapter } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import { createAdapter } from '../bot/adapter.js';
import { MusterkasseBot } from '../bot/musterkasse.bot.js';
import { PostgresStorage } from '../bot/postgres-storage.js';
import { ActivityFanout } from '../channel/activity-fanout.js';
import { AttachmentUrls } from '../channel/attachment-urls.js';
import { ClientKeys } from '../channel/client-keys.js';
import { BotClient } from '../channel/bot-client.js';
import { ConversationsRepository } from '../channel/conversations.repository.js';
import { DirectLineService } from '../channel/directline.service.js';
import { DirectLineTokens } from '../channel/tokens.service.js';
import { AuditRepository } from '../platform/audit/audit.repository.js';
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
import { IntakeDocumentsRepository } from '../intake-pipeline/documents.repository.js';
import { IntakePipeline } from '../intake-pipeline/pipeline.js';
import { ReviewService } from '../intake-pipeline/review/review.service.js';
import { ConsoleBundle } from '../staff-console/bundle.js';
import { MemberNotices } from '../intake-pipeline/member-notices.js';
import { OpeningHours } from '../domain/livechat/opening-hours.js';
import { AgentPresence } from '../domain/livechat/agent-presence.js';
import { LiveChatQueue } from '../domain/livechat/livechat-queue.js';
import { LiveChatService } from '../domain/livechat/live-chat.service.js';
import { createQueueEvents, type QueueEvents } from '../domain/livechat/queue-events.js';
import { PersonTopics } from '../domain/livechat/person-topics.js';
import { LiveChatNotesRepository } from '../domain/livechat/livechat-notes.repository.js';
import { CannedResponsesRepository } from '../domain/livechat/canned-responses.js';
import { chatDetails, type ChatDetails } from '../domain/livechat/chat-details.js';
import { HANDOFF } from '../bot/service-texts.de.js';
import { CurrentTypeModel, TypeModelsRepository } from '../intake-pipeline/classification/type-models.repository.js';
import { OcrStage } from '../intake-pipeline/stages/ocr.stage.js';
import { departmentsWith } from '../intake-pipeline/document-types.js';
import { AssignStage } from '../intake-pipeline/stages/assign.stage.js';
import { ClassifyStage } from '../intake-pipeline/stages/classify.stage.js';
import { RouteStage } from '../intake-pipeline/stages/route.stage.js';
import { ScanStage } from '../intake-pipeline/stages/scan.stage.js';
import { OcrEngine } from '../intake-pipeline/text/ocr-engine.js';
import { SubmissionsRepository } from '../domain/submissions/submissions.repository.js';
import { AttachmentDownloader } from '../bot/attachment-download.js';
import type { MemberServices } from '../bot/dialogs/member-dialogs.js';
import { ServiceRequestsRepository } from '../domain/service-requests/service-requests.repository.js';
import { StoredFilesRepository } from '../platform/storage/stored-files.repository.js';

/** Failed PIN logins or status lookups per visitor (client key) within an hour, across conversations. */
const CLIENT_ATTEMPT_LIMIT = { maxFailures: 10, windowSeconds: 3600 };

export interface ChatServices {
  secret: string;
  tokens: DirectLineTokens;
  conversations: ConversationsRepository;
  fanout: ActivityFanout;
  directLine: DirectLineService;
  attachmentUrls: AttachmentUrls;
  clientKeys: ClientKeys;
  hopKey: string;
  bot: MusterkasseBot;
  /** What the member dialogs need (also for tests that drive the dialogs directly). */
  memberServices: MemberServices;
  adapter: CloudAdapter;
}

/** Everything a process role needs, built once from the configuration. */
export interface Core {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  database: DatabaseHandle;
  redis: { queue: Redis; command: Redis; probe: Redis; subscriber: Redis };
  queues: JobQueues;
  clamd: ClamdClient;
  readiness: ReadinessCheck[];
  audit: AuditRepository;
  sessions: SessionsRepository;
  login: LoginService;
  staffUsers: StaffUsersService;
  storage: FileStorage;
  storedFiles: StoredFilesRepository;
  knowledge: KnowledgeService;
  faqFeedback: FaqFeedbackRepository;
  submissions: SubmissionService;
  members: MembersRepository;
  pins: EinmalPinService;
  intake: IntakePipeline;
  review: ReviewService;
  /** The live chat's queue, notes and prepared answers (PostgreSQL) and the agents' presence (Redis). */
  livechat: {
    queue: LiveChatQueue;
    presence: AgentPresence;
    queueChanges: QueueEvents;
    notes: LiveChatNotesRepository;
    canned: CannedResponsesRepository;
    details(conversationId: string): Promise<ChatDetails>;
  };
  /** Callback and certificate requests members made in the chat. */
  serviceRequests: ServiceRequestsRepository;
  /** The staff console's browser code, bundled on first request. */
  consoleBundle: ConsoleBundle;
  ocr: OcrEngine;
  chat: ChatServices;
  close(): Promise<void>;
}

export interface CoreOptions {
  logDestination?: DestinationStream;
  logger?: Logger;
  clock?: Clock;
}

/** What the chat uses from the rest of the core. */
interface ChatDomain {
  knowledge: KnowledgeService;
  submissions: SubmissionService;
  pins: EinmalPinService;
  livechat: Core['livechat'];
}

function buildChat(
  config: AppConfig,
  database: DatabaseHandle,
  { knowledge, submissions, pins, livechat }: ChatDomain,
  redis: Core['redis'],
  logger: Logger,
  clock: Clock,
): ChatServices {
  const secret = resolveDirectLineSecret(config.chat.directLineSecret, path.join(projectRoot, 'var'));
  const hopKey = deriveKey(secret, 'bot-hop').toString('base64url');
  const conversations = new ConversationsRepository(database.db);
  const fanout = new ActivityFanout(redis.command, redis.subscriber, config.redis.channelPrefix, logger);
  const directLine = new DirectLineService({
    conversations,
    fanout,
    bot: new BotClient(config.chat.botEndpoint, hopKey, config.chat.botTimeoutMs),
    serviceUrl: config.chat.channelServiceUrl,
    logger,
    clock,
  });
  const downloader = new AttachmentDownloader(config.chat.channelServiceUrl, config.storage.maxFileBytes);
  const requests = new ServiceRequestsRepository(database.db);
  const submissionsRepository = new SubmissionsRepository(database.db);
  const liveChat = new LiveChatService(
    livechat.queue,
    livechat.presence,
    new OpeningHours(config.livechat.openingHours, config.timeZone),
    clock,
    config.livechat.maxChatsPerAgent,
    (change) => livechat.queueChanges.emit('changed', change),
  );
  // Members behind one who left or was taken hear their new place (once, on the node where it happened).
  livechat.queueChanges.on('changed', (change) => {
    if (!change.movedUpAfter) return;
    liveChat
      .announcePlaces(change.movedUpAfter, (conversationId, position, minutes) =>
        directLine.postToMember(conversationId, { type: 'message', text: HANDOFF.movedUp(position, minutes) } as never),
      )
      .catch((err: unknown) => logger.warn({ err }, 'Live chat: new places could not be announced'));
  });
  const memberServices: MemberServices = {
    submitDocument: {
      desk: submissions,
      download: (attachment) => downloader.download(attachment),
      today: () => isoDateIn(config.timeZone, clock()),
      savePinDraft: (pinId, draft) => pins.saveDraft(pinId, { ...draft }),
      draftExpiryMs: config.submissions.draftExpiryHours * 3600_000,
      clock,
    },
    callback: { desk: requests, now: () => localNow(config.timeZone, clock()), clock },
    certificates: {
      addCertificate: (request) => requests.addCertificate(request),
      mayRequest: (request) => mayRequestCertificate(new MembersRepository(database.db), request),
      attempts: new AttemptLimiter(redis.command, `${config.redis.prefix}:attempts:certificate`, CLIENT_ATTEMPT_LIMIT, logger),
    },
    status: {
      submissionStatus: (trackingId, kvnr) => submissionsRepository.statusFor(trackingId, kvnr),
      attempts: new AttemptLimiter(redis.command, `${config.redis.prefix}:attempts:status-lookup`, CLIENT_ATTEMPT_LIMIT, logger),
    },
    pins: {
      login: (kvnr, card, pin) => pins.login(kvnr, card, pin),
      attempts: new AttemptLimiter(redis.command, `${config.redis.prefix}:attempts:pin-login-client`, CLIENT_ATTEMPT_LIMIT, logger),
    },
    liveChat,
  };
  const bot = new MusterkasseBot(
    new PostgresStorage(database.db),
    knowledge,
    new FaqFeedbackRepository(database.db),
    memberServices,
    new PersonTopics(config.livechat.personTopics),
  );
  return {
    secret,
    tokens: new DirectLineTokens(deriveKey(secret, 'directline-token'), config.chat.tokenTtlSeconds),
    conversations,
    fanout,
    directLine,
    attachmentUrls: new AttachmentUrls(deriveKey(secret, 'attachment-url')),
    clientKeys: new ClientKeys(deriveKey(secret, 'client-key')),
    hopKey,
    bot,
    memberServices,
    adapter: createAdapter(hopKey, logger, (context) => bot.recoverAfterFailedTurn(context)),
  };
}

export async function buildCore(config: AppConfig, options: CoreOptions = {}): Promise<Core> {
  const logger = options.logger ?? createLogger(config.log.level, options.logDestination);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database, logger);
  const db = database.db;

  const redis = {
    queue: createRedis(config.redis.url, 'queue', logger),
    command: createRedis(config.redis.url, 'command', logger),
    probe: createRedis(config.redis.url, 'probe', logger),
    subscriber: createRedis(config.redis.url, 'subscriber', logger),
  };
  const queues = new JobQueues(redis.queue, config.redis.prefix, logger);
  const knowledge = await KnowledgeService.open(config.knowledgeDir ?? path.join(projectRoot, 'knowledge'), logger);
  const clamd = new ClamdClient(config.clamd);
  const storage = new FileStorage(config.storage.dir);
  const intakeDocuments = new IntakeDocumentsRepository(db);
  const ocr = new OcrEngine(config.intake.ocrWorkers, logger, config.intake.ocrLangPath);
  configurePdfPool({ timeLimitMs: config.intake.pdfTimeLimitMs, logger });
  const members = new MembersRepository(db);
  const departments = departmentsWith(config.intake.departments);
  const stages = [
    new ScanStage(storage, clamd, intakeDocuments),
    new OcrStage(storage, ocr, intakeDocuments),
    new ClassifyStage(intakeDocuments, new CurrentTypeModel(new TypeModelsRepository(db))),
    new AssignStage(intakeDocuments, members),
    new RouteStage(departments),
  ];
  const metrics = createMetrics();
  registerQueueDepth(metrics.registry, queues);
  // The chat is built further down (it needs the submissions, which start the pipeline); notices are posted only later, at run time.
  let chat: ChatServices | undefined;
  const livechat = {
    queue: new LiveChatQueue(db),
    presence: new AgentPresence(redis.command, config.redis.prefix),
    queueChanges: createQueueEvents(),
    notes: new LiveChatNotesRepository(db),
    canned: new CannedResponsesRepository(db),
    details: (conversationId: string) => chatDetails(db, conversationId),
  };
  const notices = new MemberNotices(
    db,
    async (conversationId, text) => chat?.directLine.postToMember(conversationId, { type: 'message', text }),
    logger,
  );
  const intake = new IntakePipeline(
    stages,
    intakeDocuments,
    queues,
    logger,
    (stage, next, seconds) => metrics.intakeStageDuration.observe({ stage, next }, seconds),
    notices,
  );
  const audit = new AuditRepository(db);
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
    onStored: (submissionId) => intake.start(submissionId),
    drafts: new DraftFilesRepository(db),
    submissions: new SubmissionsRepository(db),
    storage,
    scanner: clamd,
    limits: { maxPages: config.submissions.maxPages, maxPageBytes: config.submissions.maxPageBytes },
    logger,
  });

  const users = new StaffUsersRepository(db);
  const sessions = new SessionsRepository(db, {
    idleTimeoutMs: config.auth.sessionIdleTimeoutMs,
    absoluteTimeoutMs: config.auth.sessionAbsoluteTimeoutMs,
  });

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    clock,
    metrics,
    database,
    redis,
    queues,
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
    knowledge,
    faqFeedback: new FaqFeedbackRepository(db),
    submissions,
    members,
    pins,
    intake,
    review: new ReviewService(db, intakeDocuments, members, audit, departments, storage, logger),
    consoleBundle: new ConsoleBundle(),
    ocr,
    livechat,
    serviceRequests: new ServiceRequestsRepository(db),
    chat: (chat = buildChat(config, database, { knowledge, submissions, pins, livechat }, redis, logger, clock)),
    close() {
      closing ??= (async () => {
        knowledge.close();
        await ocr.close();
        await closePdfPool();
        await queues.close();
        await Promise.all(Object.values(redis).map(closeRedis));
        await database.close();
      })();
      return closing;
    },
  };
}
