import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, isMethodName } from '../shared/contractNames';

// The whole bridge: call(method, input) and on(event, cb), for contract names only.
// Never a generic "invoke any channel".

contextBridge.exposeInMainWorld('guichet', {
  call(method: string, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) return Promise.reject(new Error(`Unknown method "${method}".`));
    return ipcRenderer.invoke('guichet:call', method, input);
  },
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event "${event}".`);
    const listener = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on('guichet:event', listener);
    return () => ipcRenderer.removeListener('guichet:event', listener);
  },
});
