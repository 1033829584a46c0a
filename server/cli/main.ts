/**
 * Operator commands: `npm run cli -- <command>`.
 */
import { open, rm } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { AuditRepository } from '../../platform/audit/audit.repository.js';
import { StaffUsersRepository } from '../../domain/staff/staff-users.repository.js';
import { describeStaffUser, newStaffUserSchema, StaffUsersService } from '../../domain/staff/staff-users.service.js';
import { systemClock } from '../../platform/clock.js';
import { ConfigError, loadConfig } from '../config/index.js';
import { openDatabase, type Database } from '../../platform/db/client.js';
import { STAFF_ROLES, type StaffRole } from '../../platform/db/schema.js';
import { HttpError, ValidationError } from '../../platform/errors/index.js';
import { parseInput } from '../../platform/http/validate.js';
import { createLogger } from '../../platform/logging/logger.js';
import { importMembers, MEMBER_CSV_COLUMNS, MemberFileError } from '../../domain/members/member-import.js';
import { EinmalPinService, issuePinSchema } from '../../domain/members/einmal-pin/einmal-pin.service.js';
import { EinmalPinsRepository } from '../../domain/members/einmal-pin/einmal-pins.repository.js';
import { channelNameSchema, IntakeChannels } from '../../domain/channels/channel-keys.js';
import { TypeModelsRepository } from '../../intake-pipeline/classification/type-models.repository.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { readPassword } from './read-password.js';
import { MemberErasure } from '../../domain/members/member-erasure.js';
import { kvnrSchema } from '../../domain/members/kvnr.js';
import { FileStorage } from '../../platform/storage/file-storage.js';
import { importCannedResponses } from '../../domain/livechat/canned-import.js';
import { CannedResponsesRepository } from '../../domain/livechat/canned-responses.js';

const CLI_ACTOR = { label: 'cli' };

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger('error', pino.destination(2));
  const database = await openDatabase(config.database, logger);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function withStaffUsers<T>(work: (service: StaffUsersService) => Promise<T>): Promise<T> {
  return withDatabase((db) => work(new StaffUsersService(new StaffUsersRepository(db), new AuditRepository(db), systemClock)));
}

