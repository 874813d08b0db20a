import MailComposer from 'nodemailer/lib/mail-composer';
import { GuichetHeader } from '../../../shared/keywords';
import type { OutboxTaskSpec } from './taskSpec';

// The mail as bytes, built once per task: the SMTP send, a resend after a crash and the Sent copy
// are the same message, byte for byte.

export function guichetHeaders(spec: OutboxTaskSpec): Record<string, string> {
  const headers: Record<string, string> = {
    [GuichetHeader.ticket]: spec.ticketId,
    [GuichetHeader.action]: spec.action,
    [GuichetHeader.agent]: spec.agentName,
  };
  if (spec.action === 'transfer' && spec.transfer) headers[GuichetHeader.targetService] = spec.transfer.targetAddress;
  return headers;
}

export async function buildMime(spec: OutboxTaskSpec, messageId: string, date: Date): Promise<string> {
  const { mail } = spec;
  const composer = new MailComposer({
    from: { name: mail.from.name, address: mail.from.address },
    to: mail.to.map((a) => ({ name: a.name, address: a.address })),
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    messageId,
    date,
    ...(mail.inReplyTo !== null ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length > 0 ? { references: mail.references } : {}),
    headers: guichetHeaders(spec),
  });
  const built = await composer.compile().build();
  return built.toString('utf8');
}
