// The parts of the untyped `clamscan` package this project uses.
declare module 'clamscan' {
  import type { Socket } from 'node:net';
  import type { Readable } from 'node:stream';

  interface ClamdscanOptions {
    socket?: string | false;
    host?: string | false;
    port?: number | false;
    timeout?: number;
    localFallback?: boolean;
    bypassTest?: boolean;
    active?: boolean;
  }

  interface NodeClamOptions {
    removeInfected?: boolean;
    debugMode?: boolean;
    preference?: 'clamdscan' | 'clamscan';
    clamscan?: { active?: boolean };
    clamdscan?: ClamdscanOptions;
  }

  interface ScanResult {
    isInfected: boolean | null;
    viruses: string[];
  }

  export default class NodeClam {
    init(options: NodeClamOptions): Promise<NodeClam>;
    ping(): Promise<Socket>;
    getVersion(): Promise<string>;
    scanStream(stream: Readable): Promise<ScanResult>;
  }
}
