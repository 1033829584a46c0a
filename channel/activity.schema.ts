import { z } from 'zod';

const smallJson = (max: number) => (value: unknown) => value === undefined || JSON.stringify(value).length <= max;

/**
 * What a member's client may send. Unknown fields are dropped; attachments only arrive through
 * the upload endpoint, where their bytes are checked.
 */
const userActivityFields = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(5000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  localTimestamp: z.string().max(40).optional(),
  localTimezone: z.string().max(60).optional(),
  from: z.object({ id: z.string().max(128).optional(), name: z.string().max(100).optional() }).optional(),
  name: z.string().max(100).optional(),
  value: z.unknown().refine(smallJson(8192), 'value is too large').optional(),
  channelData: z.record(z.string(), z.unknown()).refine(smallJson(8192), 'channelData is too large').optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).refine(smallJson(8192), 'entities are too large').optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments must be sent through the upload endpoint').optional(),
});

export const userActivitySchema = userActivityFields
  .refine((a) => a.type !== 'message' || (a.text ?? '').trim() !== '' || a.value !== undefined, {
    message: 'a message needs text or a value',
    path: ['text'],
  })
  .refine((a) => a.type !== 'event' || !!a.name, { message: 'an event needs a name', path: ['name'] });

export type UserActivityInput = z.infer<typeof userActivitySchema>;

/** The `activity` part of an upload: a message whose attachments are the uploaded files. */
export const uploadActivitySchema = userActivityFields.extend({ type: z.literal('message').default('message') });

/** What the bot may send through the reply endpoints. */
export const botActivitySchema = z
  .object({
    type: z.string().min(1).max(50),
    text: z.string().max(20_000).optional(),
  })
  .passthrough()
  .refine(smallJson(256 * 1024), 'activity is too large');
