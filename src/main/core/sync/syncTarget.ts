import type { MailAddress, MailFolder } from '../../../shared/domain';

// The storage side of sync. The store implements it; tests use an in-memory one.

export type SyncFolder = MailFolder;

/** Where incremental sync resumes for one folder. Modseqs are decimal strings (63-bit, like the store). */
export interface FolderSyncState {
  uidValidity: number;
  /** null when the server has no CONDSTORE for this mailbox. */
  highestModseq: string | null;
  uidNext: number;
  lastSyncAt: string;
}

/** Message metadata as the server has it. Bodies travel separately (putBody). */
export interface SyncedMessage {
  folder: SyncFolder;
  uid: number;
  uidValidity: number;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** Date header, ISO; the internal date when the header is missing or broken. */
  date: string;
  internalDate: string;
  /** System flags only (\Seen, \Answered, …). */
  flags: string[];
  /** Custom IMAP keywords (no backslash). */
  keywords: string[];
  modseq: string | null;
  size: number;
  /** Lower-case name -> unfolded value, for X-Guichet-* and Resent-* (first occurrence). */
  headers: Record<string, string>;
  bodyStructure?: unknown;
}

export interface SyncTarget {
  loadFolderState(folder: SyncFolder): Promise<FolderSyncState | null>;
  /** Saved only after a complete pass: a pass cut short resumes from the previous state. */
  saveFolderState(folder: SyncFolder, state: FolderSyncState): Promise<void>;
  /** New messages or new metadata (flags/keywords/modseq) for known ones. Idempotent by (folder, uid). */
  upsert(folder: SyncFolder, messages: SyncedMessage[]): Promise<void>;
  expunge(folder: SyncFolder, uids: number[]): Promise<void>;
  /** UIDVALIDITY changed: forget the folder's UIDs, state and bodies (messages keep their stable identity). */
  resetFolder(folder: SyncFolder, newUidValidity: number): Promise<void>;
  /** uid -> flags and keywords as last stored (used to diff when the server lacks CONDSTORE). */
  knownFlags(folder: SyncFolder): Promise<Map<number, string[]>>;
  hasBody(folder: SyncFolder, uid: number): Promise<boolean>;
  putBody(folder: SyncFolder, uid: number, raw: Buffer): Promise<void>;
  /** Several bodies at once (sources that came with a batch of metadata); putBody each when absent. */
  putBodies?(folder: SyncFolder, bodies: ReadonlyArray<{ uid: number; raw: Buffer }>): Promise<void>;
}

/** One incremental step of a folder. rebuild: the folder's index was (re)built: nothing in it is new mail. */
export interface SyncChange {
  folder: SyncFolder;
  added: SyncedMessage[];
  changed: SyncedMessage[];
  removedUids: number[];
  rebuild: boolean;
}
