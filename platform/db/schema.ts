import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  customType,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

export const STAFF_ROLES = ['agent', 'clerk', 'editor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffRole = pgEnum('staff_role', STAFF_ROLES);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const staffUsers = pgTable('staff_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-case; unique. */
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: staffRole('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Set for a one-time password (first admin, a reset): nothing but changing it is allowed until then. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  ...timestamps,
});

/**
 * Failed staff logins per username and client address (a SHA-256 of both, never in clear):
 * too many lock that pair for a while, whether or not the username exists, and leave the
 * colleague at another address alone.
 */
export const loginThrottles = pgTable('login_throttles', {
  keyHash: text('key_hash').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Server-side staff sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_sessions_user_idx').on(t.userId), index('staff_sessions_idle_expiry_idx').on(t.idleExpiresAt)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for actions by the system or an unknown user (e.g. a failed login). */
    actorUserId: uuid('actor_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Who acted, as known at the time: a username, "cli" or "system". */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)],
);

/** A Direct Line conversation. `lastWatermark` is the sequence number of its newest activity. */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    lastWatermark: integer('last_watermark').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    /** The bot's last message asked for a secret (a PIN, card digits): the member's answer is stored masked. */
    awaitingSecretInput: boolean('awaiting_secret_input').notNull().default(false),
  },
  (t) => [index('chat_conversations_last_activity_idx').on(t.lastActivityAt)],
);

/** Every persisted activity of a conversation, in order. Typing indicators are never stored. */
export const chatActivities = pgTable(
  'chat_activities',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    activityId: text('activity_id').notNull().unique(),
    type: text('type').notNull(),
    fromRole: text('from_role', { enum: ['user', 'bot', 'agent'] }).notNull(),
    activity: jsonb('activity').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq] })],
);

/** botbuilder Storage items (conversation and user state), with optimistic concurrency. */
export const botState = pgTable('bot_state', {
  key: text('key').primaryKey(),
  etag: text('etag').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Files received from members or other channels; the bytes live in the file storage. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
    conversationId: text('conversation_id'),
    /** Set when a virus scan found malware: the bytes live in quarantine, served to nobody. */
    quarantinedAt: timestamp('quarantined_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_conversation_idx').on(t.conversationId), index('stored_files_sha256_idx').on(t.sha256)],
);

/** Questions the bot could not answer confidently, scrubbed of personal data, counted. */
export const faqUnanswered = pgTable(
  'faq_unanswered',
  {
    question: text('question').primaryKey(),
    count: integer('count').notNull().default(1),
    lastDecision: text('last_decision', { enum: ['suggest', 'fallback'] }).notNull(),
    lastCandidates: jsonb('last_candidates').$type<Array<{ id: string; score: number }>>().notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('faq_unanswered_count_idx').on(t.count)],
);

/**
 * What members got from the bot for a question, per day (in the insurer's time zone): an answer,
 * a started action, a "Meinten Sie …?" or the fallback. Counts only, no text: for statistics.
 */
export const BOT_OUTCOMES = ['answer', 'action', 'suggest', 'fallback'] as const;
export type BotOutcome = (typeof BOT_OUTCOMES)[number];
export const botDailyOutcomes = pgTable(
  'bot_daily_outcomes',
  {
    day: date('day', { mode: 'string' }).notNull(),
    outcome: text('outcome').$type<BotOutcome>().notNull(),
    count: integer('count').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.day, t.outcome] })],
);

