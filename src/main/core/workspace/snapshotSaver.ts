import { compareUrgency } from '../../../shared/queueOrder';
import type { Settings, TicketCard, Workspace } from '../../../shared/views';
import { SNAPSHOT_CARDS_PER_QUEUE, writeDeskSnapshot, type DeskSnapshot } from '../store/deskSnapshot';

// Saves the desk snapshot (store/deskSnapshot.ts) a little after the board changes, and once more
// when the workspace closes, so the next start can show the queues before the board is rebuilt.

/** Changes come in bursts (a sync batch, the minute tick): one write per burst. */
const SAVE_DELAY_MS = 5_000;

export interface SnapshotSources {
  workspace(): Workspace;
  settings(): Settings;
  now(): Date;
  cards(serviceId: string): TicketCard[];
}

export interface SnapshotSaver {
  schedule(): void;
  close(): Promise<void>;
}

export function createSnapshotSaver(dir: string | null, sources: SnapshotSources, log: (line: string) => void = () => {}): SnapshotSaver {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();

  const snapshot = (): DeskSnapshot => {
    const workspace = sources.workspace();
    return {
      kind: 'desk-snapshot', version: 1, savedAt: sources.now().toISOString(), workspace, settings: sources.settings(),
      queues: workspace.services.map((service) => {
        const cards = sources.cards(service.id);
        return { serviceId: service.id, total: cards.length, top: cards.sort(compareUrgency).slice(0, SNAPSHOT_CARDS_PER_QUEUE) };
      }),
    };
  };
  const save = (): Promise<void> => {
    if (dir === null || !dirty) return writing;
    dirty = false;
    const next = snapshot();
    writing = writing.then(() => writeDeskSnapshot(dir, next)).catch((error: unknown) => log(`could not save the desk snapshot: ${String(error)}`));
    return writing;
  };
  return {
    schedule() {
      if (dir === null) return;
      dirty = true;
      if (timer !== null) return;
      timer = setTimeout(() => { timer = null; void save(); }, SAVE_DELAY_MS);
      timer.unref?.();
    },
    async close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await save();
    },
  };
}
