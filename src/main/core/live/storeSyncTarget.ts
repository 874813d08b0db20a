import { hash } from 'node:crypto';
import type { MailFolder, MailMessage } from '../../../shared/domain';
import { GuichetHeader } from '../../../shared/keywords';
import { stableMessageId } from '../mail/parse';
import type { Store, StoredMessage } from '../store';
import type { FolderSyncState, SyncedMessage, SyncFolder, SyncTarget } from '../sync';
import { TextFiller } from './textFiller';

// The sync engine's storage, over the real store. Sync speaks (folder, uid); the store keys
// messages by a stable id, so a UIDVALIDITY change or a re-sync never makes a duplicate.

/** Stable id from what the server tells before the body: the same mail gets the same id after any rebuild. */
export function syncedMessageId(m: Pick<SyncedMessage, 'folder' | 'messageId' | 'size' | 'date' | 'from' | 'subject'>): string {
  // hash(), not createHash(): the same digest without a Hash object per message.
  const sha = hash('sha256', [m.folder, m.messageId ?? '', m.size, m.date, m.from.address, m.subject].join('\n'), 'hex');
  return stableMessageId(m.messageId, sha);
}

function stampOf(headers: Record<string, string>): MailMessage['stamp'] {
  const get = (name: string): string | undefined => headers[name.toLowerCase()];
  const ticket = get(GuichetHeader.ticket);
  const action = get(GuichetHeader.action);
  if (!ticket || !action) return null;
  const target = get(GuichetHeader.targetService);
  return { ticket, action, agent: get(GuichetHeader.agent) ?? '', ...(target ? { targetService: target } : {}) };
}

function resentOf(headers: Record<string, string>): MailMessage['resent'] {
  const from = headers['resent-from'];
  const messageId = headers['resent-message-id'];
  if (!from || !messageId) return null;
  return { from, to: headers['resent-to'] ?? '', date: headers['resent-date'] ?? '', messageId };
}

export function toStoredMessage(serviceId: string, m: SyncedMessage, previous: StoredMessage | undefined): StoredMessage {
  return {
    id: previous?.id ?? syncedMessageId(m),
    serviceId,
    folder: m.folder,
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references,
    subject: m.subject,
    from: m.from,
    to: m.to,
    cc: m.cc,
    date: m.internalDate,
    keywords: m.keywords,
    text: previous?.text ?? '',
    html: null,
    attachments: previous?.attachments ?? [],
    stamp: stampOf(m.headers),
    resent: resentOf(m.headers),
    incomplete: previous?.incomplete ?? false,
    uids: { ...(previous?.uids ?? {}), [m.folder]: m.uid },
    modseq: m.modseq ?? '0',
    flags: m.flags,
    size: m.size,
    internalDate: m.internalDate,
  };
}

export interface StoreSyncTargetEvents {
  /** Message ids whose triage view changed (metadata, keywords, or a body's text that was read). */
  onMessagesChanged(ids: string[]): void;
}

export interface StoreSyncTargetOptions {
  /** The text parse waits until no body arrived for this long: a sync's writes go first. Default 150 ms. */
  quietMs?: number;
  /** Parsed texts are written to the store in batches of at most this many (and at least every second). Default 2,000. */
  textBatch?: number;
}

export interface StoreSyncTarget extends SyncTarget {
  idOf(folder: SyncFolder, uid: number): string | undefined;
  /** Resolves when every body stored so far has had its text read and written to the store. */
  whenTextsFilled(): Promise<void>;
}

