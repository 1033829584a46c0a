import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import Holidays from 'date-holidays';
import { z } from 'zod';
import { parseWeeklyHours } from '../../domain/livechat/opening-hours.js';
import { QUEUE_NAMES, type QueueName } from '../../platform/queue/job-map.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../domain/submissions/document-types.js';

/**
 * Every environment variable the system reads, with its rule. Messages never echo the value
 * (it may be a secret); they say what is expected. `.env.example` documents the same list.
 */

function integer(min: number, max: number, what = 'a whole number') {
  const error = `expected ${what} from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const port = () => integer(1, 65535, 'a port number');

function urlWithScheme(schemes: string[]) {
  const pattern = new RegExp(`^(${schemes.join('|')})://[^\\s]+$`);
  return z.string().regex(pattern, { error: `expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}` });
}

function isHolidayRegion(region: string): boolean {
  const [country, state] = region.split('-');
  if (!country || !/^[A-Z]{2}$/.test(country) || (state !== undefined && !/^[A-Z0-9]{1,3}$/.test(state))) return false;
  const countries = new Holidays().getCountries();
  if (!countries[country]) return false;
  return state === undefined || !!new Holidays().getStates(country)?.[state];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const PARALLEL_JOBS = { error: 'expected a number of parallel jobs from 1 to 256' };
const parallelJobs = z.number(PARALLEL_JOBS).int(PARALLEL_JOBS).min(1, PARALLEL_JOBS).max(256, PARALLEL_JOBS);

/** "a, b,,c" as ["a", "b", "c"]. */
function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** "a=1;b=2" as an object; keys and values trimmed. */
function keyValueList(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(';')
      .filter((p) => p.trim())
      .map((p) => [p.split('=')[0]!.trim(), p.split('=').slice(1).join('=').trim()]),
  );
}

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production'], { error: 'expected development, test or production' }).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port().default(3978),
    PUBLIC_URL: urlWithScheme(['http', 'https']).optional(),
    TRUST_PROXY_HOPS: integer(0, 10).default(0),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),

    DATABASE_URL: urlWithScheme(['postgres', 'postgresql']).optional(),
    DATABASE_POOL_SIZE: integer(1, 200).default(10),
    EMBEDDED_DB_DIR: z.string().min(1).default('var/db'),

    REDIS_URL: urlWithScheme(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'expected 1 to 32 letters, digits, - or _' })
      .default('mk'),

    CLAMD_SOCKET: z.string().min(1).optional(),
    CLAMD_HOST: z.string().min(1).default('127.0.0.1'),
    CLAMD_PORT: port().default(3310),
    CLAMD_TIMEOUT_MS: integer(100, 600_000).default(10_000),

    SESSION_IDLE_TIMEOUT_SECONDS: integer(60, 86_400).default(1800),
    SESSION_ABSOLUTE_TIMEOUT_SECONDS: integer(300, 7 * 86_400).default(12 * 3600),
    LOGIN_MAX_FAILURES: integer(1, 100).default(5),
    LOGIN_LOCKOUT_SECONDS: integer(10, 86_400).default(900),
    LOGIN_RATE_LIMIT_PER_IP: integer(1, 10_000).default(30),

    DIRECTLINE_SECRET: z.string().min(32, { error: 'expected at least 32 characters' }).optional(),
    DIRECTLINE_TOKEN_TTL_SECONDS: integer(60, 86_400).default(1800),
    BOT_ENDPOINT: urlWithScheme(['http', 'https']).optional(),
    CHANNEL_SERVICE_URL: urlWithScheme(['http', 'https']).optional(),
    BOT_TIMEOUT_MS: integer(1000, 120_000).default(15_000),
    TRANSCRIPT_RETENTION_DAYS: integer(1, 3650).default(90),
    CHAT_MESSAGES_PER_MINUTE: integer(1, 10_000).default(60),
    WIDGET_TOKENS_PER_IP_PER_15MIN: integer(1, 100_000).default(100),
    WIDGET_ALLOWED_ORIGINS: z
      .string()
      .transform(commaList)
      .pipe(
        z.array(
          z.string().regex(/^https?:\/\/[^/\s]+$/, { error: 'expected a comma-separated list of origins such as https://www.example.de' }),
        ),
      )
      .default([]),

    KNOWLEDGE_DIR: z.string().min(1).optional(),
    /** An answer not reviewed for this many days is listed for review in the console. */
    KNOWLEDGE_REVIEW_MAX_AGE_DAYS: integer(7, 3650).default(365),

    STORAGE_DIR: z.string().min(1).default('var/files'),
    UPLOAD_MAX_FILE_BYTES: integer(1024, 100 * 1024 * 1024).default(15 * 1024 * 1024),
    UPLOAD_MAX_FILES: integer(1, 50).default(15),
    SUBMISSION_MAX_PAGES: integer(1, 200).default(15),
    SUBMISSION_MAX_PAGE_KB: integer(50, 50 * 1024).default(800),
    DRAFT_EXPIRY_HOURS: integer(1, 24 * 90).default(48),
    OCR_WORKERS: integer(1, 64).default(Math.max(1, availableParallelism())),
    OCR_LANG_PATH: z
      .string()
      .min(1)
      .refine((dir) => existsSync(path.join(dir, 'deu.traineddata')), { error: 'expected a folder holding deu.traineddata (uncompressed)' })
      .optional(),
    PDF_TIME_LIMIT_MS: integer(500, 300_000).default(15_000),
    INTAKE_SCAN_CONCURRENCY: integer(1, 64).default(4),
    QUEUE_CONCURRENCY: z
      .string()
      .transform((v) => Object.fromEntries(Object.entries(keyValueList(v)).map(([queue, jobs]) => [queue, Number(jobs)])))
      .pipe(
        z
          .record(z.string(), parallelJobs)
          .refine((map) => Object.keys(map).every((queue) => (QUEUE_NAMES as readonly string[]).includes(queue)), {
            error: `expected queue names out of ${QUEUE_NAMES.join(', ')}`,
          })
          .transform((map) => map as Partial<Record<QueueName, number>>),
      )
      .default({}),
    INTAKE_DEPARTMENTS: z
      .string()
      .transform(keyValueList)
      .pipe(
        z
          .record(z.string(), z.string().min(1, { error: 'expected a department name after =' }).max(80))
          .refine((map) => Object.keys(map).every((type) => (DOCUMENT_TYPES as readonly string[]).includes(type)), {
            error: `expected document types out of ${DOCUMENT_TYPES.join(', ')}`,
          })
          .transform((map) => map as Partial<Record<DocumentType, string>>),
      )
      .default({}),
    DELIVERY_TARGETS_FILE: z.string().min(1).optional(),
    DELIVERY_MAX_ATTEMPTS: integer(1, 50).default(10),
    DELIVERY_BACKOFF_MS: integer(100, 3_600_000).default(30_000),
    DELIVERY_LINK_TTL_HOURS: integer(1, 720).default(168),
    TIME_ZONE: z.string().min(1).default('Europe/Berlin').refine(isTimeZone, { error: 'expected an IANA time zone such as Europe/Berlin' }),

    LIVECHAT_HOURS: z
      .string()
      .default('Mo-Fr 08:00-18:00')
      .transform((text, ctx) => {
        const parsed = parseWeeklyHours(text);
        if (typeof parsed === 'string') {
          ctx.addIssue({ code: 'custom', message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    LIVECHAT_HOLIDAYS: z
      .string()
      .default('DE')
      .refine((region) => region === 'none' || isHolidayRegion(region), {
        error: 'expected a country or country-state code such as DE or DE-NW, or none',
      })
      .transform((region) =>
        region === 'none' ? null : { country: region.split('-')[0]!, ...(region.includes('-') ? { state: region.split('-')[1]! } : {}) },
      ),
    LIVECHAT_MAX_CHATS_PER_AGENT: integer(1, 20).default(3),
    LIVECHAT_CLOSED_DAYS: z
      .string()
      .transform(commaList)
      .pipe(z.array(z.iso.date({ error: 'expected dates as YYYY-MM-DD, separated by commas' })))
      .default([]),
    LIVECHAT_PERSON_TOPICS: z
      .string()
      .default('Beschwerde,beschweren,Widerspruch,widersprechen,Todesfall,verstorben')
      .transform((v) => (v.trim() === 'none' ? [] : commaList(v)))
      .pipe(z.array(z.string().min(3, { error: 'expected words of at least 3 letters, separated by commas, or none' }).max(60))),
    CALLBACK_RETENTION_DAYS: integer(1, 3650).default(180),
    DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS: integer(1, 3650).default(30),
    DOCUMENT_RETENTION_MAX_DAYS: integer(1, 3650).default(365),
    PIN_RETENTION_DAYS: integer(1, 3650).default(90),
    CERTIFICATE_RETENTION_DAYS: integer(1, 3650).default(180),

    METRICS_TOKEN: z.string().min(16, { error: 'expected at least 16 characters' }).optional(),
    SHUTDOWN_TIMEOUT_SECONDS: integer(1, 600).default(30),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'required in production (the embedded database is for a single-process demo only)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.DIRECTLINE_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['DIRECTLINE_SECRET'], message: 'required in production (at least 32 random characters)' });
    }
    if (env.DOCUMENT_RETENTION_MAX_DAYS < env.DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['DOCUMENT_RETENTION_MAX_DAYS'],
        message: 'must not be shorter than DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS',
      });
    }
    if (env.SESSION_ABSOLUTE_TIMEOUT_SECONDS < env.SESSION_IDLE_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_ABSOLUTE_TIMEOUT_SECONDS'],
        message: 'must not be shorter than SESSION_IDLE_TIMEOUT_SECONDS',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