/** Members' "helpful / not helpful" per knowledge entry. */
export const faqRatings = pgTable('faq_ratings', {
  entryId: text('entry_id').primaryKey(),
  helpful: integer('helpful').notNull().default(0),
  notHelpful: integer('not_helpful').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Insured persons from the insurer's master data (`npm run cli -- members:import`). Family
 * members point to the member they are insured through.
 */
export const members = pgTable(
  'members',
  {
    kvnr: text('kvnr').primaryKey(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    street: text('street').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    cardNumberLast6: text('card_number_last6').notNull(),
    familyOf: text('family_of').references((): AnyPgColumn => members.kvnr),
    /** How letters address the member; none known: a neutral salutation with the full name. */
    salutation: text('salutation', { enum: ['Frau', 'Herr'] }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('members_family_of_idx').on(t.familyOf)],
);

/** What a member is told about a submission when asking with its tracking ID. */
export const SUBMISSION_STATUSES = ['received', 'checking', 'processed', 'needs_attention'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const submissionStatus = pgEnum('submission_status', SUBMISSION_STATUSES);

/**
 * Documents a member (or another channel) sent in, with the details the member gave. A row
 * exists only once everything is stored: its tracking ID is the member's proof of receipt.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey(),
    trackingId: text('tracking_id').notNull().unique(),
    /** `chat` or `channel:<name>`. */
    source: text('source').notNull(),
    /** The insured person the documents are about (null when another channel did not say). */
    kvnr: text('kvnr'),
    /** Document type the member chose (see the bot's submission type registry). */
    declaredType: text('declared_type'),
    /** The details that type needs (validated by the registry's schema). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    note: text('note'),
    status: submissionStatus('status').notNull().default('received'),
    conversationId: text('conversation_id'),
    ...timestamps,
  },
  (t) => [index('submissions_kvnr_idx').on(t.kvnr), index('submissions_created_idx').on(t.createdAt)],
);

/**
 * Where a document is in the intake pipeline: the stage it waits for or runs in, or one of
 * the terminal states (routed, awaiting_review, quarantined, rejected).
 */
export const DOCUMENT_STATUSES = [
  'scan',
  'ocr',
  'classify',
  'assign',
  'route',
  'routed',
  'awaiting_review',
  'quarantined',
  'rejected',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const TERMINAL_DOCUMENT_STATUSES = [
  'routed',
  'awaiting_review',
  'quarantined',
  'rejected',
] as const satisfies readonly DocumentStatus[];
export const documentStatus = pgEnum('document_status', DOCUMENT_STATUSES);

export const submissionDocuments = pgTable(
  'submission_documents',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    position: integer('position').notNull(),
    pageCount: integer('page_count').notNull(),
    status: documentStatus('status').notNull().default('scan'),
    /** When the status last changed: the recovery sweep looks for documents stuck in a stage. */
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Each stage stamps its completion. */
    scannedAt: timestamp('scanned_at', { withTimezone: true }),
    /** Names of the virus signatures that matched (quarantined documents only). */
    scanFindings: jsonb('scan_findings').$type<string[]>(),
    documentType: text('document_type'),
    typeConfidence: real('type_confidence'),
    /** Set only when the pipeline (or a clerk) is certain whose document it is. */
    assignedKvnr: text('assigned_kvnr'),
    /** The most likely member, shown to the clerk when the pipeline is not certain. */
    suggestedKvnr: text('suggested_kvnr'),
    assignmentConfidence: real('assignment_confidence'),
    department: text('department'),
    /** Read from an invoice's text: its number and total, to flag the same invoice sent twice. */
    invoiceNumber: text('invoice_number'),
    amountCents: integer('amount_cents'),
    /** Why the pipeline decided as it did, stage by stage, for clerks. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the document first went to a clerk (null: routed without one, or not yet finished). */
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    /** When a clerk decided on it (routed or rejected from review). */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** Set when the retention period deleted the file and page texts; the row stays for the member's status question. */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    index('submission_documents_submission_idx').on(t.submissionId),
    index('submission_documents_file_idx').on(t.fileId),
    index('submission_documents_status_idx').on(t.status, t.statusChangedAt),
    // Clerks search by member; the duplicate check looks for the same member's earlier documents.
    index('submission_documents_assigned_kvnr_idx').on(t.assignedKvnr),
    // Statistics count documents by the day they arrived.
    index('submission_documents_created_idx').on(t.createdAt),
  ],
);

/**
 * Files a member has uploaded for a submission not yet sent. Kept here (not only in the
 * dialog state) so that a file the bot confirmed survives any restart; deleted with the
 * submission's commit, on cancel, or when the draft is abandoned.
 */
export const draftFiles = pgTable(
  'draft_files',
  {
    id: uuid('id').primaryKey(),
    /** Whose draft: the conversation (or, with an Einmal-PIN, the PIN login). */
    draftKey: text('draft_key').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    pageCount: integer('page_count').notNull(),
    downscaled: boolean('downscaled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('draft_files_key_idx').on(t.draftKey), index('draft_files_created_idx').on(t.createdAt)],
);

/** open: new, nobody has planned it yet; scheduled: an agent set a time; done: the member was called. */
export const CALLBACK_STATUSES = ['open', 'scheduled', 'done', 'cancelled'] as const;
export const callbackStatus = pgEnum('callback_status', CALLBACK_STATUSES);

/** A member asked to be called back; agents see these in the console. */
export const callbackRequests = pgTable(
  'callback_requests',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    topic: text('topic').notNull(),
    name: text('name').notNull(),
    /** E.164, e.g. +4930123456. */
    phone: text('phone').notNull(),
    preferredDate: date('preferred_date', { mode: 'string' }).notNull(),
    /** "08-10", "10-12", … within service hours. */
    timeWindow: text('time_window').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: callbackStatus('status').notNull().default('open'),
    conversationId: text('conversation_id'),
    /** When an agent plans to call (set with the status "scheduled"). */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    /** The agents' notes on the call (never shown to the member). */
    notes: text('notes').notNull().default(''),
    handledBy: uuid('handled_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('callback_requests_status_date_idx').on(t.status, t.preferredDate)],
);

/** Certificates (Versicherungsbescheinigung) requested in the chat, sent by post to the address on file. */
export const certificateRequests = pgTable(
  'certificate_requests',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    kvnr: text('kvnr').notNull(),
    /** True when a member asked for another insured person's certificate (it goes to that person). */
    forOther: boolean('for_other').notNull(),
    status: text('status', { enum: ['recorded', 'sent'] })
      .notNull()
      .default('recorded'),
    conversationId: text('conversation_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certificate_requests_status_idx').on(t.status)],
);

/**
 * One-time PINs sent by letter: with KVNR, the last six card digits and the PIN a member logs
 * in in the chat to send documents. Only a hash of the PIN is kept. The member's answers are
 * saved here step by step, so they can go on later from another device.
 */
export const einmalPins = pgTable(
  'einmal_pins',
  {
    id: uuid('id').primaryKey(),
    kvnr: text('kvnr')
      .notNull()
      .references(() => members.kvnr),
    purpose: text('purpose').notNull(),
    pinHash: text('pin_hash').notNull(),
    letterDate: date('letter_date', { mode: 'string' }).notNull(),
    issuedBy: text('issued_by').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    spentAt: timestamp('spent_at', { withTimezone: true }),
    /** Withdrawn by an admin (letter lost, wrong address): the PIN no longer logs anyone in. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The submission in progress (dialog answers; files are in draft_files under `pin:<id>`). */
    draft: jsonb('draft').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('einmal_pins_kvnr_idx').on(t.kvnr)],
);

/** Text of each page of a document, from its PDF text layer or from OCR, with a confidence. */
export const documentPages = pgTable(
  'document_pages',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => submissionDocuments.id),
    page: integer('page').notNull(),
    text: text('text').notNull(),
    /** 0–100; a text layer counts as 100. */
    confidence: real('confidence').notNull(),
    source: text('source', { enum: ['text_layer', 'ocr'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.page] })],
);

/**
 * Systems that call the intake API with a key of their own: `intake` channels submit documents
 * (the insurer's app, a scan centre), `export` channels fetch routed documents (the core system's
 * pull target of the same name). A key works only for its scope.
 */
export const CHANNEL_SCOPES = ['intake', 'export'] as const;
export type ChannelScope = (typeof CHANNEL_SCOPES)[number];
export const intakeChannels = pgTable('intake_channels', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull().unique(),
  scope: text('scope', { enum: CHANNEL_SCOPES }).notNull().default('intake'),
  /** SHA-256 of the key: keys are 256 random bits, so a fast hash is enough and allows lookup. */
  keyHash: text('key_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** When the key was last used (to the minute): admins see keys nobody uses any more. */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/** Texts with their confirmed document type (from clerks' decisions), to train the classifier on. */
export const classificationExamples = pgTable('classification_examples', {
  id: uuid('id').primaryKey(),
  documentId: uuid('document_id').references(() => submissionDocuments.id),
  text: text('text').notNull(),
  documentType: text('document_type').notNull(),
  /** True when the clerk changed the pipeline's type. */
  corrected: boolean('corrected').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Trained document-type models (`npm run cli -- classifier:train`); workers use the newest. */
export const classifierModels = pgTable('classifier_models', {
  id: uuid('id').primaryKey(),
  trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
  /** How many examples went in: shipped ones and clerks' decisions. */
  shippedExamples: integer('shipped_examples').notNull(),
  clerkExamples: integer('clerk_examples').notNull(),
  /** The serialised classifier as text, not jsonb: jsonb reorders keys, and the model's feature order matters. */
  model: text('model').notNull(),
});

/** A member's wish to chat with a person: waiting in the queue, taken by an agent, or over. */
export const LIVECHAT_STATUSES = ['waiting', 'active', 'ended', 'cancelled'] as const;
export type LivechatStatus = (typeof LIVECHAT_STATUSES)[number];
export const livechatStatus = pgEnum('livechat_status', LIVECHAT_STATUSES);

export const livechatSessions = pgTable(
  'livechat_sessions',
  {
    id: uuid('id').primaryKey(),
    /** Kept as long as the transcript it belongs to (TRANSCRIPT_RETENTION_DAYS). */
    conversationId: text('conversation_id')
      .notNull()
      .references(() => chatConversations.id, { onDelete: 'cascade' }),
    status: livechatStatus('status').notNull().default('waiting'),
    /** What the member wants, in the bot's words (the matched topic or the last question). */
    topic: text('topic').notNull(),
    /** What the bot collected for the agent: the member's recent messages, request type, tracking IDs. */
    summary: jsonb('summary').$type<{ recentMessages: string[]; trackingIds: string[]; kvnr: string | null }>().notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedBy: uuid('accepted_by').references(() => staffUsers.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** 1–5 from the satisfaction question at the end. */
    rating: integer('rating'),
    /** Set when the member was asked for a rating; cleared once they answer or write something else. */
    ratingAskedAt: timestamp('rating_asked_at', { withTimezone: true }),
    /** The newest agent message the member's chat window has shown (read state). */
    memberReadAt: timestamp('member_read_at', { withTimezone: true }),
    /** How the chat ended: the agent ended it, handed the member back to the bot, or the member left. */
    outcome: text('outcome').$type<'ended' | 'handed_back' | 'left'>(),
  },
  (t) => [
    // At most one open chat per conversation.
    uniqueIndex('livechat_sessions_open_idx')
      .on(t.conversationId)
      .where(sql`${t.status} in ('waiting', 'active')`),
    // The bot looks up a conversation's chats on every member message.
    index('livechat_sessions_conversation_idx').on(t.conversationId, t.requestedAt),
    index('livechat_sessions_status_idx').on(t.status, t.requestedAt),
  ],
);

/** What happened in a live chat and who did it: accepted, transferred, handed back, ended. */
export const livechatEvents = pgTable(
  'livechat_events',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => livechatSessions.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'accepted' | 'transferred' | 'handed_back' | 'ended'>().notNull(),
    actorId: uuid('actor_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** For a transfer: the agent who took over. */
    targetId: uuid('target_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('livechat_events_session_idx').on(t.sessionId, t.at)],
);

/** Agents' private notes on a chat: never sent to the member, kept as long as the chat. */
export const livechatNotes = pgTable(
  'livechat_notes',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => livechatSessions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('livechat_notes_session_idx').on(t.sessionId, t.createdAt)],
);

/** Prepared answers agents insert with a shortcut ("#danke"); shared by all, edited by admins. */
export const cannedResponses = pgTable('canned_responses', {
  id: uuid('id').primaryKey(),
  /** Lower-case letters, digits and hyphens, unique: typed after "#" in the message box. */
  shortcut: text('shortcut').notNull().unique(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  updatedBy: uuid('updated_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  ...timestamps,
});

/** PostgreSQL's 64-bit transaction id, read and written as text (its numbers exceed 2^53). */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** Where routed documents go: an HTTPS receiver, a pull client, a folder a DMS importer watches. */
export const DELIVERY_KINDS = ['webhook', 'pull', 'folder'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
/**
 * pending: not yet handed over (or being retried); delivered: written where the target reads it
 * (folder); acknowledged: the core system confirmed receipt (webhook 2xx, pull ack); failed:
 * retries used up, waiting for an admin to redeliver (the dead letter).
 */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'acknowledged', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per routed document and target, written in the transaction that routes
 * the document, so a crash can neither lose a delivery nor make one up. `txId` and `seq` order
 * the pull API's cursor (see DeliveriesRepository.page).
 */
export const documentDeliveries = pgTable(
  'document_deliveries',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    txId: xid8('tx_id')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    documentId: uuid('document_id')
      .notNull()
      .references(() => submissionDocuments.id),
    /** The configured target's name (for pull targets: the export channel's name). */
    target: text('target').notNull(),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    /** Hand-over attempts so far; once one started, the document may be at the target and is read-only. */
    attempts: integer('attempts').notNull().default(0),
    /** Manual redeliveries after a failure (each gets a fresh job). */
    redeliveries: integer('redeliveries').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('document_deliveries_document_target_idx').on(t.documentId, t.target),
    index('document_deliveries_cursor_idx').on(t.target, t.txId, t.seq),
    index('document_deliveries_status_idx').on(t.status, t.createdAt),
  ],
);
