import { Readable } from 'node:stream';
import NodeClam from 'clamscan';
import { DependencyUnavailableError } from '../errors/index.js';

export interface ClamdOptions {
  socket: string | undefined;
  host: string;
  port: number;
  timeoutMs: number;
}

export interface ScanResult {
  infected: boolean;
  /** Names of the signatures that matched. */
  signatures: string[];
}

/** clamd could not be reached or could not decide: nothing may be accepted unscanned, so the request waits. */
export class ScanFailedError extends DependencyUnavailableError {
  constructor(reason: string) {
    super('clamd', 'Die Virenprüfung ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.');
    this.cause = reason;
  }
}

/** Talks to clamd over its socket or TCP port. */
export class ClamdClient {
  private scanner: Promise<NodeClam> | undefined;

  constructor(private readonly options: ClamdOptions) {}

  private connect(): Promise<NodeClam> {
    const { socket, host, port, timeoutMs } = this.options;
    this.scanner ??= new NodeClam().init({
      preference: 'clamdscan',
      clamscan: { active: false },
      clamdscan: socket
        ? { socket, host: false, port: false, timeout: timeoutMs, localFallback: false, bypassTest: true }
        : { socket: false, host, port, timeout: timeoutMs, localFallback: false, bypassTest: true },
    });
    return this.scanner;
  }

  /** Resolves when clamd answers PONG. */
  async ping(): Promise<void> {
    const client = await (await this.connect()).ping();
    client.end();
  }

  /** Scans bytes in memory. Throws ScanFailedError when clamd could not decide. */
  async scan(bytes: Buffer): Promise<ScanResult> {
    let result: Awaited<ReturnType<NodeClam['scanStream']>>;
    try {
      result = await (await this.connect()).scanStream(Readable.from([bytes]));
    } catch (err) {
      if (err instanceof ScanFailedError) throw err;
      throw new ScanFailedError(`clamd unreachable: ${(err as Error).message}`);
    }
    if (result.isInfected === null) throw new ScanFailedError('clamd could not scan the file');
    return { infected: result.isInfected, signatures: result.viruses ?? [] };
  }
}
