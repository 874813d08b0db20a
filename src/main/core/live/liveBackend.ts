import { join } from 'node:path';
import type { MailMessage } from '../../../shared/domain';
import type { OutboxTaskView, ServiceSummary, Settings, SyncState } from '../../../shared/views';
import type { CoreEvents } from '../core';
import { GuichetError } from '../errors';
import { parseMessage } from '../mail/parse';
import { secretKey, type SecretStore } from '../secrets/secretStore';
import type { Store } from '../store';
import { createServiceSync, type ServiceSync } from '../sync';
import type { RoutingExample } from '../triage/routing';
import { parseSerialRegistryCsv, type SerialRegistry } from '../triage/serialRegistry';
import type { WorkspaceBackend } from '../workspace/workspaceBackend';
import { createLiveActions } from './liveActions';
import { createServiceAdmin } from './serviceAdmin';
import { createStoreSyncTarget } from './storeSyncTarget';

// A live workspace: the configured service mailboxes, mirrored by one sync engine each into
// the store; the board is derived from the store's messages.

export interface LiveBackendOptions {
  store: Store;
  secrets: SecretStore;
  dataDir: string;
  clock: () => Date;
  events: CoreEvents;
  log: (line: string) => void;
  trustedCa?: string | undefined;
  /** Messages changed (sync) or a service changed: derive the board again. */
  onChanged: () => void;
  /** A service was added or removed: the workspace may need to be rebuilt (e.g. back to the demo). */
  onServicesChanged: () => Promise<void>;
}

