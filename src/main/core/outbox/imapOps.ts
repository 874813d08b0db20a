import type { ImapFlow } from 'imapflow';
import { GuichetHeader } from '../../../shared/keywords';
import type { OutboxClaim } from './taskSpec';

// Small IMAP steps the pipeline is made of. Each runs with the right mailbox already selected.

/** UIDs of messages whose `header` contains `value` (IMAP SEARCH HEADER is a substring match). */
export async function searchHeader(client: ImapFlow, header: string, value: string): Promise<number[]> {
  // A session sees new mail only after the server syncs its view (at NOOP): without it a message
  // delivered or appended by another session since the SELECT is invisible to SEARCH.
  await client.noop();
  const found = await client.search({ header: { [header]: value } }, { uid: true });
  return Array.isArray(found) ? found : [];
}

export interface AnchorState {
  uid: number;
  modseq: bigint;
  /** Flags and keywords as the server has them now. */
  flags: string[];
}

/** The anchor by UID, or by Message-ID when the folder was rebuilt (UIDVALIDITY changed). */
export async function readAnchor(client: ImapFlow, claim: OutboxClaim): Promise<AnchorState | null> {
  const box = client.mailbox;
  let uid: number | null = claim.uid;
  if (box && BigInt(box.uidValidity) !== BigInt(claim.uidValidity)) {
    uid = claim.messageId === null ? null : ((await searchHeader(client, 'Message-ID', claim.messageId))[0] ?? null);
  }
  if (uid === null) return null;
  const message = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
  // CONDSTORE is enabled at login, so every FETCH carries MODSEQ.
  if (!message || message.modseq === undefined) return null;
  return { uid: message.uid, modseq: BigInt(message.modseq), flags: [...(message.flags ?? [])] };
}

interface ImapAttribute {
  type?: string;
  value?: unknown;
  section?: ImapAttribute[];
}

interface ExecCapable {
  exec(command: string, attributes: unknown[], options?: unknown): Promise<{ response: { attributes?: ImapAttribute[] }; next: () => void }>;
}

/**
 * `UID STORE uid (UNCHANGEDSINCE modseq) +FLAGS (flag)` and who won. imapflow's store() says true
 * even when the server answers [MODIFIED], so the command goes through its lower-level exec and
 * the response code is read directly.
 */
export async function conditionalAddFlag(client: ImapFlow, uid: number, modseq: bigint, flag: string): Promise<'won' | 'modified'> {
  const attributes = [
    { type: 'SEQUENCE', value: String(uid) },
    [{ type: 'ATOM', value: 'UNCHANGEDSINCE' }, { type: 'ATOM', value: modseq.toString() }],
    { type: 'ATOM', value: '+FLAGS' },
    [{ type: 'ATOM', value: flag }],
  ];
  let sawFetch = false;
  const { response, next } = await (client as unknown as ExecCapable).exec('UID STORE', attributes, {
    untagged: {
      FETCH: async (untagged: { attributes?: unknown[] }) => {
        const items = (untagged.attributes?.[1] ?? []) as ImapAttribute[];
        const at = items.findIndex((a) => String(a.value).toUpperCase() === 'UID');
        if (at >= 0 && Number(items[at + 1]?.value) === uid) sawFetch = true;
      },
    },
  });
  next();
  const modified = (response.attributes ?? []).some((a) => (a.section ?? []).some((s) => String(s.value).toUpperCase() === 'MODIFIED'));
  if (modified) return 'modified';
  // A successful conditional STORE that changed the message reports its new MODSEQ in a FETCH.
  return sawFetch ? 'won' : 'modified';
}

/** APPENDs unless the mailbox already holds a message whose `header` is `value`; true if it appended. */
export async function appendOnce(client: ImapFlow, path: string, raw: Buffer | string, header: string, value: string, flags: string[]): Promise<boolean> {
  const existing = await searchHeader(client, header, value);
  if (existing.length > 0) return false;
  await client.append(path, raw, flags);
  return true;
}

export interface TeamAnswer {
  uid: number;
  messageId: string | null;
  agent: string | null;
}

function headerValue(block: string, name: string): string | null {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match?.[1]?.trim() ?? null;
}

/** The team's mail stamped with this ticket in the selected mailbox, oldest first. */
export async function teamAnswers(client: ImapFlow, ticketId: string): Promise<TeamAnswer[]> {
  const uids = await searchHeader(client, GuichetHeader.ticket, ticketId);
  if (uids.length === 0) return [];
  const out: TeamAnswer[] = [];
  // Collect, then decide: no other command may run inside a fetch loop (MACHINE-NOTES.md).
  for await (const m of client.fetch(uids.join(','), { uid: true, headers: ['message-id', GuichetHeader.ticket.toLowerCase(), GuichetHeader.agent.toLowerCase()] }, { uid: true })) {
    const block = m.headers?.toString('utf8') ?? '';
    // SEARCH HEADER is a substring match: keep only exact stamps.
    if (headerValue(block, GuichetHeader.ticket) !== ticketId) continue;
    out.push({ uid: m.uid, messageId: headerValue(block, 'Message-ID'), agent: headerValue(block, GuichetHeader.agent) });
  }
  return out.sort((a, b) => a.uid - b.uid);
}