function parseRole(value: string): StaffRole {
  if (!(STAFF_ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${STAFF_ROLES.join(', ')}`);
  return value as StaffRole;
}

const program = new Command('cli').description('Musterkasse service: operator commands').showHelpAfterError();

program
  .command('user:add')
  .description('create a staff user; the password is read from standard input')
  .argument('<username>')
  .requiredOption('--role <role>', `one of ${STAFF_ROLES.join(', ')}`, parseRole)
  .option('--display-name <name>', 'name shown to members and colleagues (no surname needed)')
  .action(async (username: string, options: { role: StaffRole; displayName?: string }) => {
    const password = await readPassword();
    const input = parseInput(newStaffUserSchema, { username, role: options.role, displayName: options.displayName, password });
    const user = await withStaffUsers((service) => service.create(input, CLI_ACTOR));
    console.log(`Created ${user.role} "${user.username}".`);
  });

program
  .command('user:disable')
  .description('disable a staff user and end all their sessions')
  .argument('<username>')
  .action(async (username: string) => {
    const user = await withStaffUsers((service) => service.disable(username, CLI_ACTOR));
    console.log(`Disabled "${user.username}"; their sessions have ended.`);
  });

program
  .command('user:list')
  .description('list staff users')
  .action(async () => {
    const users = await withStaffUsers((service) => service.list());
    if (users.length === 0) console.log('No staff users yet. Create one with: npm run cli -- user:add <username> --role admin');
    for (const user of users.map(describeStaffUser)) {
      console.log([user.username.padEnd(24), user.role.padEnd(6), user.disabled ? 'disabled' : 'active  ', user.displayName].join('  '));
    }
  });

program
  .command('members:import')
  .description(`import member master data from CSV (header: ${MEMBER_CSV_COLUMNS.join(',')}); running it again changes nothing`)
  .argument('<file>')
  .action(async (file: string) => {
    const report = await withDatabase((db) => importMembers(file, new MembersRepository(db)));
    console.log(
      `${report.read} rows read: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected.`,
    );
    for (const row of report.rejected) console.log(`  line ${row.line}: ${row.problems.join('; ')}`);
    if (report.rejected.length > 0) process.exitCode = 2;
  });

program
  .command('canned:import')
  .description("add the live chat's prepared answers from a YAML file (shortcut, title, text); existing shortcuts are kept")
  .argument('<file>')
  .action(async (file: string) => {
    const report = await withDatabase((db) => importCannedResponses(file, new CannedResponsesRepository(db)));
    console.log(`${report.read} prepared answers read: ${report.added} added, ${report.kept} kept, ${report.rejected.length} rejected.`);
    for (const entry of report.rejected) console.log(`  entry ${entry.entry}: ${entry.problems.join('; ')}`);
    if (report.rejected.length > 0) process.exitCode = 2;
  });

program
  .command('pin:issue')
  .description('issue an Einmal-PIN for a member and write the letter (PDF) to print and post; the PIN appears only in the letter')
  .argument('<kvnr>')
  .requiredOption('--purpose <text>', 'what the letter asks the member to send, e.g. "Unterlagen zu Ihrem Krankengeld"')
  .requiredOption('--out <file>', 'where to write the letter PDF')
  .option('--letter-date <YYYY-MM-DD>', 'the date printed on the letter (default: today); the PIN is valid for 31 days from it')
  .action(async (kvnr: string, options: { purpose: string; out: string; letterDate?: string }) => {
    const input = parseInput(issuePinSchema, { kvnr, purpose: options.purpose, letterDate: options.letterDate });
    // The file is claimed first: a PIN whose letter could not be written would be lost.
    const letterFile = await open(options.out, 'wx', 0o600);
    let issued;
    try {
      issued = await withDatabase((db) => {
        // The CLI only issues letters; it takes no logins, so there are no attempts to count.
        const noLogins = { blocked: () => Promise.resolve(true), fail: () => Promise.resolve() };
        const service = new EinmalPinService({
          pins: new EinmalPinsRepository(db),
          members: new MembersRepository(db),
          audit: new AuditRepository(db),
          clock: systemClock,
          timeZone: loadConfig().timeZone,
          attempts: noLogins,
        });
        return service.issue(input, CLI_ACTOR);
      });
      await letterFile.writeFile(issued.letter);
    } catch (err) {
      await letterFile.close();
      await rm(options.out, { force: true });
      throw err;
    }
    await letterFile.close();
    console.log(`Einmal-PIN issued (valid until ${issued.validUntil}); letter written to ${options.out}.`);
  });

program
  .command('channel:add')
  .description(
    'register a system that may submit documents (app, scan centre), or with --export one that fetches routed documents (a pull target of the same name); prints its API key once',
  )
  .argument('<name>', 'lower-case letters, digits and dashes, e.g. scan-centre')
  .option('--export', 'a key for the export API (GET /api/export/documents) instead of the intake API')
  .action(async (name: string, options: { export?: boolean }) => {
    const scope = options.export ? 'export' : 'intake';
    const key = await withDatabase((db) => new IntakeChannels(db).add(parseInput(channelNameSchema, name), scope));
    console.log(`Channel "${name}" (${scope}) added. Its key (shown only now, store it in the channel's secret store):\n${key}`);
  });

program
  .command('channel:revoke')
  .description("revoke a channel's API key at once")
  .argument('<name>')
  .action(async (name: string) => {
    await withDatabase((db) => new IntakeChannels(db).revoke(name));
    console.log(`Channel "${name}" revoked.`);
  });

program
  .command('member:erase')
  .description(
    "remove every piece of a member's data (DSGVO Art. 17): master record, PINs, documents, conversations, requests; prints what was removed",
  )
  .argument('<kvnr>', 'the Krankenversichertennummer')
  .action(async (input: string) => {
    const kvnr = parseInput(kvnrSchema, input);
    const storage = new FileStorage(loadConfig().storage.dir);
    const report = await withDatabase((db) => new MemberErasure(db, storage, new AuditRepository(db)).erase(kvnr, CLI_ACTOR));
    if (!report) throw new HttpError(404, 'not_found', `No data of KVNR ${kvnr} is stored here; nothing was removed.`);
    console.log('Member erased. Removed:');
    for (const [kind, count] of Object.entries(report)) console.log(`  ${kind}: ${count}`);
    if (report.deliveredToCoreSystem > 0)
      console.log(`Note: ${report.deliveredToCoreSystem} document(s) had reached the core system; erase them there too.`);
  });

program
  .command('classifier:train')
  .description('retrain the document-type model on the shipped examples and every clerk decision; workers switch to it within a minute')
  .action(async () => {
    const report = await withDatabase((db) => new TypeModelsRepository(db).retrain());
    console.log(`Model ${report.id} trained on ${report.shippedExamples} shipped examples and ${report.clerkExamples} clerk decisions.`);
  });

function describeFailure(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof ValidationError) return err.problems.map((p) => `${p.field}: ${p.message}`).join('\n');
  if (err instanceof HttpError || err instanceof MemberFileError) return err.message;
  if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return `File not found: ${(err as NodeJS.ErrnoException).path}`;
  if (err instanceof Error && 'code' in err && err.code === 'EEXIST')
    return `File exists, not overwritten: ${(err as NodeJS.ErrnoException).path}`;
  return err instanceof Error ? err.message : String(err);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(describeFailure(err));
  process.exitCode = 1;
}
