import { join } from 'node:path';
import type { ContractHandlers, EventPayload } from '../../shared/api';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICY } from '../../shared/calendar';
import type { EventName, MethodName } from '../../shared/contractNames';
import type { Settings } from '../../shared/views';
import { createDemoBackend } from './demo/demoBackend';
import { openDemoSession } from './demo/demoSession';
import { createLiveBackend } from './live/liveBackend';
import { createServiceAdmin } from './live/serviceAdmin';
import { openKeyringSecretStore } from './secrets/keyringSecretStore';
import type { SecretStore } from './secrets/secretStore';
import { openStore, type Store } from './store';
import { removeDeskSnapshot } from './store/deskSnapshot';
import { openFileSecretStore } from './store/secretFile';
import { loadDefaultTemplates, type TemplateSet } from './templates/templates';
import { createWorkspaceHandlers, type WorkspaceHandlers } from './workspace/workspaceHandlers';

export interface CoreEvents {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  /** Injected time: core never reads the wall clock directly. */
  clock?: () => Date;
  events?: CoreEvents;
  log?: (line: string) => void;
  /** Where passwords go; by default the OS keychain, else a file only the user can read. */
  secrets?: SecretStore;
  /** PEM of a private CA to trust for IMAP/SMTP (self-signed company or test servers). */
  trustedCa?: string;
}

export interface Core {
  handlers: ContractHandlers;
  close(): Promise<void>;
}

export function defaultSettings(agentName: string): Settings {
  return { agentName, uiLanguage: 'system', calendar: DEFAULT_CALENDAR, sla: DEFAULT_SLA_POLICY, undoSeconds: 10, templates: {} };
}

/**
 * Builds the object that implements the contract: the demo workspace while no service
 * mailbox is configured, a live one afterwards. Nothing connects until asked.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? (() => new Date());
  const events: CoreEvents = options.events ?? { emit: () => {} };
  const log = options.log ?? (() => {});
  const templates: TemplateSet = await loadDefaultTemplates(options.resourcesDir);
  const store: Store = await openStore(join(options.dataDir, 'store'), {
    onCorruptShard: (shard, error) => log(`set aside a damaged store file (${shard}): ${error.message}; it will be rebuilt from the server`),
  });
  const secrets = options.secrets ?? openKeyringSecretStore() ?? (await openFileSecretStore(options.dataDir));

  let current: WorkspaceHandlers | null = null;
  let demoMode = false;
  const open = async (): Promise<WorkspaceHandlers> => {
    const refresh = (): void => current?.refresh();
    if (store.services.list().length > 0) {
      demoMode = false;
      const backend = await createLiveBackend({
        store, secrets, dataDir: options.dataDir, clock, events, log, trustedCa: options.trustedCa, onChanged: refresh,
        onServicesChanged: async () => {
          if (store.services.list().length === 0) await switchWorkspace();
        },
      });
      return createWorkspaceHandlers(backend, templates, events);
    }
    demoMode = true;
    // A snapshot of a live desk must not show at the next start once the demo is back.
    await removeDeskSnapshot(store.dir);
    const demo = await openDemoSession(options.resourcesDir, join(options.dataDir, 'demo'));
    // The first service added leaves the demo for a live workspace.
    const admin = createServiceAdmin({ store, secrets, trustedCa: options.trustedCa, onChanged: async () => switchWorkspace() });
    const backend = createDemoBackend({
      demo, clock, events, settings: { ...defaultSettings(demo.agentName), ...pick(store.settings.get()) }, onChanged: refresh,
      addService: admin['services.add'], testService: admin['services.test'],
      persistSettings: (settings) => store.settings.update(pick(settings)),
    });
    return createWorkspaceHandlers(backend, templates, events);
  };
  const switchWorkspace = async (): Promise<void> => {
    const previous = current;
    current = null;
    await previous?.close();
    current = await open();
    events.emit('notice', { level: 'info', code: 'workspaceChanged', message: demoMode ? 'Back to the demo workspace.' : 'Your service mailboxes are connected.', ticketId: null });
  };
  current = await open();

  // Every call goes to the workspace of the moment (demo, then live once a service exists).
  const handlers = new Proxy({} as ContractHandlers, {
    get: (_target, method: MethodName | 'then') => method === 'then' ? undefined : (input: never) => {
      if (!current) return Promise.reject(new Error('Guichet is switching workspaces; try again in a moment.'));
      return (current.handlers[method] as (input: never) => Promise<unknown>)(input);
    },
  });
  return {
    handlers,
    async close() {
      await current?.close();
      await store.close();
    },
  };
}

/** The agent's own choices carry into the demo; the demo keeps its own agent name. */
function pick(settings: Settings): Partial<Settings> {
  return { uiLanguage: settings.uiLanguage, calendar: settings.calendar, sla: settings.sla, undoSeconds: settings.undoSeconds, templates: settings.templates };
}
