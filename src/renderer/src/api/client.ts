import type { ContractError, EventPayload, MethodInput, MethodOutput } from '../../../shared/api';
import type { EventName, MethodName } from '../../../shared/contractNames';
import { shareCardStrings } from './sharedStrings';
import { createTransport, type Transport } from './transport';

/** A contract error as the UI sees it: code plus a message fit to show. */
export class ApiError extends Error {
  constructor(readonly detail: ContractError) {
    super(detail.message);
  }
}

type GroupOf<M> = M extends `${infer G}.${string}` ? G : never;
type Group = GroupOf<MethodName>;

/** `client.queue.list(input)` for the contract's `queue.list`: typed from api.ts, no channel strings. */
export type ContractClient = {
  [G in Group]: {
    [K in MethodName as K extends `${G}.${infer Short}` ? Short : never]: (input: MethodInput<K>) => Promise<MethodOutput<K>>;
  };
} & {
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};

/** Payloads already gone through shareCards: an event reaches every listener as the same object. */
const sharedPayloads = new WeakSet<object>();

/** Cards arrive in bulk from these two: their repeated strings are shared on arrival (sharedStrings.ts), once per payload. */
function shareCards(method: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || sharedPayloads.has(value)) return;
  if (method === 'tickets.list') for (const card of (value as MethodOutput<'tickets.list'>).tickets) shareCardStrings(card);
  else if (method === 'tickets.changed') for (const card of (value as EventPayload<'tickets.changed'>).upserted) shareCardStrings(card);
  else return;
  sharedPayloads.add(value);
}

export function createClient(transport: Transport = createTransport()): ContractClient {
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const result = await transport.call(method, input);
    if (!result.ok) throw new ApiError(result.error);
    shareCards(method, result.value);
    return result.value;
  };
  return new Proxy({} as ContractClient, {
    get(_target, group: string) {
      if (group === 'on') {
        return (event: string, cb: (payload: unknown) => void) => transport.on(event, (payload) => {
          shareCards(event, payload);
          cb(payload);
        });
      }
      return new Proxy({}, { get: (_t, name: string) => (input: unknown) => call(`${group}.${name}`, input) });
    },
  });
}
