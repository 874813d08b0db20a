import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnalysisStore } from './analysisStore';
import { BodyCache } from './bodyCache';
import { ensureDirectory, fileTimestamp, fsyncDirectory, isMissing, removeTempLeftovers } from './durableFile';
import { RoutingExampleStore, SerialRegistryStore, ServiceStore, SettingsStore } from './documents';
import type { DocumentContext } from './jsonDocument';
import { fromFileSafeName, layout } from './layout';
import { MIGRATIONS, runMigrations, type Migration, type MigrationOutcome } from './migrations';
import { MessageStore } from './messageStore';
import { OutboxStore } from './outboxStore';
import { SyncStateStore } from './syncStateStore';

export interface OpenStoreOptions {
  /** A document was unreadable and set aside as `<file>.corrupt-<timestamp>`; `shard` is relative to the store. */
  onCorruptShard?: (shard: string, error: Error) => void;
  now?: () => Date;
  /** Replaces the built-in list (tests prove the mechanism with their own layouts). */
  migrations?: readonly Migration[];
}

export interface Store {
  readonly dir: string;
  readonly migration: MigrationOutcome;
  readonly settings: SettingsStore;
  readonly services: ServiceStore;
  readonly outbox: OutboxStore;
  readonly routingExamples: RoutingExampleStore;
  readonly serialRegistry: SerialRegistryStore;
  readonly syncState: SyncStateStore;
  readonly messages: MessageStore;
  readonly bodies: BodyCache;
  /** Cached per-message triage results (a cache only: losing it costs time, never data). */
  readonly analysis: AnalysisStore;
  /**
   * Forgets what this computer kept of a removed service: its copies of the mail, their bodies,
   * their triage analyses and its sync state. Call once its sync has stopped.
   */
  forgetService(serviceId: string): Promise<void>;
  /** Writes everything pending now and resolves when it is durable. */
  flush(): Promise<void>;
  /** Flushes, then refuses further changes. */
  close(): Promise<void>;
}

function toSlashes(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** Messages shards that went missing leave sync state that would skip them: note whose. */
function serviceOfMessageShard(relative: string): string | null {
  const [top, serviceDir] = relative.split('/');
  return top === 'messages' && serviceDir !== undefined ? fromFileSafeName(serviceDir) : null;
}

/** The documents' temp leftovers; the bodies' are swept while the messages load (see openStore). */
async function sweepTempLeftovers(dir: string): Promise<void> {
  await removeTempLeftovers(dir);
  await removeTempLeftovers(layout.syncStateDir(dir));
  let serviceDirs: string[] = [];
  try {
    serviceDirs = await fs.readdir(layout.messagesDir(dir));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  for (const serviceDir of serviceDirs) await removeTempLeftovers(path.join(layout.messagesDir(dir), serviceDir));
  let analysisDirs: string[] = [];
  try {
    analysisDirs = await fs.readdir(layout.analysisDir(dir));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  for (const serviceDir of analysisDirs) await removeTempLeftovers(path.join(layout.analysisDir(dir), serviceDir));
}

/**
 * Opens (creating or migrating) the store in `dir`. An unreadable document never fails the
 * open: it is set aside, reported, and rebuilt from the server by the next sync.
 */
export async function openStore(dir: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const now = opts.now ?? (() => new Date());
  let closed = false;
  const servicesToResync = new Set<string>();
  const context: DocumentContext = {
    now,
    isClosed: () => closed,
    onCorrupt: (file, error) => {
      const shard = toSlashes(path.relative(dir, file));
      const serviceId = serviceOfMessageShard(shard);
      if (serviceId !== null) servicesToResync.add(serviceId);
      opts.onCorruptShard?.(shard, error);
    },
  };

  await ensureDirectory(dir);
  const bodies = new BodyCache(dir);
  await sweepTempLeftovers(dir);
  const migration = await runMigrations(dir, opts.migrations ?? MIGRATIONS, context, async (error) => {
    const meta = layout.meta(dir);
    await fs.rename(meta, `${meta}.corrupt-${fileTimestamp(now())}`);
    await fsyncDirectory(dir);
    context.onCorrupt(meta, error);
  });

  const settings = await SettingsStore.open(dir, context);
  const services = await ServiceStore.open(dir, context);
  const outbox = await OutboxStore.open(dir, context);
  const routingExamples = await RoutingExampleStore.open(dir, context);
  const serialRegistry = await SerialRegistryStore.open(dir, context);
  const syncState = await SyncStateStore.open(dir, context);
  // Listing every cached body (50,000 files) is I/O: it overlaps the parsing of the message
  // shards. Nothing writes a body before openStore resolves, so the sweep cannot race a write.
  const [messages, analysis] = await Promise.all([MessageStore.load(dir, context), AnalysisStore.open(dir, context), bodies.removeTempLeftovers()]);
  for (const serviceId of servicesToResync) await syncState.reset(serviceId);
  // A pack's index then keys its bodies by the records' own id strings, not copies read from disk.
  bodies.shareIds((serviceId, id) => messages.get(serviceId, id)?.id);

  const flush = async (): Promise<void> => {
    await Promise.all([settings.flush(), services.flush(), outbox.flush(), routingExamples.flush(), serialRegistry.flush(), syncState.flush(), messages.flush(), analysis.flush()]);
  };
  return {
    dir,
    migration,
    settings,
    services,
    outbox,
    routingExamples,
    serialRegistry,
    syncState,
    messages,
    bodies,
    analysis,
    async forgetService(serviceId) {
      await Promise.all([messages.dropService(serviceId), bodies.dropService(serviceId), analysis.dropService(serviceId), syncState.reset(serviceId)]);
    },
    flush,
    close: async () => {
      // The analysis cache writes in the background: hand its pending entries over while saves are allowed.
      await analysis.flush();
      closed = true;
      await flush();
    },
  };
}
