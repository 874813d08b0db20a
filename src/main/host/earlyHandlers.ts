import type { ContractHandlers, MethodInput, MethodOutput } from '../../shared/api';
import type { MethodName } from '../../shared/contractNames';
import { SNAPSHOT_CARDS_PER_QUEUE, type DeskSnapshot } from '../core/store/deskSnapshot';

// The contract while core is still starting: the window opens at once, and until core is ready
// the calls that draw the desk are answered from the last session's snapshot (cards marked
// provisional); every other call waits for core. Once core is ready, everything goes to it.

type Early = { [M in MethodName]?: (input: MethodInput<M>) => MethodOutput<M> | undefined };

function fromSnapshot(snapshot: DeskSnapshot, served: (serviceId: string) => void): Early {
  return {
    'workspace.get': () => snapshot.workspace,
    'settings.get': () => snapshot.settings,
    'tickets.list': (input) => {
      const queue = snapshot.queues.find((q) => q.serviceId === input.serviceId);
      // Only a first page the snapshot holds whole; larger pages are for core's own list.
      const { limit } = input;
      if (!queue || input.cursor !== undefined || (input.offset ?? 0) !== 0 || limit === undefined || limit > SNAPSHOT_CARDS_PER_QUEUE) return undefined;
      if (queue.top.length < Math.min(limit, queue.total)) return undefined;
      served(queue.serviceId);
      return { tickets: queue.top.slice(0, limit), total: queue.total, cursor: null, provisional: true };
    },
  };
}

export interface EarlyHandlers {
  handlers: ContractHandlers;
  /** Resolves once the window has had the first page of every queue in the snapshot (at once without one). */
  drawn: Promise<void>;
}

/** `core` resolves with core's handlers wrapped in an object (a Proxy of handlers would look like a thenable). */
export function earlyHandlers(snapshot: DeskSnapshot | null, core: Promise<{ handlers: ContractHandlers }>): EarlyHandlers {
  let ready: ContractHandlers | null = null;
  void core.then((c) => { ready = c.handlers; }, () => {});
  const waiting = new Set(snapshot?.queues.map((q) => q.serviceId) ?? []);
  let markDrawn = (): void => {};
  const drawn = waiting.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => { markDrawn = resolve; });
  const served = (serviceId: string): void => {
    waiting.delete(serviceId);
    if (waiting.size === 0) markDrawn();
  };
  const early: Early = snapshot ? fromSnapshot(snapshot, served) : {};
  const handlers = new Proxy({} as ContractHandlers, {
    get: (_target, method: MethodName) => async (input: never) => {
      if (ready === null) {
        const answer = (early[method] as ((input: never) => unknown) | undefined)?.(input);
        if (answer !== undefined) return answer;
      }
      const handlers = ready ?? (await core).handlers;
      return (handlers[method] as (input: never) => Promise<unknown>)(input);
    },
  });
  return { handlers, drawn };
}
