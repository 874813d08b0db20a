// Test helpers over the REAL network: SMTP through nodemailer, IMAP through imapflow, parsing with
// mailparser. They take the serializable MailServerInfo, so they work with inject('mailServer') too.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { MailServerInfo, MailUser } from './mailServer';

/** A user key of server.users ('technical', 'customer1', …), an address/login, or a MailUser. */
export type UserRef = string | MailUser;

export function resolveUser(server: MailServerInfo, ref: UserRef): MailUser {
  if (typeof ref !== 'string') return ref;
  const u = server.users[ref] ?? Object.values(server.users).find((x) => x.address === ref || x.user === ref);
  if (!u) throw new Error(`mailTools: unknown user ${ref} (known: ${Object.keys(server.users).join(', ')})`);
  return u;
}

/** Address of a user key, or the string itself when it is already an address. */
function addressOf(server: MailServerInfo, ref: UserRef | string): string {
  if (typeof ref !== 'string') return ref.address;
  if (ref.includes('@')) return ref;
  return resolveUser(server, ref).address;
}

export interface ImapConnectOptions {
  /** Use the IMAPS port (TLS instance only). Default: plain port (+ STARTTLS when the server offers it). */
  secure?: boolean;
  password?: string;
  extra?: Partial<ImapFlowOptions>;
}

/** A connected imapflow client (error handler attached before connect, as the notes demand). */
export async function imapConnect(server: MailServerInfo, user: UserRef, opts: ImapConnectOptions = {}): Promise<ImapFlow> {
  const u = resolveUser(server, user);
  if (opts.secure && server.imapsPort === null) throw new Error('mailTools: this server has no IMAPS port (start it with tls: true)');
  const client = new ImapFlow({
    host: server.host,
    port: opts.secure ? (server.imapsPort as number) : server.imapPort,
    secure: opts.secure ?? false,
    auth: { user: u.user, pass: opts.password ?? u.password },
    logger: false,
    ...(server.ca ? { tls: { ca: [server.ca] } } : {}),
    ...opts.extra,
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    // Keep imapflow's fields (authenticationFailed, serverResponseCode, response) on the error.
    const e = err as Error & { responseText?: string };
    e.message = `imapConnect(${u.user}): ${e.message}${e.responseText ? ` — ${e.responseText}` : ''}`;
    throw e;
  }
  return client;
}

export interface SendMailInput {
  /** Address, or a user key of server.users. */
  from: string;
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  inReplyTo?: string;
  references?: string | string[];
  messageId?: string;
  date?: Date;
  /** Authenticate (SASL PLAIN/LOGIN) as this user; otherwise send as a loopback client (mynetworks). */
  auth?: UserRef;
  attachments?: Array<{ filename: string; content: Buffer | string; contentType?: string }>;
}

export interface SendMailResult {
  messageId: string;
  response: string;
  accepted: string[];
  rejected: string[];
}

/**
 * Sends over the instance's real SMTP port. Rejections surface as nodemailer errors: a 550 has
 * `responseCode === 550` and `response` holding Postfix's text.
 */
export async function sendMail(server: MailServerInfo, input: SendMailInput): Promise<SendMailResult> {
  const auth = input.auth !== undefined ? resolveUser(server, input.auth) : null;
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.smtpPort,
    secure: false,
    ...(server.ca ? { tls: { ca: [server.ca] } } : { ignoreTLS: true }),
    ...(auth ? { auth: { user: auth.user, pass: auth.password } } : {}),
    connectionTimeout: 10_000,
  });
  const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]).map((x) => addressOf(server, x));
  try {
    const info = await transport.sendMail({
      from: addressOf(server, input.from),
      to: list(input.to),
      ...(input.cc !== undefined ? { cc: list(input.cc) } : {}),
      subject: input.subject,
      text: input.text,
      ...(input.html !== undefined ? { html: input.html } : {}),
      ...(input.headers ? { headers: input.headers } : {}),
      ...(input.inReplyTo !== undefined ? { inReplyTo: input.inReplyTo } : {}),
      ...(input.references !== undefined ? { references: input.references } : {}),
      ...(input.messageId !== undefined ? { messageId: input.messageId } : {}),
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
    });
    const addr = (a: unknown) => (typeof a === 'string' ? a : (a as { address: string }).address);
    return {
      messageId: info.messageId,
      response: info.response,
      accepted: (info.accepted as unknown[]).map(addr),
      rejected: (info.rejected as unknown[]).map(addr),
    };
  } finally {
    transport.close();
  }
}

export interface ListedMessage {
  uid: number;
  folder: string;
  /** All flags as the server reports them (\Seen, custom keywords, …). */
  flags: string[];
  /** Custom keywords only (flags not starting with a backslash). */
  keywords: string[];
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: string | null;
  to: string[];
  date: Date | null;
  internalDate: Date | null;
  size: number;
  /** Every header, lower-case name -> values in order (unfolded text). */
  headers: Record<string, string[]>;
  text: string;
  raw: Buffer;
}

