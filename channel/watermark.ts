/** The highest sequence number a conversation can hold (the `seq` column is a PostgreSQL integer). */
export const MAX_WATERMARK = 2_147_483_647;

/**
 * A client's watermark: absent or empty means "from the start" (0); anything but a whole
 * number from 0 to MAX_WATERMARK is no watermark of ours (undefined).
 */
export function parseWatermark(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value <= MAX_WATERMARK ? value : undefined;
}
