import type { SyncFolder } from './syncTarget';

// Which server mailbox plays which role: SPECIAL-USE first, then well-known names.

export interface ListedMailbox {
  path: string;
  name: string;
  specialUse?: string | undefined;
  /** 'extension' when the server said so (SPECIAL-USE), 'name' when imapflow guessed from the name. */
  specialUseSource?: string | undefined;
  flags: Set<string>;
}

const FALLBACK_NAMES: Record<Exclude<SyncFolder, 'inbox'>, string[]> = {
  sent: ['sent', 'sent items', 'sent messages', 'sent mail', 'envoyés', 'éléments envoyés', 'messages envoyés'],
  archive: ['archive', 'archives'],
};

const SPECIAL_USE: Record<Exclude<SyncFolder, 'inbox'>, string> = { sent: '\\Sent', archive: '\\Archive' };

function selectable(m: ListedMailbox): boolean {
  return ![...m.flags].some((f) => f.toLowerCase() === '\\noselect' || f.toLowerCase() === '\\nonexistent');
}

/** Server path per folder; null when the server has no such mailbox. */
export function resolveFolderPaths(mailboxes: readonly ListedMailbox[]): Record<SyncFolder, string | null> {
  const usable = mailboxes.filter(selectable);
  const pick = (folder: Exclude<SyncFolder, 'inbox'>): string | null => {
    const use = SPECIAL_USE[folder].toLowerCase();
    const byServer = usable.find((m) => m.specialUse?.toLowerCase() === use && m.specialUseSource !== 'name');
    if (byServer) return byServer.path;
    const byGuess = usable.find((m) => m.specialUse?.toLowerCase() === use);
    if (byGuess) return byGuess.path;
    for (const name of FALLBACK_NAMES[folder]) {
      const byName = usable.find((m) => m.name.toLowerCase() === name || m.path.toLowerCase() === name);
      if (byName) return byName.path;
    }
    return null;
  };
  const inbox = usable.find((m) => m.path.toUpperCase() === 'INBOX');
  return { inbox: inbox ? inbox.path : 'INBOX', sent: pick('sent'), archive: pick('archive') };
}
