import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DirectLineStreams } from '../channel/directline.stream.js';
import { assertWidgetAssets } from '../webchat-widget/widget.routes.js';
import { createApp } from './app.js';
import type { Core } from './container.js';

export interface WebRole {
  server: Server;
  port: number;
  streams: DirectLineStreams;
  close(): Promise<void>;
}

/** Serves HTTP (and, with later parts, WebSockets) until closed. */
export async function startWeb(core: Core, port = core.config.http.port): Promise<WebRole> {
  assertWidgetAssets();
  const server = createServer(createApp(core));
  const streams = new DirectLineStreams(core.chat.directLine, core.chat.fanout, core.chat.tokens, core.logger);
  server.on('upgrade', (req, socket, head) => {
    if (!streams.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancer idle timeouts
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, core.config.http.host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  core.logger.info({ port: actualPort, host: core.config.http.host }, 'Web role listening');
  return {
    server,
    port: actualPort,
    streams,
    close: async () => {
      // Members' sockets are told to reconnect (to another node); then HTTP drains.
      await streams.close();
      await new Promise<void>((resolve) => {
        // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
