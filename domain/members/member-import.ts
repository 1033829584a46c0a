import type { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { z } from 'zod';
import { kvnrFileSchema } from './kvnr.js';
import type { MemberInput, MembersRepository, UpsertCounts } from './members.repository.js';

/** The columns of the member master data export, in this order. */
export const MEMBER_CSV_COLUMNS = [
  'kvnr',
  'firstName',
  'lastName',
  'birthDate',
  'street',
  'postalCode',
  'city',
  'cardNumberLast6',
  'familyOf',
] as const;

/** An optional last column: „Frau“, „Herr“ or empty (letters then use a neutral salutation). */
const SALUTATION_COLUMN = 'salutation';
const WITH_SALUTATION = [...MEMBER_CSV_COLUMNS, SALUTATION_COLUMN] as const;

const GERMAN_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;

const birthDateSchema = z
  .string()
  .transform((value) => value.replace(GERMAN_DATE, '$3-$2-$1'))
  .pipe(z.iso.date({ error: 'expected YYYY-MM-DD or DD.MM.YYYY' }))
  .refine((value) => value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10), { error: 'not a plausible birth date' });

const name = z.string().min(1, { error: 'empty' }).max(100, { error: 'longer than 100 characters' });

const memberRowSchema = z.object({
  kvnr: kvnrFileSchema,
  firstName: name,
  lastName: name,
  birthDate: birthDateSchema,
  street: z.string().min(1, { error: 'empty' }).max(200),
  postalCode: z.string().regex(/^\d{5}$/, { error: 'expected five digits' }),
  city: name,
  cardNumberLast6: z.string().regex(/^\d{6}$/, { error: 'expected the last six digits of the card number' }),
  familyOf: z.union([z.literal('').transform(() => null), kvnrFileSchema]),
  salutation: z
    .string()
    .default('')
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(['', 'frau', 'herr'], { error: 'expected Frau, Herr or empty' }))
    .transform((value) => (value === 'frau' ? 'Frau' : value === 'herr' ? 'Herr' : null)),
});

export interface RejectedRow {
  /** Line in the file (the header is line 1). */
  line: number;
  /** Field and reason; never the value (it is personal data). */
  problems: string[];
}

export interface ImportReport extends UpsertCounts {
  read: number;
  rejected: RejectedRow[];
}

export class MemberFileError extends Error {}

const MAX_RECORD_CHARACTERS = 10_000;

interface ValidRow {
  line: number;
  member: MemberInput;
}

/** The parser's rows; a file it cannot read (an unclosed quote, a line too long) is the file's fault, said by line. */
async function* rowsOf(parser: AsyncIterable<unknown>): AsyncGenerator<{ record: string[]; info: { lines: number } }> {
  try {
    for await (const row of parser) yield row as { record: string[]; info: { lines: number } };
  } catch (err) {
    if (err instanceof CsvError) throw new MemberFileError(`The file is not readable as CSV near line ${err.lines ?? '?'}: ${err.message}`);
    throw err;
  }
}

async function readRows(source: Readable, rejected: RejectedRow[]): Promise<{ read: number; valid: ValidRow[] }> {
  const parser = source.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      delimiter: [',', ';'],
      relax_column_count: true,
      info: true,
      // No row of member data is this long: a file without line ends fails at once, not after megabytes.
      max_record_size: MAX_RECORD_CHARACTERS,
    }),
  );
  // pipe() does not pass read errors on (a missing file would crash the process otherwise).
  source.on('error', (err) => parser.destroy(err));
  const valid: ValidRow[] = [];
  let read = 0;
  let columns: readonly string[] | undefined;
  for await (const { record, info } of rowsOf(parser)) {
    if (!columns) {
      const header = record.join(',');
      if (header !== MEMBER_CSV_COLUMNS.join(',') && header !== WITH_SALUTATION.join(','))
        throw new MemberFileError(`The first line must be the header: ${MEMBER_CSV_COLUMNS.join(',')} (optionally ,${SALUTATION_COLUMN})`);
      columns = record;
      continue;
    }
    read++;
    if (record.length !== columns.length) {
      rejected.push({ line: info.lines, problems: [`expected ${columns.length} columns, found ${record.length}`] });
      continue;
    }
    const parsed = memberRowSchema.safeParse(Object.fromEntries(columns.map((column, i) => [column, record[i]])));
    if (parsed.success) valid.push({ line: info.lines, member: parsed.data });
    else rejected.push({ line: info.lines, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) });
  }
  if (!columns) throw new MemberFileError(`The file is empty; the first line must be the header: ${MEMBER_CSV_COLUMNS.join(',')}`);
  return { read, valid };
}

/**
 * Imports the insurer's member master data from CSV: every row validated (KVNR check digit
 * included), rejected rows reported by line and field, the rest inserted or updated in one
 * transaction. Importing the same file again changes nothing.
 */
export function importMembers(file: string, repository: MembersRepository): Promise<ImportReport> {
  return importMembersFrom(createReadStream(file), repository);
}

/** The same from any stream of CSV (an upload in the console). */
export async function importMembersFrom(source: Readable, repository: MembersRepository): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const { read, valid } = await readRows(source, rejected);

  const firstLine = new Map<string, number>();
  const unique: ValidRow[] = [];
  for (const row of valid) {
    const seen = firstLine.get(row.member.kvnr);
    if (seen) rejected.push({ line: row.line, problems: [`kvnr: appears again (first on line ${seen})`] });
    else {
      firstLine.set(row.member.kvnr, row.line);
      unique.push(row);
    }
  }

  // A family member is insured through a main member: in this file or already on record.
  const inFile = new Map(unique.map((row) => [row.member.kvnr, row.member.familyOf ?? null]));
  const targets = [...new Set(unique.map((row) => row.member.familyOf).filter((k): k is string => !!k))];
  const onRecord = await repository.familyLinks(targets.filter((k) => !inFile.has(k)));
  const accepted = unique.filter((row) => {
    const target = row.member.familyOf;
    if (!target) return true;
    const problem =
      target === row.member.kvnr
        ? 'familyOf: points to the member itself'
        : !inFile.has(target) && !onRecord.has(target)
          ? 'familyOf: no member with this KVNR in the file or on record'
          : (inFile.get(target) ?? onRecord.get(target))
            ? 'familyOf: points to a family member, not to a main member'
            : undefined;
    if (problem) rejected.push({ line: row.line, problems: [problem] });
    return !problem;
  });

  const mainFirst = [...accepted.filter((r) => !r.member.familyOf), ...accepted.filter((r) => r.member.familyOf)];
  const counts = await repository.upsert(mainFirst.map((r) => r.member));
  rejected.sort((a, b) => a.line - b.line);
  return { read, rejected, ...counts };
}
