import { z } from 'zod';
import { DOCUMENT_TYPES } from '../submissions/document-types.js';
import type { DeliveryKind } from '../../platform/db/schema.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS, or plain HTTP to this machine only (a receiver beside the service, tests). */
function isAllowedWebhookUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

const filters = {
  /** Only documents of these types (all when absent). */
  documentTypes: z.array(z.enum(DOCUMENT_TYPES)).min(1).optional(),
  /** Only documents routed to these departments (all when absent). */
  departments: z.array(z.string().min(1).max(80)).min(1).optional(),
};

const targetName = z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: 'expected 2 to 41 lower-case letters, digits or hyphens' });

const webhookTarget = z
  .object({
    name: targetName,
    kind: z.literal('webhook'),
    url: z.string().refine(isAllowedWebhookUrl, { error: 'expected an https:// URL (http:// only to localhost)' }),
    /** The environment variable holding the signing secret (never the secret itself in the file). */
    secretEnv: z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/, { error: 'expected the name of an environment variable' }),
    timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
    ...filters,
  })
  .strict();

const pullTarget = z.object({ name: targetName, kind: z.literal('pull'), ...filters }).strict();

const folderTarget = z
  .object({
    name: targetName,
    kind: z.literal('folder'),
    directory: z.string().min(1),
    ...filters,
  })
  .strict();

export const deliveryTargetsFileSchema = z
  .object({ targets: z.array(z.discriminatedUnion('kind', [webhookTarget, pullTarget, folderTarget])).max(50) })
  .strict()
  .refine((file) => new Set(file.targets.map((t) => t.name)).size === file.targets.length, { error: 'target names must be unique' });

export type DeliveryTargetSpec = z.output<typeof deliveryTargetsFileSchema>['targets'][number];
/** A target as the running system knows it: a webhook's secret resolved from the environment. */
export type DeliveryTarget =
  (Extract<DeliveryTargetSpec, { kind: 'webhook' }> & { secret: string }) | Extract<DeliveryTargetSpec, { kind: 'pull' | 'folder' }>;

/** The targets a routed document goes to: every one whose filters it passes. */
export function targetsFor(
  targets: readonly DeliveryTarget[],
  documentType: string,
  department: string,
): Array<{ target: string; kind: DeliveryKind }> {
  return targets
    .filter((t) => !t.documentTypes || (t.documentTypes as readonly string[]).includes(documentType))
    .filter((t) => !t.departments || t.departments.includes(department))
    .map((t) => ({ target: t.name, kind: t.kind }));
}
