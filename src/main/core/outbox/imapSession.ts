import type { ImapEndpoint } from '../sync';
import { ImapFlow } from 'imapflow';

// One command connection per service for the outbox. imapflow never reconnects by itself: a
// connection that broke is dropped and the next use opens a new one.

/** Where and how to log in (the same shape the sync engine uses). */
export type MailEndpoint = ImapEndpoint;

export interface OutboxLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export class ServiceImap {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private sentPath: string | null = null;

  constructor(
    private readonly endpoint: () => Promise<MailEndpoint>,
    private readonly sentOverride: string | null,
    private readonly connectTimeoutMs: number,
  ) {}

  private async connect(): Promise<ImapFlow> {
    const e = await this.endpoint();
    const client = new ImapFlow({
      host: e.host,
      port: e.port,
      secure: e.secure,
      auth: { user: e.user, pass: e.password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: this.connectTimeoutMs,
      greetingTimeout: this.connectTimeoutMs,
      ...(e.ca !== undefined ? { tls: { ca: [e.ca] } } : {}),
    });
    // Before connect(): an unhandled socket error would kill the process (MACHINE-NOTES.md).
    client.on('error', () => {});
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    await client.connect();
    return client;
  }

  async get(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.client = null;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    const client = await this.connecting;
    this.client = client;
    return client;
  }

  /** Runs `work` with `path` selected, holding imapflow's mailbox lock so tasks do not interleave selects. */
  async inMailbox<T>(path: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = await this.get();
    try {
      const lock = await client.getMailboxLock(path);
      try {
        return await work(client);
      } finally {
        lock.release();
      }
    } catch (error) {
      if (!client.usable) this.drop(client);
      throw error;
    }
  }

  async sentMailbox(): Promise<string> {
    if (this.sentOverride !== null) return this.sentOverride;
    if (this.sentPath !== null) return this.sentPath;
    const client = await this.get();
    const boxes = await client.list();
    const sent = boxes.find((b) => b.specialUse === '\\Sent') ?? boxes.find((b) => /^sent$/i.test(b.name));
    if (!sent) throw new Error('The service has no Sent mailbox (SPECIAL-USE \\Sent).');
    this.sentPath = sent.path;
    return sent.path;
  }

  private drop(client: ImapFlow): void {
    if (this.client === client) this.client = null;
    client.close();
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.logout().catch(() => client.close());
  }
}
