import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { ServiceInput } from '../../../shared/views';
import { serverReasonOf } from '../sync/decisions';

// "Test connection" in the service settings: connect, log in, list capabilities, with the
// server's own words when it refuses.

export interface ProbeResult {
  imap: { ok: boolean; message: string; capabilities: string[] };
  smtp: { ok: boolean; message: string };
}

const TIMEOUT_MS = 10_000;

function networkReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'connection refused: is the host and port right, and is the server running?';
  if (code === 'ENOTFOUND') return 'unknown host name.';
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT') return 'no answer from the server (timed out).';
  return serverReasonOf(error);
}

export async function probeImap(service: ServiceInput, password: string, ca?: string): Promise<ProbeResult['imap']> {
  const client = new ImapFlow({
    host: service.imap.host, port: service.imap.port, secure: service.imap.tls === 'tls',
    doSTARTTLS: service.imap.tls === 'starttls' ? true : service.imap.tls === 'none' ? false : undefined,
    auth: { user: service.imap.user, pass: password },
    logger: false, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS,
    ...(ca ? { tls: { ca: [ca] } } : {}),
  } as ConstructorParameters<typeof ImapFlow>[0]);
  client.on('error', () => {});
  try {
    await client.connect();
    const capabilities = [...(client.capabilities?.keys() ?? [])].sort();
    await client.logout().catch(() => {});
    return { ok: true, message: `Connected to ${service.imap.host}:${service.imap.port} as ${service.imap.user}.`, capabilities };
  } catch (error) {
    client.close();
    return { ok: false, message: networkReason(error), capabilities: [] };
  }
}

export async function probeSmtp(service: ServiceInput, password: string, ca?: string): Promise<ProbeResult['smtp']> {
  const transport = nodemailer.createTransport({
    host: service.smtp.host, port: service.smtp.port, secure: service.smtp.tls === 'tls',
    requireTLS: service.smtp.tls === 'starttls', ignoreTLS: service.smtp.tls === 'none',
    auth: { user: service.smtp.user, pass: password },
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS,
    ...(ca ? { tls: { ca: [ca] } } : {}),
  });
  try {
    await transport.verify();
    return { ok: true, message: `Connected to ${service.smtp.host}:${service.smtp.port} as ${service.smtp.user}.` };
  } catch (error) {
    const e = error as { response?: string; message?: string };
    return { ok: false, message: e.response ?? networkReason(error) };
  } finally {
    transport.close();
  }
}
