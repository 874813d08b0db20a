import type { ImapFlow } from 'imapflow';
import { toUidSet } from './decisions';
import type { SyncFolder, SyncTarget } from './syncTarget';

// Raw sources into the target. `source` is fetched as BODY.PEEK[] on a mailbox opened with
// EXAMINE, so \Seen is never set (test/integration/sync/seen.test.ts checks it).

async function openReadOnly(client: ImapFlow, path: string): Promise<void> {
  if (!client.mailbox || client.mailbox.path !== path || !client.mailbox.readOnly) {
    await client.mailboxOpen(path, { readOnly: true });
  }
}

/** UIDs received since `since` whose body the target lacks, newest first. */
export async function missingBodies(client: ImapFlow, path: string, folder: SyncFolder, target: SyncTarget, since: Date): Promise<number[]> {
  await openReadOnly(client, path);
  if (client.mailbox && client.mailbox.exists === 0) return [];
  const found = await client.search({ since }, { uid: true });
  const uids = (Array.isArray(found) ? found : []).sort((a, b) => b - a);
  const missing: number[] = [];
  for (const uid of uids) if (!(await target.hasBody(folder, uid))) missing.push(uid);
  return missing;
}

/**
 * Fetches and stores the raw sources of `uids` (callers keep the list short: its sources are held
 * in memory together). Returns how many the server still had.
 */
export async function fetchBodies(client: ImapFlow, path: string, folder: SyncFolder, target: SyncTarget, uids: readonly number[]): Promise<number> {
  if (uids.length === 0) return 0;
  await openReadOnly(client, path);
  const wanted = new Set(uids);
  const writes: Array<Promise<void>> = [];
  // Writes are not IMAP commands: they overlap the stream instead of pausing it.
  for await (const row of client.fetch(toUidSet(uids), { uid: true, source: true }, { uid: true })) {
    if (row.source !== undefined && wanted.has(row.uid)) writes.push(target.putBody(folder, row.uid, row.source));
  }
  const results = await Promise.allSettled(writes);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return writes.length;
}

/** One body on demand; null when the server no longer has the message. */
export async function fetchOneBody(client: ImapFlow, path: string, uid: number): Promise<Buffer | null> {
  await openReadOnly(client, path);
  const row = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  return row && row.source !== undefined ? row.source : null;
}
