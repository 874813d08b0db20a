import type { ContractHandlers } from '../../../shared/api';
import type { Settings } from '../../../shared/views';
import type { CoreEvents } from '../core';
import { GuichetError } from '../errors';
import { parseSerialRegistryCsv, type SerialRegistry } from '../triage/serialRegistry';
import type { RoutingExample } from '../triage/routing';
import type { WorkspaceBackend } from '../workspace/workspaceBackend';
import { DemoOutbox } from './demoOutbox';
import type { DemoSession } from './demoSession';

// The demo workspace: its mails in memory, clocks that run from its frozen "now", and an
// outbox whose "send" only adds the answer to the demo's own mail. Nothing leaves the computer.

export interface DemoBackendOptions {
  demo: DemoSession;
  clock: () => Date;
  events: CoreEvents;
  settings: Settings;
  /** Called after a task completes or is undone, so the board is derived again. */
  onChanged: () => void;
  /** Leaving the demo: the first service added makes a live workspace. */
  addService: ContractHandlers['services.add'];
  testService: ContractHandlers['services.test'];
  /** The agent's choices (language, calendar, templates…) outlive the demo. */
  persistSettings: (settings: Settings) => Promise<unknown>;
}

export function createDemoBackend(options: DemoBackendOptions): WorkspaceBackend {
  const { demo } = options;
  let settings = options.settings;
  const startedAt = options.clock().getTime();
  const now = (): Date => new Date(demo.frozenNow.getTime() + (options.clock().getTime() - startedAt));
  let serials: SerialRegistry = demo.serialsCsv ? parseSerialRegistryCsv(demo.serialsCsv) : { serials: new Set() };
  /** The demo starts with its own sample registry: no import date until the agent imports one. */
  let serialsImportedAt: string | null = null;
  const examples: RoutingExample[] = [];
  const acting = new Map<string, string>();
  const outbox = new DemoOutbox(options.clock, () => settings.undoSeconds, (task) => {
    acting.delete(task.ticketId);
    options.onChanged();
    options.events.emit('outbox.changed', { task });
  });
  const refuse = (what: string) => async (): Promise<never> => {
    throw new GuichetError('unavailable', `The demo services cannot be ${what}. Add your own service mailbox to leave the demo.`);
  };

  return {
    demo: true,
    frozenNow: demo.frozenNow,
    secretWarning: null,
    services: () => demo.services,
    messages: () => demo.messages(),
    now,
    settings: () => settings,
    async updateSettings(patch) {
      settings = { ...settings, ...patch };
      await options.persistSettings(settings);
      return settings;
    },
    syncStates: () => [],
    serialRegistry: () => serials,
    serialRegistryImportedAt: () => serialsImportedAt,
    async saveSerialRegistry(_csv, registry) {
      serials = registry;
      serialsImportedAt = now().toISOString();
    },
    routingExamples: () => examples,
    async addRoutingExample(example) {
      examples.push(example);
    },
    async perform(plan) {
      const task = outbox.enqueue({
        ticketId: plan.card.ticketId, serviceId: plan.service.id, action: plan.action, recipient: plan.card.customer.address,
        deliver: () => demo.recordAnswer({ ...plan, at: now(), messageId: task.messageId }),
      });
      acting.set(plan.card.ticketId, plan.agentName);
      return task;
    },
    undo: async (taskId) => {
      const task = outbox.undo(taskId);
      if (task) acting.delete(task.ticketId);
      return task;
    },
    retry: async (taskId) => outbox.get(taskId),
    tasks: () => outbox.list(),
    actingAgents: () => acting,
    readMessage: async (message) => message,
    rawSource: async (message) => demo.rawSource(message.id),
    serviceHandlers: {
      'services.list': async () => ({ services: [] }),
      'services.add': options.addService,
      'services.test': options.testService,
      'services.edit': refuse('edited'),
      'services.remove': refuse('removed'),
    },
    close: async () => outbox.close(),
  };
}
