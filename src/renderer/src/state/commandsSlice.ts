import type { StateCreator } from 'zustand';
import type { OutboxTaskView, TicketCard } from '../../../shared/api';
import { compareUrgency } from '../../../shared/queueOrder';
import { ApiError, type ContractClient } from '../api/client';
import type { DeskAction } from './actionRules';
import type { AppState } from './store';

// What the agent asks for: each command calls the contract client, never a transport.

export interface CommandsSlice {
  load(): Promise<void>;
  /** Runs a one-click action; resolves with the outbox task, or null when it failed (a toast says why). */
  perform(action: Exclude<DeskAction, 'transfer' | 'proposal'>, ticketId: string): Promise<OutboxTaskView | null>;
  transfer(ticketId: string, targetServiceId: string): Promise<OutboxTaskView | null>;
  sendProposal(ticketId: string, body: string): Promise<OutboxTaskView | null>;
  undo(taskId: string): Promise<void>;
  retry(taskId: string): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Cards asked for first, per queue: enough to fill a tall screen at once. */
export const FIRST_PAGE = 50;
/** Cards per page while the rest of a large workspace loads: small answers, no long pause. */
export const PAGE = 500;
/** A queue that changed under its pages is read again, this many times at most. */
const RETRIES = 3;

/** Every card of the queues, by ticket id, and each queue in core's order (most urgent first). */
export interface LoadedQueues {
  cards: Map<string, TicketCard>;
  queues: Map<string, TicketCard[]>;
  /** Every queue came in compareUrgency order (checked page by page, so the end has no sort to do). */
  ordered: boolean;
}

/**
 * Every card of these queues, page by page, each queue in one consistent order (see the cursor in api.ts).
 * The card map is filled and the order checked as the pages arrive (compareUrgency reads and
 * caches each due date), so the last page leaves little to do in one go: at 37,000 cards,
 * building the map and sorting at the end took a 120-170 ms task.
 */
export async function loadEveryCard(client: ContractClient, firstTotals: Record<string, number>, progress: (loaded: number, total: number) => void): Promise<LoadedQueues> {
  const cards = new Map<string, TicketCard>();
  const queues = new Map<string, TicketCard[]>();
  let ordered = true;
  let done = 0;
  const serviceIds = Object.keys(firstTotals);
  const totals = new Map<string, number>(Object.entries(firstTotals));
  const report = (queueLoaded: number): void => progress(done + queueLoaded, [...totals.values()].reduce((a, b) => a + b, 0));
  for (const serviceId of serviceIds) {
    for (let attempt = 1; ; attempt++) {
      try {
        const queue: TicketCard[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await client.tickets.list({ serviceId, offset: queue.length, limit: PAGE, ...(cursor ? { cursor } : {}) });
          for (const card of page.tickets) {
            const previous = queue[queue.length - 1];
            if (previous !== undefined && compareUrgency(previous, card) >= 0) ordered = false;
            queue.push(card);
            cards.set(card.ticketId, card);
          }
          totals.set(serviceId, page.total);
          report(queue.length);
          if (page.cursor === null || queue.length >= page.total || page.tickets.length === 0) break;
          cursor = page.cursor;
        }
        queues.set(serviceId, queue);
        done += queue.length;
        break;
      } catch (error) {
        if (attempt >= RETRIES || !(error instanceof ApiError && error.detail.code === 'conflict')) throw error;
        // The pages read in this attempt may hold cards that are gone: start the map again from the queues read whole.
        cards.clear();
        for (const queue of queues.values()) for (const card of queue) cards.set(card.ticketId, card);
      }
    }
  }
  return { cards, queues, ordered };
}

export const createCommandsSlice = (client: ContractClient): StateCreator<AppState, [], [], CommandsSlice> => (_set, get) => {
  const started = async (run: () => Promise<{ task: OutboxTaskView }>, ticketId: string): Promise<OutboxTaskView | null> => {
    try {
      const { task } = await run();
      get().applyOutboxTask(task);
      if (task.state === 'undoWindow') get().pushToast({ kind: 'undo', taskId: task.id, ticketId, action: task.action });
      return task;
    } catch (error) {
      get().pushToast({ kind: 'error', message: messageOf(error) });
      return null;
    }
  };
  return {
    async load() {
      try {
        const workspace = await client.workspace.get({});
        const [settings, ...firsts] = await Promise.all([
          client.settings.get({}).catch(() => null),
          ...workspace.services.map((service) => client.tickets.list({ serviceId: service.id, limit: FIRST_PAGE })),
        ]);
        // The outbox waits for core; the queues need not wait for it.
        void client.outbox.list({}).then(({ tasks }) => get().setOutbox(tasks), () => {});
        // States emitted before this window connected (a service already synced) come from here.
        void client.sync.states({}).then(({ states }) => get().applySyncSnapshot(states), () => {});
        get().setCards(firsts.flatMap((page) => page.tickets));
        const complete = firsts.every((page) => !page.provisional && page.tickets.length === page.total);
        const totals = Object.fromEntries(workspace.services.map((service, i) => [service.id, firsts[i]?.total ?? 0]));
        if (!complete) {
          const loaded = firsts.reduce((n, page) => n + page.tickets.length, 0);
          const total = firsts.reduce((n, page) => n + page.total, 0);
          get().startLoading(totals, { loaded, total, provisional: firsts.some((page) => page.provisional) });
        }
        get().setLoaded(workspace, settings?.calendar.timeZone);
        if (!complete) get().finishLoading(await loadEveryCard(client, totals, (n, total) => get().setLoadProgress(n, total)));
      } catch (error) {
        get().setFailed(messageOf(error));
      }
    },
    perform(action, ticketId) {
      const methods = {
        acknowledge: client.tickets.acknowledge,
        update: client.tickets.sendUpdate,
        requestInfo: client.tickets.requestMissingInfo,
        requestSerial: client.tickets.requestSerial,
        resolve: client.tickets.resolve,
        reopen: client.tickets.reopen,
      } as const;
      return started(() => methods[action]({ ticketId }), ticketId);
    },
    transfer: (ticketId, targetServiceId) => started(() => client.tickets.transferAndNotify({ ticketId, targetServiceId }), ticketId),
    sendProposal: (ticketId, body) => started(() => client.tickets.sendProposal({ ticketId, body }), ticketId),
    async undo(taskId) {
      try {
        const { task } = await client.outbox.undo({ taskId });
        get().applyOutboxTask(task);
      } catch (error) {
        get().pushToast({ kind: 'error', message: messageOf(error) });
      }
    },
    async retry(taskId) {
      try {
        const { task } = await client.outbox.retry({ taskId });
        get().applyOutboxTask(task);
      } catch (error) {
        get().pushToast({ kind: 'error', message: messageOf(error) });
      }
    },
  };
};
