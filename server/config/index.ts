import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import path from 'node:path';
import type { OpeningHoursSpec } from '../../domain/livechat/opening-hours.js';
import type { QueueName } from '../../platform/queue/job-map.js';
import type { DocumentType } from '../../domain/submissions/document-types.js';
import { deliveryTargetsFileSchema, type DeliveryTarget } from '../../domain/documents/delivery-targets.js';
import { envSchema, type Env } from './env.schema.js';

export interface AppConfig {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  http: { host: string; port: number; publicUrl: string; trustProxyHops: number };
  log: { level: Env['LOG_LEVEL'] };
  database: { url: string | undefined; poolSize: number; embeddedDir: string };
  /** `channelPrefix` names pub/sub channels (see pubSubPrefix). */
  redis: { url: string; prefix: string; channelPrefix: string };
  clamd: { socket: string | undefined; host: string; port: number; timeoutMs: number };
  auth: {
    sessionIdleTimeoutMs: number;
    sessionAbsoluteTimeoutMs: number;
    maxLoginFailures: number;
    lockoutMs: number;
    loginAttemptsPerIpPer15Min: number;
  };
  chat: {
    /** Unset outside production: a secret is generated once and kept in var/. */
    directLineSecret: string | undefined;
    tokenTtlSeconds: number;
    /** Where the channel posts activities for the bot (Bot Connector contract). */
    botEndpoint: string;
    /** The channel's own base URL as the bot sees it (activities' serviceUrl). */
    channelServiceUrl: string;
    botTimeoutMs: number;
    transcriptRetentionDays: number;
    messagesPerMinute: number;
    widgetTokensPerIpPer15Min: number;
    widgetAllowedOrigins: string[];
  };
  storage: { dir: string; maxFileBytes: number; maxFiles: number };
  /** The insurer's upload rules for one submission, and when unfinished drafts are deleted. */
  submissions: { maxPages: number; maxPageBytes: number; draftExpiryHours: number };
  /** Intake pipeline: OCR workers (one per core by default), another German model than the packaged one, parallel scans, department overrides per document type. */
  intake: {
    ocrWorkers: number;
    ocrLangPath: string | undefined;
    scanConcurrency: number;
    pdfTimeLimitMs: number;
    departments: Partial<Record<DocumentType, string>>;
  };
  /**
   * Where routed documents go (DELIVERY_TARGETS_FILE; none when unset), how often a failing
   * hand-over is tried and how long the file links in a delivery stay valid.
   */
  delivery: { targets: DeliveryTarget[]; maxAttempts: number; backoffMs: number; linkTtlSeconds: number };
  /** How long each kind of personal data is kept (docs/decisions/0017-retention-and-erasure.md). */
  retention: { documentsAfterDeliveryDays: number; documentsMaxDays: number; pinsDays: number; certificatesDays: number };
  /** Parallel jobs per queue where they differ from the defaults (1; scan and OCR from the intake settings). */
  queueConcurrency: Partial<Record<QueueName, number>>;
  /** When agents answer the live chat (outside: the bot offers a callback). */
  livechat: { openingHours: OpeningHoursSpec; maxChatsPerAgent: number; personTopics: string[]; callbackRetentionDays: number };
  /** The insurer's time zone: "today" for dates members give. */
  timeZone: string;
  /** Folder with entries/*.md and synonyms.yaml; the project's own knowledge/ when unset. */
  knowledgeDir: string | undefined;
  /** Answers not reviewed for this many days are listed for review. */
  knowledgeReviewMaxAgeDays: number;
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
}

/** Thrown when the environment is invalid; `problems` names every bad field. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type RawEnv = Record<string, string | undefined>;

/**
 * Keys live in one Redis database, but pub/sub channels are shared by all databases of a
 * server: channel names carry the database number too, so two installations that differ
 * only in their database do not hear each other.
 */
function pubSubPrefix(url: string, prefix: string): string {
  const database = Number(new URL(url).pathname.slice(1) || '0');
  return `${prefix}:db${Number.isInteger(database) ? database : 0}`;
}

