import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { members } from '../../platform/db/schema.js';
import { escapeLike } from '../../platform/db/like.js';
import { foldName, foldedSql } from './name-folding.js';

export type MemberRecord = typeof members.$inferSelect;
export type MemberInput = Omit<typeof members.$inferInsert, 'updatedAt'>;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const BATCH = 500;
/** The member data an import may change (all but the KVNR), with their SQL names. */
const COLUMN_NAMES = {
  firstName: 'first_name',
  lastName: 'last_name',
  birthDate: 'birth_date',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  cardNumberLast6: 'card_number_last6',
  familyOf: 'family_of',
  salutation: 'salutation',
} as const satisfies Partial<Record<keyof MemberInput, string>>;
const DATA_COLUMNS = Object.keys(COLUMN_NAMES) as Array<keyof typeof COLUMN_NAMES>;

export class MembersRepository {
  constructor(private readonly db: Database) {}

  async find(kvnr: string): Promise<MemberRecord | undefined> {
    const [row] = await this.db.select().from(members).where(eq(members.kvnr, kvnr));
    return row;
  }

  async findMany(kvnrs: string[]): Promise<MemberRecord[]> {
    if (kvnrs.length === 0) return [];
    return this.db
      .select()
      .from(members)
      .where(inArray(members.kvnr, kvnrs.slice(0, BATCH)));
  }

  /** Members born on one of these days (for matching by name and birth date). */
  async bornOn(dates: string[]): Promise<MemberRecord[]> {
    if (dates.length === 0) return [];
    return this.db
      .select()
      .from(members)
      .where(inArray(members.birthDate, dates.slice(0, 50)))
      .limit(500);
  }

  /** Members whose name holds every word of `name` (Krüger = Krueger, accents ignored), by surname; born on `birthDate` if given. */
  async named(name: string, limit = 20, birthDate?: string): Promise<MemberRecord[]> {
    const fullName = foldedSql(sql`${members.firstName} || ' ' || ${members.lastName}`);
    const words = foldName(name).split(' ').filter(Boolean);
    if (words.length === 0) return [];
    return this.db
      .select()
      .from(members)
      .where(
        and(
          birthDate ? eq(members.birthDate, birthDate) : undefined,
          ...words.map((word) => sql`${fullName} like ${`%${escapeLike(word)}%`}`),
        ),
      )
      .orderBy(asc(members.lastName), asc(members.firstName))
      .limit(limit);
  }

  /**
   * Other members who may bear one of these members' names: the same surname (folded) and a first
   * name with the same initial (Sophie and Sophia). The caller decides which are look-alikes.
   */
  async namesakesOf(found: MemberRecord[]): Promise<MemberRecord[]> {
    const names = [...new Map(found.map((m) => [`${foldName(m.lastName)}|${foldName(m.firstName).slice(0, 1)}`, m])).values()].slice(0, 20);
    if (names.length === 0) return [];
    return this.db
      .select()
      .from(members)
      .where(
        or(
          ...names.map((m) =>
            and(
              eq(foldedSql(members.lastName), foldName(m.lastName)),
              sql`${foldedSql(members.firstName)} like ${`${escapeLike(foldName(m.firstName).slice(0, 1))}%`}`,
            ),
          ),
        ),
      )
      .limit(200);
  }

  /** Everyone in the family insurances these members belong to: each main member and all insured through them. */
  async familiesOf(found: MemberRecord[]): Promise<MemberRecord[]> {
    const mains = [...new Set(found.map((m) => m.familyOf ?? m.kvnr))].slice(0, BATCH);
    if (mains.length === 0) return [];
    return this.db
      .select()
      .from(members)
      .where(or(inArray(members.kvnr, mains), inArray(members.familyOf, mains)))
      .limit(500);
  }

  /** For each of these KVNRs that is known: the main member it is insured through (or null). */
  async familyLinks(kvnrs: string[]): Promise<Map<string, string | null>> {
    const links = new Map<string, string | null>();
    for (let i = 0; i < kvnrs.length; i += BATCH) {
      const rows = await this.db
        .select({ kvnr: members.kvnr, familyOf: members.familyOf })
        .from(members)
        .where(inArray(members.kvnr, kvnrs.slice(i, i + BATCH)));
      for (const row of rows) links.set(row.kvnr, row.familyOf);
    }
    return links;
  }

  /**
   * Inserts new members and updates changed ones in one transaction (all or nothing); rows
   * that are already identical are left alone, so importing the same file twice changes nothing.
   * Main members must come before the family members that point to them.
   */
  async upsert(rows: MemberInput[]): Promise<UpsertCounts> {
    let inserted = 0;
    let updated = 0;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const excluded = Object.fromEntries(DATA_COLUMNS.map((c) => [c, sql.raw(`excluded.${COLUMN_NAMES[c]}`)]));
        const changed = sql.join(
          DATA_COLUMNS.map((c) => sql`${members[c]} is distinct from ${sql.raw(`excluded.${COLUMN_NAMES[c]}`)}`),
          sql` or `,
        );
        const result = await tx
          .insert(members)
          .values(batch)
          .onConflictDoUpdate({ target: members.kvnr, set: { ...excluded, updatedAt: sql`now()` }, setWhere: changed })
          .returning({ inserted: sql<boolean>`(xmax = 0)` });
        for (const row of result) {
          if (row.inserted) inserted++;
          else updated++;
        }
      }
    });
    return { inserted, updated, unchanged: rows.length - inserted - updated };
  }
}