export function createStoreSyncTarget(store: Store, serviceId: string, attachmentRoot: string, events: StoreSyncTargetEvents, options: StoreSyncTargetOptions = {}): StoreSyncTarget {
  const texts = new TextFiller(store, serviceId, attachmentRoot, events, options.quietMs ?? 150, options.textBatch ?? 2000);
  // (folder, uid) -> stable id, rebuilt from the store on open.
  const index = new Map<SyncFolder, Map<number, string>>();
  const folderIndex = (folder: SyncFolder): Map<number, string> => {
    let map = index.get(folder);
    if (!map) index.set(folder, (map = new Map()));
    return map;
  };
  for (const message of store.messages.all(serviceId)) {
    for (const [folder, uid] of Object.entries(message.uids) as Array<[MailFolder, number]>) folderIndex(folder).set(uid, message.id);
  }

  return {
    idOf: (folder, uid) => index.get(folder)?.get(uid),
    whenTextsFilled: () => texts.whenIdle(),
    async loadFolderState(folder) {
      const state = store.syncState.get(serviceId)?.[folder];
      if (!state) return null;
      return { uidValidity: state.uidValidity, highestModseq: state.highestModseq === '0' ? null : state.highestModseq, uidNext: state.uidNext, lastSyncAt: state.lastSyncAt ?? '' };
    },
    async saveFolderState(folder, state: FolderSyncState) {
      await store.syncState.setFolder(serviceId, folder, { uidValidity: state.uidValidity, highestModseq: state.highestModseq ?? '0', uidNext: state.uidNext, lastSyncAt: state.lastSyncAt });
    },
    async upsert(folder, messages) {
      const records: StoredMessage[] = [];
      for (const m of messages) {
        const knownId = folderIndex(folder).get(m.uid) ?? syncedMessageId(m);
        const record = toStoredMessage(serviceId, m, store.messages.get(serviceId, knownId));
        folderIndex(folder).set(m.uid, record.id);
        records.push(record);
      }
      await store.messages.upsert(serviceId, records);
      events.onMessagesChanged(records.map((r) => r.id));
    },
    async expunge(folder, uids) {
      const removed: string[] = [];
      for (const uid of uids) {
        const id = folderIndex(folder).get(uid);
        folderIndex(folder).delete(uid);
        if (!id) continue;
        const message = store.messages.get(serviceId, id);
        if (!message) continue;
        const { [folder]: _gone, ...rest } = message.uids;
        if (Object.keys(rest).length === 0) removed.push(id);
        else await store.messages.patch(serviceId, id, { uids: rest });
      }
      if (removed.length > 0) {
        await store.messages.remove(serviceId, removed);
        await store.bodies.removeBodies(serviceId, removed).catch(() => {});
        store.analysis.remove(serviceId, removed);
      }
      events.onMessagesChanged(removed);
    },
    async resetFolder(folder) {
      // Forget the old UIDs only: messages keep their stable id, so the refetch finds them again.
      folderIndex(folder).clear();
    },
    async knownFlags(folder) {
      const flags = new Map<number, string[]>();
      for (const [uid, id] of folderIndex(folder)) {
        const message = store.messages.get(serviceId, id);
        if (message) flags.set(uid, [...message.flags, ...message.keywords]);
      }
      return flags;
    },
    async hasBody(folder, uid) {
      const id = folderIndex(folder).get(uid);
      if (id === undefined || !(await store.bodies.hasBody(serviceId, id))) return false;
      // A body stored by an earlier run whose text was never read (closed before the parse): read it now.
      const message = store.messages.get(serviceId, id);
      if (message && message.text === '' && message.attachments.length === 0 && !texts.has(id)) texts.add(id, folder, null);
      return true;
    },
    async putBody(folder, uid, raw) {
      const id = folderIndex(folder).get(uid);
      if (!id) return;
      await store.bodies.cacheBody(serviceId, id, raw);
      if (store.messages.get(serviceId, id)) texts.add(id, folder, raw);
    },
    async putBodies(folder, bodies) {
      const known = bodies.flatMap(({ uid, raw }) => {
        const messageId = folderIndex(folder).get(uid);
        return messageId === undefined ? [] : [{ messageId, raw }];
      });
      await store.bodies.cacheBodies(serviceId, known);
      for (const { messageId, raw } of known) if (store.messages.get(serviceId, messageId)) texts.add(messageId, folder, raw);
    },
  };
}
