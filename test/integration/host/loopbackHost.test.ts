import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ContractHandlers } from '../../../src/shared/api';
import { createDispatch } from '../../../src/main/host/dispatch';
import { EventHub } from '../../../src/main/host/events';
import { startLoopbackHost, type LoopbackHost } from '../../../src/main/host/loopbackHost';
import { partialHandlers } from '../../support/partialHandlers';

// The real host on a real loopback socket: the token and Origin checks at the upgrade.

const handlers: ContractHandlers = partialHandlers({
  'workspace.get': async () => ({ demo: true, agentName: 'Démo', services: [], secretWarning: null, frozenNow: null }),
});

let host: LoopbackHost;
let rendererDir: string;
const events = new EventHub();

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'gx-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Guichet</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startLoopbackHost({ dispatch: createDispatch(handlers), events, rendererDir });
});

afterAll(async () => {
  await host.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** Tries the upgrade; resolves with the HTTP status of a refusal, or 101 when it opened. */
function upgradeStatus(path: string, origin: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = origin === null ? {} : { Origin: origin };
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (e) => { if (!String(e).includes('Unexpected server response')) reject(e); });
  });
}

function httpGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

function openClient(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData): void => {
      const frame = JSON.parse(raw.toString()) as { type: string; id: number; result: unknown };
      if (frame.type === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('loopback host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['no token', '/api', 'same', 401],
    ['a wrong token', '/api?token=nope', 'same', 401],
    ['a foreign Origin', '/api?token=TOKEN', 'http://evil.example', 403],
    ['no Origin', '/api?token=TOKEN', null, 403],
    ['the right token and Origin', '/api?token=TOKEN', 'same', 101],
  ])('a data connection with %s gets %s', async (_label, path, origin, status) => {
    const realPath = path.replace('TOKEN', host.token);
    const realOrigin = origin === 'same' ? `http://127.0.0.1:${host.port}` : origin;
    expect(await upgradeStatus(realPath, realOrigin)).toBe(status);
  });

  it('serves the page and its assets without the token, and nothing outside them', async () => {
    expect(await httpGet('/')).toEqual({ status: 200, body: '<!doctype html><title>Guichet</title>' });
    expect((await httpGet('/assets/app.js')).status).toBe(200);
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const answer = await httpGet(attempt);
      expect(answer.status, attempt).toBe(404);
      expect(answer.body).not.toContain('root:');
    }
    expect((await httpGet('/api')).status).toBe(426);
  });

  it('answers calls, refuses unknown methods and invalid input, and pushes events', async () => {
    const ws = await openClient();
    expect(await call(ws, 1, 'workspace.get', {})).toEqual({ ok: true, value: { demo: true, agentName: 'Démo', services: [], secretWarning: null, frozenNow: null } });
    expect(await call(ws, 2, 'system.shell', { cmd: 'rm -rf /' })).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown method "system.shell".' } });
    const invalid = (await call(ws, 3, 'tickets.list', { serviceId: 7 })) as { ok: boolean; error: { code: string; message: string } };
    expect(invalid.ok).toBe(false);
    expect(invalid.error.code).toBe('invalid_input');
    expect(invalid.error.message).toMatch(/^Invalid input for tickets\.list: serviceId: /);

    const received = new Promise<unknown>((resolve) => ws.once('message', (raw) => resolve(JSON.parse(raw.toString()))));
    events.emit('tickets.changed', { upserted: [], removed: ['GX-7K2M9Q'] });
    expect(await received).toEqual({ type: 'event', name: 'tickets.changed', payload: { upserted: [], removed: ['GX-7K2M9Q'] } });
    ws.close();
  });
});
