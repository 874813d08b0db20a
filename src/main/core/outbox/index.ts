export { createOutbox, OUTBOX_BACKOFF, type Outbox, type OutboxOptions, type OutboxPersistence, type ServiceConnections } from './outbox';
export { OutboxTaskSpec, OutboxClaim, OutboxMail, OutboxTransfer } from './taskSpec';
export { OutboxTask, OutboxPhase, toView } from './taskRecord';
export type { MailEndpoint, OutboxLog } from './imapSession';
export { classifyDeliveryError, certainlyNotAccepted, isPermanentSmtpCode } from './deliveryError';
export { prependResent, resentBlock, rfc5322Date } from './resent';
export { PermanentTaskError } from './pipeline';
