/**
 * Every log line the test suite produces passes through one scanner, which looks for personal
 * data: KVNRs, IBANs, phone numbers, the demo members' names, Einmal-PINs, and every message
 * text a test sent in a chat. The root hook fails the run when anything was found.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { projectRoot } from '../../platform/paths.js';
import { createLogger, type Logger } from '../../platform/logging/logger.js';

interface Finding {
  kind: string;
  source: string;
  excerpt: string;
}

const PATTERNS: Array<[kind: string, pattern: RegExp]> = [
  // KVNR: a capital letter and nine digits.
  ['KVNR', /(?<![A-Za-z0-9])[A-Z][0-9]{9}(?![0-9])/],
  // German IBAN, with or without spaces.
  ['IBAN', /(?<![A-Za-z0-9])DE[0-9]{2}(?: ?[0-9]{4}){4} ?[0-9]{2}(?![0-9])/],
  // Phone numbers as members type them: +49 or a leading 0, area code, then digits with a separator.
  ['phone', /(?<![0-9A-Za-z.:-])(?:\+49|0049|0)[ (]?[1-9][0-9]{1,4}[) /-]{1,2}[0-9]{3,9}(?:[ -][0-9]{2,5})?(?![0-9A-Za-z.:-])/],
  // Einmal-PIN: 4+4 of Crockford's alphabet (upper case, so UUID fragments do not match).
  ['Einmal-PIN', /(?<![\w-])[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}(?![\w-])/],
];

function demoMemberNames(): string[] {
  const [, ...rows] = readFileSync(path.join(projectRoot, 'data', 'demo-members.csv'), 'utf8')
    .trim()
    .split('\n');
  return rows.flatMap((row) => {
    const [, first, last] = row.split(',');
    return first && last ? [`${first} ${last}`, `${last}, ${first}`, `"${last}"`] : [];
  });
}

export class LogScanner {
  lines = 0;
  readonly findings: Finding[] = [];
  private readonly texts = new Set<string>();

  constructor(private readonly names: string[]) {}

  /** A text a test sent as a member: it must never show up in a log. Short or common texts are not distinctive enough. */
  rememberSent(text: string | undefined): void {
    const trimmed = text?.trim();
    if (trimmed && trimmed.length >= 12 && /\s/.test(trimmed)) this.texts.add(trimmed);
  }

  scan(output: string, source: string): void {
    for (const line of output.split('\n')) {
      if (!line) continue;
      this.lines++;
      for (const [kind, pattern] of PATTERNS) {
        const match = pattern.exec(line);
        if (match) this.findings.push({ kind, source, excerpt: excerpt(line, match.index) });
      }
      for (const name of this.names)
        if (line.includes(name)) this.findings.push({ kind: 'demo member name', source, excerpt: excerpt(line, line.indexOf(name)) });
      for (const text of this.texts) {
        if (line.includes(text) || line.includes(JSON.stringify(text).slice(1, -1)))
          this.findings.push({ kind: 'message text', source, excerpt: excerpt(line, line.indexOf(text)) });
      }
    }
  }

  report(): string {
    const counts = new Map<string, number>();
    for (const f of this.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    return (
      [...counts].map(([kind, n]) => `${n}× ${kind}`).join(', ') +
      '\n' +
      this.findings
        .slice(0, 30)
        .map((f) => `${f.kind} in ${f.source}: …${f.excerpt}…`)
        .join('\n')
    );
  }
}

const excerpt = (line: string, at: number) => line.slice(Math.max(0, at - 80), at + 60);

/** The scanner of this run. */
export const suiteLogScan = new LogScanner(demoMemberNames());

/** Where the suite's loggers write: every line is scanned, none is printed. */
export const suiteLog = new Writable({
  write(chunk: Buffer, _encoding, done) {
    suiteLogScan.scan(chunk.toString('utf8'), 'in-process log');
    done();
  },
});

/** A logger for a test, at debug level so the scan sees everything the code would ever log. */
export function testLogger(level = 'debug'): Logger {
  return createLogger(level, suiteLog);
}