export async function createLiveBackend(options: LiveBackendOptions): Promise<WorkspaceBackend> {
  const { store, secrets, events } = options;
  const syncs = new Map<string, ServiceSync>();
  let messageCache: MailMessage[] | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  // Sync delivers in batches: coalesce the board rebuilds.
  const messagesChanged = (): void => {
    messageCache = null;
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      options.onChanged();
    }, 30);
  };

  const services = (): ServiceSummary[] => serviceSummaries(store);

  /** Each service's last state, for a window that opens after it was emitted (sync.states). */
  const lastSyncStates = new Map<string, SyncState>();
  const startSync = async (serviceId: string): Promise<void> => {
    await syncs.get(serviceId)?.stop();
    syncs.delete(serviceId);
    lastSyncStates.delete(serviceId);
    const service = store.services.get(serviceId);
    if (!service) return;
    const password = (await secrets.get(secretKey(serviceId, 'imap'))) ?? '';
    const sync = createServiceSync({
      serviceId,
      imap: { host: service.imap.host, port: service.imap.port, secure: service.imap.tls === 'tls', user: service.imap.user, password, ...(options.trustedCa ? { ca: options.trustedCa } : {}) },
      target: createStoreSyncTarget(store, serviceId, join(options.dataDir, 'attachments'), { onMessagesChanged: messagesChanged }),
      clock: options.clock,
      log: (line) => options.log(`[sync ${serviceId}] ${line}`),
      onState: (state) => {
        const view: SyncState = { serviceId, status: state.status, progress: state.progress, since: state.since, reason: state.reason };
        lastSyncStates.set(serviceId, view);
        events.emit('sync.state', view);
        // Waiting actions go as soon as the service is reachable again.
        actions?.outbox.setOnline(serviceId, state.status === 'connected' || state.status === 'syncing');
      },
    });
    syncs.set(serviceId, sync);
    sync.start();
  };
  let actions: ReturnType<typeof createLiveActions> | null = null;
  for (const service of store.services.list()) await startSync(service.id);
  actions = createLiveActions({
    store, secrets, clock: options.clock, events, log: options.log, trustedCa: options.trustedCa,
    undoMs: () => store.settings.get().undoSeconds * 1000,
    rawSourcePath: async (message) => {
      const cached = await store.bodies.bodyFile(message.serviceId, message.id);
      if (cached !== null) return cached;
      const uid = store.messages.get(message.serviceId, message.id)?.uids.inbox;
      const sync = syncs.get(message.serviceId);
      if (uid === undefined || !sync) throw new GuichetError('unavailable', 'The original message is not on this computer yet and the service is offline.');
      // A transfer APPENDs the original as a file: written out of the pack once, durably.
      return store.bodies.putBody(message.serviceId, message.id, await sync.fetchBody('inbox', uid));
    },
    onChanged: messagesChanged,
  });
  await actions.outbox.start();
  const liveActions = actions;

  let serials: SerialRegistry = loadSerialRegistry(store);
  const admin = createServiceAdmin({
    store, secrets, trustedCa: options.trustedCa,
    onChanged: async (serviceId) => {
      await startSync(serviceId);
      // Removed: its waiting actions run now and fail for good (nothing can be sent without it),
      // rather than wait for a connection that will never come.
      if (!store.services.get(serviceId)) actions?.outbox.setOnline(serviceId, true);
      messagesChanged();
      await options.onServicesChanged();
    },
  });

  /** From the body cache, or fetched now (older than the prefetch window, or not prefetched yet). */
  const rawSource = async (message: MailMessage): Promise<Buffer | null> => {
    const cached = await store.bodies.readBody(message.serviceId, message.id);
    if (cached !== null) return cached;
    const uid = store.messages.get(message.serviceId, message.id)?.uids[message.folder];
    const sync = syncs.get(message.serviceId);
    if (uid === undefined || !sync) return null;
    return sync.fetchBody(message.folder, uid).catch(() => null);
  };

  return {
    demo: false,
    frozenNow: null,
    secretWarning: secrets.warning,
    services,
    messages: () => {
      if (!messageCache) messageCache = storedMessages(store);
      return messageCache;
    },
    now: options.clock,
    settings: () => store.settings.get(),
    updateSettings: (patch: Partial<Settings>) => store.settings.update(patch),
    syncStates: () => store.services.list().flatMap((s) => lastSyncStates.get(s.id) ?? []),
    serialRegistry: () => serials,
    serialRegistryImportedAt: () => store.serialRegistry.importedAt(),
    async saveSerialRegistry(csv, registry) {
      serials = registry;
      await store.serialRegistry.replace(csv, options.clock().toISOString());
    },
    routingExamples: () => storedRoutingExamples(store),
    addRoutingExample: (example) => store.routingExamples.add(example),
    perform: (plan): Promise<OutboxTaskView> => liveActions.perform(plan),
    undo: async (taskId) => (liveActions.outbox.list().some((t) => t.id === taskId) ? liveActions.outbox.undo(taskId) : null),
    retry: async (taskId) => (liveActions.outbox.list().some((t) => t.id === taskId) ? liveActions.outbox.retry(taskId) : null),
    tasks: () => liveActions.outbox.list(),
    actingAgents: () => liveActions.actingAgents(),
    rawSource,
    async readMessage(message) {
      const raw = await rawSource(message);
      if (!raw) return message; // offline and not cached: show what the store has
      const parsed = await parseMessage(raw, { serviceId: message.serviceId, folder: message.folder, attachmentDir: join(options.dataDir, 'attachments', message.serviceId, 'read') });
      return { ...message, text: parsed.message.text, html: parsed.message.html, attachments: parsed.message.attachments };
    },
    analysisCache: store.analysis,
    deskSnapshotDir: store.dir,
    serviceHandlers: admin,
    async close() {
      if (refreshTimer) clearTimeout(refreshTimer);
      await liveActions.outbox.stop();
      await Promise.all([...syncs.values()].map((s) => s.stop()));
      await store.flush();
    },
  };
}

export function loadSerialRegistry(store: Store): SerialRegistry {
  const csv = store.serialRegistry.csv();
  return csv === '' ? { serials: new Set() } : parseSerialRegistryCsv(csv);
}

// The store as the workspace sees it; exported so bench/board.ts builds the board from the same data.

export function serviceSummaries(store: Store): ServiceSummary[] {
  return store.services.list().map((s) => ({ id: s.id, name: s.name, kind: s.kind, address: s.address, colour: s.colour, defaultLanguage: s.defaultLanguage }));
}

/** Every stored message of every service (records shared with the store: never mutate them). */
export function storedMessages(store: Store): MailMessage[] {
  return store.services.list().flatMap((s) => [...store.messages.all(s.id)]);
}

export function storedRoutingExamples(store: Store): RoutingExample[] {
  return store.routingExamples.list().map(({ formFields, ...rest }) => (formFields ? { ...rest, formFields } : rest));
}
