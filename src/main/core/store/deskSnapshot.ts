import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Settings, TicketCard, Workspace } from '../../../shared/views';
import { isMissing, writeFileDurable } from './durableFile';

// The desk as the last session left it: the workspace, the settings and the most urgent cards of
// each queue. Read before anything else at start-up (this module stays light: no mail libraries),
// so the UI shows the queues at once, marked provisional, while core loads the store and builds
// the real board. It is a cache: unreadable or missing, the UI simply waits for the real board.

export const DESK_SNAPSHOT_FILE = 'desk-snapshot.json';
/** Cards kept per queue: a screenful and then some. */
export const SNAPSHOT_CARDS_PER_QUEUE = 100;

export const DeskSnapshot = z.object({
  kind: z.literal('desk-snapshot'),
  version: z.literal(1),
  savedAt: z.string(),
  workspace: Workspace,
  settings: Settings,
  queues: z.array(z.object({ serviceId: z.string(), total: z.number().int().nonnegative(), top: z.array(TicketCard) })),
});
export type DeskSnapshot = z.infer<typeof DeskSnapshot>;

export function deskSnapshotPath(storeDir: string): string {
  return path.join(storeDir, DESK_SNAPSHOT_FILE);
}

/** The saved snapshot, or null when there is none or it cannot be trusted (then it is just ignored). */
export async function readDeskSnapshot(storeDir: string): Promise<DeskSnapshot | null> {
  let text: string;
  try {
    text = await fs.readFile(deskSnapshotPath(storeDir), 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const parsed = DeskSnapshot.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeDeskSnapshot(storeDir: string, snapshot: DeskSnapshot): Promise<void> {
  await writeFileDurable(deskSnapshotPath(storeDir), JSON.stringify(snapshot));
}

export async function removeDeskSnapshot(storeDir: string): Promise<void> {
  await fs.rm(deskSnapshotPath(storeDir), { force: true });
}
