import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { cannedResponseSchema, type CannedResponsesRepository } from './canned-responses.js';

export interface CannedImportReport {
  read: number;
  added: number;
  /** Shortcuts that exist already: kept as they are (admins may have edited them). */
  kept: number;
  rejected: Array<{ entry: number; problems: string[] }>;
}

/**
 * Adds the prepared answers of a YAML file (a list of shortcut, title, text) whose shortcuts do
 * not exist yet. Invalid entries are reported by their place in the list, the rest still added.
 */
export async function importCannedResponses(file: string, repository: CannedResponsesRepository): Promise<CannedImportReport> {
  const entries = z.array(z.unknown()).parse(parse(await readFile(file, 'utf8')) ?? []);
  const existing = new Set((await repository.list()).map((r) => r.shortcut));
  const report: CannedImportReport = { read: entries.length, added: 0, kept: 0, rejected: [] };
  for (const [index, entry] of entries.entries()) {
    const parsed = cannedResponseSchema.safeParse(entry);
    if (!parsed.success) {
      report.rejected.push({ entry: index + 1, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`) });
    } else if (existing.has(parsed.data.shortcut)) {
      report.kept++;
    } else {
      await repository.create(parsed.data, null);
      existing.add(parsed.data.shortcut);
      report.added++;
    }
  }
  return report;
}
