import { z } from 'zod';

// Domain shapes shared by core, host and renderer. zod only: no node:*, no DOM.

export const ServiceKind = z.enum(['technical', 'consumer', 'other']);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const Language = z.enum(['fr', 'en', 'other']);
export type Language = z.infer<typeof Language>;

export const MailAddress = z.object({
  name: z.string(),
  address: z.string(),
});
export type MailAddress = z.infer<typeof MailAddress>;

export const TlsMode = z.enum(['none', 'starttls', 'tls']);

export const ServerEndpoint = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  tls: TlsMode,
  user: z.string().min(1),
});

/** A shared support mailbox, e.g. the technical service's servicetechnique@… */
export const ServiceMailbox = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: ServiceKind,
  address: z.string().email(),
  imap: ServerEndpoint,
  smtp: ServerEndpoint,
  colour: z.string(),
  defaultLanguage: Language,
});
export type ServiceMailbox = z.infer<typeof ServiceMailbox>;

export const MailFolder = z.enum(['inbox', 'sent', 'archive']);
export type MailFolder = z.infer<typeof MailFolder>;

/** Headers Guichet stamps on its own outbound mail (X-Guichet-*), read back from Sent. */
export const GuichetStamp = z.object({
  ticket: z.string(),
  action: z.string(),
  agent: z.string(),
  targetService: z.string().optional(),
});
export type GuichetStamp = z.infer<typeof GuichetStamp>;

/** Resent-* headers prepended when a message was transferred between services. */
export const ResentInfo = z.object({
  from: z.string(),
  to: z.string(),
  date: z.string(),
  messageId: z.string(),
});

export const AttachmentInfo = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});

/**
 * One message as the triage rules see it: metadata plus the decoded text.
 * `id` is stable across folders and UIDVALIDITY changes (Message-ID + content hash).
 */
export const MailMessage = z.object({
  id: z.string(),
  serviceId: z.string(),
  folder: MailFolder,
  messageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  subject: z.string(),
  from: MailAddress,
  to: z.array(MailAddress),
  cc: z.array(MailAddress),
  date: z.string(), // ISO 8601, when the message was received (internal date)
  keywords: z.array(z.string()),
  text: z.string(), // decoded plain text (HTML converted to text when no text part)
  html: z.string().nullable(),
  attachments: z.array(AttachmentInfo),
  stamp: GuichetStamp.nullable(),
  resent: ResentInfo.nullable(),
  incomplete: z.boolean(), // could not be read completely (broken MIME)
});
export type MailMessage = z.infer<typeof MailMessage>;

export type ResentInfo = z.infer<typeof ResentInfo>;
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;