/** imapflow says only "Command failed": add the server's own words and the context. */
function explain(err: unknown, context: string): Error {
  const e = err as { message?: string; responseText?: string; serverResponseCode?: string; executedCommand?: string };
  const detail = [e.serverResponseCode && `[${e.serverResponseCode}]`, e.responseText, e.executedCommand && `(${e.executedCommand})`]
    .filter(Boolean).join(' ');
  const out = new Error(`${context}: ${e.message ?? String(err)}${detail ? ` — ${detail}` : ''}`, { cause: err });
  return out;
}

function splitIds(v: string | undefined): string[] {
  return v ? (v.match(/<[^>]+>/g) ?? []) : [];
}

function headerMap(raw: Buffer): Record<string, string[]> {
  const s = raw.toString('utf8');
  const end = s.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? s.slice(0, end) : s).replace(/\r?\n[ \t]+/g, ' ');
  const out: Record<string, string[]> = {};
  for (const line of block.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    (out[name] ??= []).push(line.slice(i + 1).trim());
  }
  return out;
}

async function toListed(folder: string, m: { uid: number; flags?: Set<string> | undefined; source?: Buffer | undefined; internalDate?: Date | string | undefined; size?: number | undefined }): Promise<ListedMessage> {
  const raw = m.source ?? Buffer.alloc(0);
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const headers = headerMap(raw);
  const flags = [...(m.flags ?? [])];
  const addrs = (v: typeof parsed.to) => (v ? (Array.isArray(v) ? v : [v]).flatMap((a) => a.value.map((x) => x.address ?? '')) : []);
  return {
    uid: m.uid,
    folder,
    flags,
    keywords: flags.filter((f) => !f.startsWith('\\')),
    messageId: parsed.messageId ?? null,
    inReplyTo: headers['in-reply-to']?.[0]?.match(/<[^>]+>/)?.[0] ?? null,
    references: splitIds(headers['references']?.join(' ')),
    subject: parsed.subject ?? '',
    from: parsed.from?.value[0]?.address ?? null,
    to: addrs(parsed.to),
    date: parsed.date ?? null,
    internalDate: m.internalDate ? new Date(m.internalDate) : null,
    size: m.size ?? raw.length,
    headers,
    text: parsed.text ?? '',
    raw,
  };
}

async function fetchListed(client: ImapFlow, folder: string, range: string): Promise<ListedMessage[]> {
  const rows: Array<Parameters<typeof toListed>[1]> = [];
  // Never run another command inside the fetch loop (imapflow deadlocks): collect, then parse.
  for await (const m of client.fetch(range, { uid: true, flags: true, source: true, internalDate: true, size: true }, { uid: true })) {
    rows.push({ uid: m.uid, flags: m.flags, source: m.source, internalDate: m.internalDate, size: m.size });
  }
  return Promise.all(rows.map((r) => toListed(folder, r)));
}

/** Every message of a folder, oldest UID first, with parsed headers and keywords. */
export async function listMessages(server: MailServerInfo, user: UserRef, folder = 'INBOX'): Promise<ListedMessage[]> {
  const client = await imapConnect(server, user);
  try {
    const box = await client.mailboxOpen(folder, { readOnly: true });
    if (box.exists === 0) return [];
    return await fetchListed(client, folder, '1:*');
  } catch (err) {
    throw explain(err, `listMessages(${resolveUser(server, user).address}, ${folder})`);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  folder?: string;
}

/**
 * Resolves with the first message of `folder` that matches `predicate`, already there or arriving
 * later. New mail is noticed through IDLE ('exists' events), with a 1 s re-check as a safety net.
 */
export async function waitForMessage(
  server: MailServerInfo,
  user: UserRef,
  predicate: (m: ListedMessage) => boolean,
  opts: WaitOptions = {},
): Promise<ListedMessage> {
  const folder = opts.folder ?? 'INBOX';
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const client = await imapConnect(server, user, { extra: { autoIdleDelay: 50 } });
  let wake: (() => void) | null = null;
  client.on('exists', () => wake?.());
  try {
    await client.mailboxOpen(folder, { readOnly: true }).catch((err: unknown) => {
      throw explain(err, `waitForMessage(${resolveUser(server, user).address}, ${folder})`);
    });
    let lastUid = 0;
    for (;;) {
      const found = await fetchListed(client, folder, `${lastUid + 1}:*`);
      for (const m of found) {
        if (m.uid <= lastUid) continue; // "N:*" returns the last message even when N is past it
        lastUid = Math.max(lastUid, m.uid);
        if (predicate(m)) return m;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`waitForMessage: no matching message in ${resolveUser(server, user).address} ${folder} after ${timeoutMs} ms (saw UIDs up to ${lastUid})`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(1000, left));
        wake = () => { clearTimeout(t); resolve(); };
      });
      wake = null;
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
