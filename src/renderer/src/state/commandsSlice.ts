import type { StateCreator } from 'zustand';
import type { OutboxTaskView } from '../../../shared/api';
import type { ContractClient } from '../api/client';
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
        const [workspace, list, outbox, settings] = await Promise.all([
          client.workspace.get({}),
          client.tickets.list({}),
          client.outbox.list({}).catch(() => ({ tasks: [] })),
          client.settings.get({}).catch(() => null),
        ]);
        get().setCards(list.tickets);
        get().setOutbox(outbox.tasks);
        get().setLoaded(workspace, settings?.calendar.timeZone);
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