/** Parses an environment object. Empty strings count as unset, as in most .env files. */
export function parseConfig(raw: RawEnv): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')}: ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  const e = result.data;
  const deliveryTargets = e.DELIVERY_TARGETS_FILE ? readDeliveryTargets(e.DELIVERY_TARGETS_FILE, cleaned) : [];
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      trustProxyHops: e.TRUST_PROXY_HOPS,
    },
    log: { level: e.LOG_LEVEL },
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, embeddedDir: path.resolve(e.EMBEDDED_DB_DIR) },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX, channelPrefix: pubSubPrefix(e.REDIS_URL, e.REDIS_PREFIX) },
    clamd: { socket: e.CLAMD_SOCKET, host: e.CLAMD_HOST, port: e.CLAMD_PORT, timeoutMs: e.CLAMD_TIMEOUT_MS },
    auth: {
      sessionIdleTimeoutMs: e.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
      sessionAbsoluteTimeoutMs: e.SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000,
      maxLoginFailures: e.LOGIN_MAX_FAILURES,
      lockoutMs: e.LOGIN_LOCKOUT_SECONDS * 1000,
      loginAttemptsPerIpPer15Min: e.LOGIN_RATE_LIMIT_PER_IP,
    },
    chat: {
      directLineSecret: e.DIRECTLINE_SECRET,
      tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
      botEndpoint: e.BOT_ENDPOINT ?? `http://127.0.0.1:${e.PORT}/api/messages`,
      channelServiceUrl: (e.CHANNEL_SERVICE_URL ?? `http://127.0.0.1:${e.PORT}/botconnector`).replace(/\/$/, ''),
      botTimeoutMs: e.BOT_TIMEOUT_MS,
      transcriptRetentionDays: e.TRANSCRIPT_RETENTION_DAYS,
      messagesPerMinute: e.CHAT_MESSAGES_PER_MINUTE,
      widgetTokensPerIpPer15Min: e.WIDGET_TOKENS_PER_IP_PER_15MIN,
      widgetAllowedOrigins: e.WIDGET_ALLOWED_ORIGINS,
    },
    storage: { dir: path.resolve(e.STORAGE_DIR), maxFileBytes: e.UPLOAD_MAX_FILE_BYTES, maxFiles: e.UPLOAD_MAX_FILES },
    submissions: {
      maxPages: e.SUBMISSION_MAX_PAGES,
      maxPageBytes: e.SUBMISSION_MAX_PAGE_KB * 1024,
      draftExpiryHours: e.DRAFT_EXPIRY_HOURS,
    },
    intake: {
      ocrWorkers: e.OCR_WORKERS,
      ocrLangPath: e.OCR_LANG_PATH ? path.resolve(e.OCR_LANG_PATH) : undefined,
      scanConcurrency: e.INTAKE_SCAN_CONCURRENCY,
      pdfTimeLimitMs: e.PDF_TIME_LIMIT_MS,
      departments: e.INTAKE_DEPARTMENTS,
    },
    delivery: {
      targets: deliveryTargets,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      backoffMs: e.DELIVERY_BACKOFF_MS,
      linkTtlSeconds: e.DELIVERY_LINK_TTL_HOURS * 3600,
    },
    retention: {
      documentsAfterDeliveryDays: e.DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS,
      documentsMaxDays: e.DOCUMENT_RETENTION_MAX_DAYS,
      pinsDays: e.PIN_RETENTION_DAYS,
      certificatesDays: e.CERTIFICATE_RETENTION_DAYS,
    },
    queueConcurrency: e.QUEUE_CONCURRENCY,
    livechat: {
      openingHours: { weekly: e.LIVECHAT_HOURS, holidayRegion: e.LIVECHAT_HOLIDAYS, closedDays: e.LIVECHAT_CLOSED_DAYS },
      maxChatsPerAgent: e.LIVECHAT_MAX_CHATS_PER_AGENT,
      personTopics: e.LIVECHAT_PERSON_TOPICS,
      callbackRetentionDays: e.CALLBACK_RETENTION_DAYS,
    },
    timeZone: e.TIME_ZONE,
    knowledgeDir: e.KNOWLEDGE_DIR ? path.resolve(e.KNOWLEDGE_DIR) : undefined,
    knowledgeReviewMaxAgeDays: e.KNOWLEDGE_REVIEW_MAX_AGE_DAYS,
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  };
}

/** The delivery targets file (YAML), checked, with each webhook's secret read from the variable it names. */
function readDeliveryTargets(file: string, env: RawEnv): DeliveryTarget[] {
  const where = `DELIVERY_TARGETS_FILE (${file})`;
  let content: unknown;
  try {
    content = parseYaml(readFileSync(path.resolve(file), 'utf8'));
  } catch (err) {
    throw new ConfigError([`${where}: cannot be read as YAML (${(err as Error).message.split('\n')[0]})`]);
  }
  const parsed = deliveryTargetsFileSchema.safeParse(content);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${where}: ${issue.path.join('.') || '(file)'}: ${issue.message}`));
  const problems: string[] = [];
  const targets = parsed.data.targets.map((target): DeliveryTarget => {
    if (target.kind === 'folder') return { ...target, directory: path.resolve(target.directory) };
    if (target.kind !== 'webhook') return target;
    const secret = env[target.secretEnv] ?? '';
    if (secret.length < 32)
      problems.push(`${target.secretEnv}: the signing secret of target ${target.name}; expected at least 32 characters`);
    return { ...target, secret };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return targets;
}

/**
 * The one place that reads `process.env`. A `.env` file in the working directory is loaded
 * first when present; variables already set in the environment win.
 */
export function loadConfig(): AppConfig {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
