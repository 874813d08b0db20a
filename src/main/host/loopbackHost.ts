import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from './dispatch';
import type { EventListener } from './events';
import { serveStatic } from './staticFiles';

export interface LoopbackHostOptions {
  dispatch: Dispatch;
  /** Core's change events (an EventHub); returns the unsubscribe. */
  events: { subscribe(listener: EventListener): () => void };
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  log?: (line: string) => void;
}

export interface LoopbackHost {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

export const API_PATH = '/api';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/** Decides whether an upgrade to the data channel may proceed; pure, so it is easy to test. */
export function checkUpgrade(req: Pick<IncomingMessage, 'url' | 'headers'>, port: number, token: string): { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string } {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== API_PATH) return { ok: false, status: 404, reason: 'no such channel' };
  const origin = req.headers.origin;
  const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  if (origin === undefined || !allowed.includes(origin)) return { ok: false, status: 403, reason: 'origin not allowed' };
  const given = url.searchParams.get('token');
  if (given === null || !sameSecret(given, token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}

/**
 * Serves the same contract as the Electron bridge, over a WebSocket on 127.0.0.1 only,
 * so the UI runs in a plain browser (tests, and machines without the Electron binary).
 */
export async function startLoopbackHost(options: LoopbackHostOptions): Promise<LoopbackHost> {
  const log = options.log ?? (() => {});
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === API_PATH) {
      res.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket upgrade required');
      return;
    }
    void serveStatic(options.rendererDir, req, res);
  });
  // ws loads while the server already listens and the page loads: it is first needed when the
  // page opens its data channel, which the upgrade below waits for.
  const wssReady: Promise<WebSocketServer> = import('ws').then(({ WebSocketServer: Server }) => {
    const wss = new Server({ noServer: true, maxPayload: 8 * 1024 * 1024 });
    wss.on('connection', (ws: WebSocket) => onConnection(ws));
    return wss;
  });
  wssReady.catch(() => {}); // an upgrade reports it

  server.on('upgrade', (req, socket, head) => {
    const verdict = checkUpgrade(req, (server.address() as AddressInfo).port, token);
    if (!verdict.ok) {
      log(`refused a data connection: ${verdict.reason}`);
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wssReady.then(
      (wss) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
      (error: unknown) => {
        log(`data channel unavailable: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      },
    );
  });

  function onConnection(ws: WebSocket): void {
    sockets.add(ws);
    const unsubscribe = options.events.subscribe((name, payload) => {
      ws.send(JSON.stringify({ type: 'event', name, payload }));
    });
    ws.on('message', (raw) => {
      void (async () => {
        let request: { id?: unknown; method?: unknown; input?: unknown };
        try {
          request = JSON.parse(raw.toString()) as typeof request;
        } catch {
          ws.send(JSON.stringify({ type: 'result', id: null, result: { ok: false, error: { code: 'invalid_input', message: 'The request is not valid JSON.' } } }));
          return;
        }
        const result = await options.dispatch(request.method, request.input);
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: request.id ?? null, result }));
      })();
    });
    ws.on('close', () => {
      unsubscribe();
      sockets.delete(ws);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      (await wssReady.catch(() => null))?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
