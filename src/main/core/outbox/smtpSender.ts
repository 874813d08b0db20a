import nodemailer, { type Transporter } from 'nodemailer';
import type { MailEndpoint } from './imapSession';

// Raw sends over one pooled SMTP transport per service. The envelope is explicit: the headers are
// already in the bytes, and the envelope may name more recipients than the headers do.

export interface SmtpOutcome {
  response: string;
  accepted: string[];
  /** Per refused recipient, the server's response line. */
  rejected: Array<{ address: string; response: string; responseCode: number | null }>;
}

export interface Envelope {
  from: string;
  to: string[];
}

export class ServiceSmtp {
  private transport: Transporter | null = null;

  constructor(
    private readonly endpoint: () => Promise<MailEndpoint>,
    private readonly timeoutMs: number,
  ) {}

  private async get(): Promise<Transporter> {
    if (this.transport) return this.transport;
    const e = await this.endpoint();
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 4,
      host: e.host,
      port: e.port,
      secure: e.secure,
      auth: { user: e.user, pass: e.password },
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs * 3,
      ...(e.ca !== undefined ? { tls: { ca: [e.ca] } } : {}),
    });
    return this.transport;
  }

  async sendRaw(raw: string | Buffer, envelope: Envelope): Promise<SmtpOutcome> {
    const transport = await this.get();
    const info = (await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw })) as {
      response?: string;
      accepted?: unknown[];
      rejected?: unknown[];
      rejectedErrors?: Array<{ recipient?: string; response?: string; responseCode?: number }>;
    };
    const address = (a: unknown) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? ''));
    const errors = info.rejectedErrors ?? [];
    return {
      response: info.response ?? '',
      accepted: (info.accepted ?? []).map(address),
      rejected: (info.rejected ?? []).map((a) => {
        const addr = address(a);
        const err = errors.find((x) => x.recipient === addr) ?? errors[0];
        return { address: addr, response: err?.response ?? 'Recipient refused', responseCode: err?.responseCode ?? null };
      }),
    };
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
