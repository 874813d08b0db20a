import type { CallResult } from '../../../shared/api';

/** How the UI reaches core: Electron IPC through the preload, or the loopback WebSocket. */
export interface Transport {
  call(method: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

interface PreloadBridge {
  call(method: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    guichet?: PreloadBridge;
  }
}

/** The per-run token arrives in the URL fragment (never sent to a server); keep it for reloads. */
function takeToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('guichet.token', fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem('guichet.token');
}

function webSocketTransport(): Transport {
  const token = takeToken() ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, (result: CallResult<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;

  const connect = (): void => {
    socket = new WebSocket(`ws://${window.location.host}/api?token=${encodeURIComponent(token)}`);
    ready = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('Guichet could not reach its core on this computer.')), { once: true });
    });
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      const frame = JSON.parse(message.data) as { type: string; id?: number; result?: CallResult<unknown>; name?: string; payload?: unknown };
      if (frame.type === 'result' && typeof frame.id === 'number' && frame.result) {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.type === 'event' && frame.name) {
        for (const cb of listeners.get(frame.name) ?? []) cb(frame.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'failed', message: 'The connection to Guichet’s core was lost.' } });
      pending.clear();
    });
  };
  connect();

  return {
    async call(method, input) {
      await ready;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    on(event, callback) {
      const set = listeners.get(event) ?? new Set();
      set.add(callback);
      listeners.set(event, set);
      return () => set.delete(callback);
    },
  };
}

export function createTransport(): Transport {
  return window.guichet ?? webSocketTransport();
}
