import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/client.js';
import { cannedResponses } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError } from '../../platform/errors/index.js';

export type CannedResponse = typeof cannedResponses.$inferSelect;

export const cannedResponseSchema = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9äöüß-]{2,30}$/, { error: 'Das Kürzel besteht aus 2 bis 30 Zeichen: Kleinbuchstaben, Ziffern oder Bindestrich.' }),
  title: z.string().trim().min(1, { error: 'Bitte geben Sie einen Titel an.' }).max(100),
  text: z.string().trim().min(1, { error: 'Bitte geben Sie den Text an.' }).max(2000),
});
export type CannedResponseInput = z.infer<typeof cannedResponseSchema>;

const TAKEN = () => new ConflictError('shortcut_taken', 'Dieses Kürzel ist bereits vergeben.');

/** The shared prepared answers: every agent reads them, admins keep them up to date. */
export class CannedResponsesRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<CannedResponse[]> {
    return this.db.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut));
  }

  async create(input: CannedResponseInput, by: string | null): Promise<CannedResponse> {
    const [row] = await this.db
      .insert(cannedResponses)
      .values({ id: randomUUID(), ...input, updatedBy: by })
      .onConflictDoNothing({ target: cannedResponses.shortcut })
      .returning();
    if (!row) throw TAKEN();
    return row;
  }

  async update(id: string, input: CannedResponseInput, by: string | null): Promise<CannedResponse> {
    const [clash] = await this.db
      .select({ id: cannedResponses.id })
      .from(cannedResponses)
      .where(eq(cannedResponses.shortcut, input.shortcut));
    if (clash && clash.id !== id) throw TAKEN();
    const [row] = await this.db
      .update(cannedResponses)
      .set({ ...input, updatedBy: by, updatedAt: sql`now()` })
      .where(eq(cannedResponses.id, id))
      .returning();
    if (!row) throw new NotFoundError('Diese Textvorlage gibt es nicht.');
    return row;
  }

  async remove(id: string): Promise<void> {
    const [row] = await this.db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning({ id: cannedResponses.id });
    if (!row) throw new NotFoundError('Diese Textvorlage gibt es nicht.');
  }
}
