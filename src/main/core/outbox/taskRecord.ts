import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OutboxTaskState, type OutboxTaskView } from '../../../shared/views';
import { OutboxTaskSpec } from './taskSpec';

/**
 * How far the remote work went. Every step persists its phase before the next one starts, so a
 * restart resumes exactly where the process died:
 *   created -> claimStarted -> claimed -> transferStarted -> transferDone -> smtpAccepted -> filed -> done
 * `smtpAttemptAt` set means "an SMTP transaction may have reached the server, unconfirmed".
 */
export const OutboxPhase = z.enum(['created', 'claimStarted', 'claimed', 'transferStarted', 'transferDone', 'smtpAccepted', 'filed', 'done']);
export type OutboxPhase = z.infer<typeof OutboxPhase>;

export const OutboxTask = z.object({
  id: z.string(),
  spec: OutboxTaskSpec,
  state: OutboxTaskState,
  phase: OutboxPhase,
  messageId: z.string(),
  /** Transfers only: minted with the task so the copy is idempotent too. */
  resentMessageId: z.string().nullable(),
  createdAt: z.string(),
  undoUntil: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  error: z.string().nullable(),
  retryable: z.boolean(),
  /** The modseq the claim's conditional STORE used. */
  claimModseq: z.string().nullable(),
  /** Who answered instead, when the claim was lost. */
  lostTo: z.string().nullable(),
  /** The MIME bytes, built once and persisted before SMTP so a resend and the Sent copy are identical. */
  raw: z.string().nullable(),
  smtpAttemptAt: z.string().nullable(),
  smtpResponse: z.string().nullable(),
  /** Resent-* header block of a transfer, persisted before the copy is made. */
  resentBlock: z.string().nullable(),
  redirectAttemptAt: z.string().nullable(),
  retryOf: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type OutboxTask = z.infer<typeof OutboxTask>;

export const FINAL_STATES: ReadonlySet<OutboxTask['state']> = new Set(['done', 'failed', 'cancelled', 'lostClaim']);

export function isFinal(task: OutboxTask): boolean {
  return FINAL_STATES.has(task.state);
}

/** `<uuid@domain-of-the-service-address>`: minted once, when the task is created. */
export function mintMessageId(serviceAddress: string): string {
  const at = serviceAddress.lastIndexOf('@');
  const domain = at >= 0 ? serviceAddress.slice(at + 1).trim().toLowerCase() : 'guichet.invalid';
  return `<${randomUUID()}@${domain || 'guichet.invalid'}>`;
}

export function newTask(spec: OutboxTaskSpec, now: Date, undoMs: number, retryOf: string | null = null): OutboxTask {
  return {
    id: randomUUID(),
    spec,
    state: undoMs > 0 ? 'undoWindow' : 'queued',
    phase: 'created',
    messageId: mintMessageId(spec.mail.from.address),
    resentMessageId: spec.transfer ? mintMessageId(spec.mail.from.address) : null,
    createdAt: now.toISOString(),
    undoUntil: undoMs > 0 ? new Date(now.getTime() + undoMs).toISOString() : null,
    attempts: 0,
    nextAttemptAt: null,
    error: null,
    retryable: false,
    claimModseq: null,
    lostTo: null,
    raw: null,
    smtpAttemptAt: null,
    smtpResponse: null,
    resentBlock: null,
    redirectAttemptAt: null,
    retryOf,
    finishedAt: null,
  };
}

export function toView(task: OutboxTask): OutboxTaskView {
  const error = task.state === 'lostClaim' ? `Claimed by ${task.lostTo ?? 'another agent'}` : task.error;
  return {
    id: task.id,
    ticketId: task.spec.ticketId,
    serviceId: task.spec.serviceId,
    action: task.spec.action,
    state: task.state,
    createdAt: task.createdAt,
    undoUntil: task.undoUntil,
    attempts: task.attempts,
    error,
    retryable: task.retryable,
    messageId: task.messageId,
    recipient: task.spec.transfer?.targetAddress ?? task.spec.mail.to.map((a) => a.address).join(', '),
  };
}
