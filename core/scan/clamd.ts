import NodeClam from 'clamscan';

export interface ClamdOptions {
  socket: string | undefined;
  host: string;
  port: number;
  timeoutMs: number;
}

/** Talks to clamd over its socket or TCP port. Scanning itself arrives with the intake pipeline. */
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
}
