// Seeding a Maildir directly (thousands of messages in well under a second), for the mail-server
// harness: Dovecot picks the files up as if they had been delivered.
import { closeSync, fchownSync, futimesSync, openSync, renameSync, writeSync } from 'node:fs';
import { access, chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAIL_GID, MAIL_UID } from './configTemplates';

/** A message to seed; a bare Buffer means no flags and INTERNALDATE taken from its Date header. */
export interface SeedMessage {
  raw: Buffer | string;
  /** System flags (\Seen, \Answered, \Flagged, \Deleted, \Draft) and custom keywords. */
  flags?: string[];
  internalDate?: Date;
}

/** Maildir flag letters for IMAP system flags. */
const SYSTEM_FLAG_LETTERS: Record<string, string> = {
  '\\draft': 'D', '\\flagged': 'F', '\\answered': 'R', '\\seen': 'S', '\\deleted': 'T',
};

let seedCounter = 0;

const exists = (p: string) => access(p).then(() => true, () => false);

/** Writes messages into one folder of a Maildir the way Dovecot expects them (tmp/ then cur/, flags in the name). */
export async function seedMaildir(maildir: string, folder: string, messages: Array<Buffer | SeedMessage>): Promise<void> {
  const isInbox = folder.toUpperCase() === 'INBOX';
  if (!isInbox && /(^|\/)\.|[\n\r]/.test(folder)) throw new Error(`mail harness: bad folder name ${folder}`);
  const box = isInbox ? maildir : join(maildir, '.' + folder.split('/').join('.'));
  const created = !(await exists(join(box, 'cur')));
  for (const d of [maildir, box, join(box, 'cur'), join(box, 'new'), join(box, 'tmp')]) {
    await mkdir(d, { recursive: true, mode: 0o700 });
    await chown(d, MAIL_UID, MAIL_GID);
  }
  if (!isInbox && created) {
    const marker = join(box, 'maildirfolder');
    await writeFile(marker, '');
    await chown(marker, MAIL_UID, MAIL_GID);
    await subscribe(maildir, folder);
  }
  const items: SeedMessage[] = messages.map((m) => (Buffer.isBuffer(m) ? { raw: m } : m));
  const letterOf = await keywordLetters(box, items.flatMap((m) => (m.flags ?? []).filter((f) => !f.startsWith('\\'))));
  // Synchronous calls on purpose: for thousands of small files they are several times faster
  // than the thread-pool round trips of fs/promises (10k messages in well under a second).
  for (const m of items) {
    const raw = typeof m.raw === 'string' ? Buffer.from(m.raw) : m.raw;
    let letters = '';
    for (const f of m.flags ?? []) {
      const l = f.startsWith('\\') ? SYSTEM_FLAG_LETTERS[f.toLowerCase()] : letterOf.get(f);
      if (!l) throw new Error(`mail harness: unknown flag ${f}`);
      if (!letters.includes(l)) letters += l;
    }
    letters = [...letters].sort().join('');
    const now = Date.now();
    const base = `${Math.floor(now / 1000)}.M${(now % 1000) * 1000}P${process.pid}Q${++seedCounter}.gx,S=${raw.length}`;
    const tmp = join(box, 'tmp', base);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, raw);
      fchownSync(fd, MAIL_UID, MAIL_GID);
      const date = m.internalDate ?? headerDate(raw);
      if (date) futimesSync(fd, date, date);
    } finally {
      closeSync(fd);
    }
    // Dovecot only ever sees complete files: write in tmp/, rename into cur/.
    renameSync(tmp, join(box, 'cur', `${base}:2,${letters}`));
  }
}

/** Keyword -> Maildir letter through the folder's dovecot-keywords file (a..z, 26 at most). */
async function keywordLetters(box: string, keywords: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const file = join(box, 'dovecot-keywords');
  const lines: string[] = [];
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const mm = /^(\d+) (.+)$/.exec(line);
      if (mm?.[1] !== undefined && mm[2] !== undefined) {
        lines[Number(mm[1])] = mm[2];
      }
    }
  } catch {}
  let changed = false;
  for (const kw of new Set(keywords)) {
    let idx = lines.findIndex((x) => x === kw);
    if (idx < 0) {
      idx = lines.length;
      if (idx >= 26) throw new Error('mail harness: Maildir holds at most 26 keywords per folder');
      lines.push(kw);
      changed = true;
    }
    map.set(kw, String.fromCharCode(97 + idx));
  }
  if (changed) {
    await writeFile(file, lines.map((kw, n) => `${n} ${kw}\n`).join(''));
    await chown(file, MAIL_UID, MAIL_GID);
  }
  return map;
}

async function subscribe(maildir: string, folder: string): Promise<void> {
  const file = join(maildir, 'subscriptions');
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {}
  if (text === '') text = 'V\t2\n\n';
  const names = new Set(text.split('\n').slice(2).flatMap((l) => (l ? [l.split('\t').join('/')] : [])));
  if (names.has(folder)) return;
  await writeFile(file, `${text}${folder.split('/').join('\t')}\n`);
  await chown(file, MAIL_UID, MAIL_GID);
}

/** INTERNALDATE for a seeded message: its Date header, when it parses. */
function headerDate(raw: Buffer): Date | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const m = /^date:[ \t]*(.+)$/im.exec(block);
  if (!m?.[1]) return null;
  const t = Date.parse(m[1].trim());
  return Number.isNaN(t) ? null : new Date(t);
}
