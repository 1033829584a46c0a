import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import { TEST_DIRECTLINE_SECRET, startTestServer, type TestServer } from '../helpers/server.js';

const require = createRequire(import.meta.url);

interface DirectLineLike {
  activity$: { filter(f: (a: any) => boolean): { subscribe(next: (a: any) => void): { unsubscribe(): void } } };
  connectionStatus$: { subscribe(next: (s: number) => void): { unsubscribe(): void } };
  postActivity(activity: object): { subscribe(next: (id: string) => void, error?: (e: unknown) => void): void };
  end(): void;
}

/**
 * Microsoft's own Direct Line client, unmodified, from Node. It expects browser globals: the
 * `ws` WebSocket and an XMLHttpRequest (xhr2) stand in for them.
 */
function loadDirectLine(): new (options: object) => DirectLineLike {
  const globals = globalThis as Record<string, unknown>;
  globals.WebSocket ??= WebSocket;
  globals.XMLHttpRequest ??= require('xhr2');
  return require('botframework-directlinejs').DirectLine;
}

async function talk(client: DirectLineLike, text: string): Promise<{ echoed: boolean; reply: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply within 10 s')), 10_000);
    const seen: any[] = [];
    let postedId: string | undefined;
    // Over the socket the reply can arrive before postActivity returns the id: check both ways.
    const settle = () => {
      const reply = postedId && seen.find((a) => a.from.role === 'bot' && a.replyToId === postedId);
      if (!reply) return;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve({ echoed: seen.some((a) => a.from.role === 'user' && a.id === postedId && a.text === text), reply: reply.text });
    };
    const subscription = client.activity$
      .filter((a) => a.type === 'message')
      .subscribe((activity) => {
        seen.push(activity);
        settle();
      });
    client.postActivity({ type: 'message', from: { id: 'member', name: 'Mitglied' }, text }).subscribe(
      (id) => {
        postedId = id;
        settle();
      },
      (err) => reject(err),
    );
  });
}

describe('botframework-directlinejs against our channel', () => {
  let server: TestServer;
  let DirectLine: new (options: object) => DirectLineLike;

  before(async () => {
    server = await startTestServer();
    DirectLine = loadDirectLine();
  });
  after(() => server.stop());

  async function token(): Promise<string> {
    const res = await fetch(`${server.baseUrl}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_DIRECTLINE_SECRET}` },
    });
    return ((await res.json()) as { token: string }).token;
  }

  for (const mode of ['WebSocket', 'polling'] as const) {
    it(`connects, sends and receives the echo and the bot's answer over ${mode}`, async () => {
      const client = new DirectLine({
        token: await token(),
        domain: `${server.baseUrl}/v3/directline`,
        webSocket: mode === 'WebSocket',
        pollingInterval: 200,
      });
      const statuses: number[] = [];
      const status = client.connectionStatus$.subscribe((s) => statuses.push(s));
      try {
        const { echoed, reply } = await talk(client, 'Rückruf anfordern');
        assert.equal(echoed, true, 'the member message came back with its server id');
        assert.match(reply, /Gern ruft Sie eine Kollegin oder ein Kollege zurück/);
        assert.ok(statuses.includes(2), `reached Online; saw ${statuses.join(',')}`);
      } finally {
        status.unsubscribe();
        client.end();
      }
    });
  }
});
