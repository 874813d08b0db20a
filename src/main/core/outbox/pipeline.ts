import { ANSWER_KEYWORDS, GuichetKeyword, ResentHeader, hasKeyword } from '../../../shared/keywords';
import { buildMime } from './buildMime';
import { certainlyNotAccepted } from './deliveryError';
import { appendOnce, conditionalAddFlag, readAnchor, searchHeader, teamAnswers } from './imapOps';
import type { OutboxLog, ServiceImap } from './imapSession';
import { lineEndingOf, prependResent, resentBlock } from './resent';
import type { ServiceSmtp } from './smtpSender';
import type { OutboxTask } from './taskRecord';

// One task's remote work, step by step. Each step persists where it got to before the next one
// starts (see OutboxPhase), so running this again after a crash or an error continues safely.

/** A failure retrying cannot fix: the task stops with this text and is not retried. */
export class PermanentTaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentTaskError';
  }
}

export interface PipelineContext {
  imap(serviceId: string): ServiceImap;
  smtp(serviceId: string): ServiceSmtp;
  clock(): Date;
  /** Persists `changes` (with any earlier notes) durably, and tells the UI, before resolving. */
  save(task: OutboxTask, changes: Partial<OutboxTask>): Promise<OutboxTask>;
  /**
   * Changes kept in memory and shown to the UI, written with the next save. Only for progress a
   * crash may forget because the step after it is idempotent or recovers it (fewer fsyncs on the
   * way to SMTP).
   */
  note(task: OutboxTask, changes: Partial<OutboxTask>): OutboxTask;
  readRaw(path: string): Promise<Buffer>;
  /**
   * How long after an unconfirmed SMTP attempt its witness copy may still be on its way.
   * Shorter risks a duplicate (resending a message that was accepted); longer only delays the
   * resend after a crash. A few seconds covers local delivery on a healthy server.
   */
  acceptanceGraceMs: number;
  witnessPollMs: number;
  sleep(ms: number): Promise<void>;
  log: OutboxLog;
}

const STATE_KEYWORDS = [...ANSWER_KEYWORDS, GuichetKeyword.transferred];

function serviceAddress(task: OutboxTask): string {
  return task.spec.mail.from.address;
}

export async function runPipeline(start: OutboxTask, ctx: PipelineContext): Promise<OutboxTask> {
  let task = start;
  if (task.phase === 'created' || task.phase === 'claimStarted') {
    task = await claimTicket(task, ctx);
    if (task.state === 'lostClaim') return task;
  }
  if (task.spec.transfer && (task.phase === 'claimed' || task.phase === 'transferStarted')) task = await copyTransfer(task, ctx);
  if (task.phase === 'claimed' || task.phase === 'transferDone') task = await sendMail(task, ctx);
  if (task.phase === 'smtpAccepted') task = await fileInSent(task, ctx);
  if (task.phase === 'filed') task = await setStateKeywords(task, ctx);
  return task;
}

// ---- claim ----------------------------------------------------------------------------------

async function claimTicket(task: OutboxTask, ctx: PipelineContext): Promise<OutboxTask> {
  const claim = task.spec.claim;
  if (claim === null) return ctx.note(task, { phase: 'claimed', state: 'sending' });
  if (task.state !== 'claiming') task = ctx.note(task, { state: 'claiming' });
  const imap = ctx.imap(task.spec.serviceId);
  const known = new Set(claim.knownAnswers);
  const foreign = (answers: Array<{ messageId: string | null; agent: string | null }>) =>
    answers.filter((a) => a.messageId !== task.messageId && (a.messageId === null || !known.has(a.messageId)));

  // Someone answered since the agent looked: their Sent copy is the record.
  const sent = await imap.sentMailbox();
  const answeredInSent = foreign(await imap.inMailbox(sent, (c) => teamAnswers(c, task.spec.ticketId)));
  if (answeredInSent.length > 0) return lose(task, ctx, answeredInSent.at(-1)?.agent ?? null);

  const knownKeywords = claim.knownKeywords.map((k) => k.toLowerCase());
  const recovering = task.phase === 'claimStarted';
  const winnerName = () => imap.inMailbox('INBOX', (c) => witnessAgent(c, task, known));
  for (let attempt = 1; ; attempt++) {
    const anchor = await imap.inMailbox('INBOX', (c) => readAnchor(c, claim));
    if (anchor === null) throw new PermanentTaskError("The customer's message is no longer in the service INBOX.");
    const claimed = hasKeyword(anchor.flags, GuichetKeyword.claim);
    const moved = STATE_KEYWORDS.some((k) => hasKeyword(anchor.flags, k) && !knownKeywords.includes(k.toLowerCase()));
    // Back from a crash between our STORE and its record: a claim on the anchor with no other
    // answer in Sent is taken to be ours. Wrong only if another agent claimed the same ticket in
    // that same instant; never a lost task.
    if (recovering && attempt === 1 && claimed && !moved) break;
    if (claimed || moved) return lose(task, ctx, await winnerName());
    // The intent is on disk before the STORE, and no mailbox lock is held across the fsync.
    if (task.phase !== 'claimStarted') task = await ctx.save(task, { phase: 'claimStarted', claimModseq: anchor.modseq.toString() });
    const outcome = await imap.inMailbox('INBOX', (c) => conditionalAddFlag(c, anchor.uid, anchor.modseq, GuichetKeyword.claim));
    if (outcome === 'won') break;
    // [MODIFIED]: someone changed the anchor since we read it. Read it again: a claim or a new
    // state keyword means we lost; anything else (\Seen set by a reader) is worth another try.
    if (attempt >= 3) return lose(task, ctx, await winnerName());
  }
  // Written with the next step's record: a crash before it finds our claim and takes it as ours.
  return ctx.note(task, { phase: 'claimed', state: 'sending' });
}

/** The winner's name from its witness copy in INBOX, when it is already there. */
async function witnessAgent(client: Parameters<typeof teamAnswers>[0], task: OutboxTask, known: Set<string>): Promise<string | null> {
  const answers = await teamAnswers(client, task.spec.ticketId);
  const other = answers.filter((a) => a.messageId !== task.messageId && (a.messageId === null || !known.has(a.messageId)));
  return other.at(-1)?.agent ?? null;
}

function lose(task: OutboxTask, ctx: PipelineContext, winner: string | null): Promise<OutboxTask> {
  ctx.log.info('outbox: claim lost', { taskId: task.id, ticketId: task.spec.ticketId, winner });
  return ctx.save(task, { state: 'lostClaim', lostTo: winner ?? 'another agent', finishedAt: ctx.clock().toISOString(), raw: null });
}

// ---- transfer copy --------------------------------------------------------------------------

async function copyTransfer(task: OutboxTask, ctx: PipelineContext): Promise<OutboxTask> {
  const transfer = task.spec.transfer;
  const resentId = task.resentMessageId;
  if (!transfer || resentId === null) return ctx.save(task, { phase: 'transferDone' });
  const original = await ctx.readRaw(transfer.rawSource);
  if (task.resentBlock === null) {
    const block = resentBlock({ from: serviceAddress(task), to: transfer.targetAddress, date: ctx.clock(), messageId: resentId }, lineEndingOf(original));
    task = await ctx.save(task, { phase: 'transferStarted', resentBlock: block, state: 'sending' });
  }
  const copy = prependResent(original, task.resentBlock ?? '');
  if (transfer.targetServiceId !== null) {
    const target = ctx.imap(transfer.targetServiceId);
    await target.inMailbox('INBOX', (c) => appendOnce(c, 'INBOX', copy, ResentHeader.messageId, resentId, []));
  } else {
    const settled = await deliverOnce(task, ctx, {
      raw: copy,
      recipients: [transfer.targetAddress],
      witnessHeader: ResentHeader.messageId,
      witnessValue: resentId,
      attemptField: 'redirectAttemptAt',
    });
    return ctx.save(settled.task, { ...settled.changes, phase: 'transferDone' });
  }
  return ctx.save(task, { phase: 'transferDone' });
}

// ---- SMTP, exactly once ---------------------------------------------------------------------

async function sendMail(task: OutboxTask, ctx: PipelineContext): Promise<OutboxTask> {
  if (task.raw === null) task = ctx.note(task, { raw: await buildMime(task.spec, task.messageId, ctx.clock()), state: 'sending' });
  const settled = await deliverOnce(task, ctx, {
    raw: task.raw ?? '',
    recipients: task.spec.mail.to.map((a) => a.address),
    witnessHeader: 'Message-ID',
    witnessValue: task.messageId,
    attemptField: 'smtpAttemptAt',
  });
  return ctx.save(settled.task, { ...settled.changes, phase: 'smtpAccepted', state: 'appending' });
}

interface Delivery {
  raw: string | Buffer;
  recipients: string[];
  witnessHeader: string;
  witnessValue: string;
  attemptField: 'smtpAttemptAt' | 'redirectAttemptAt';
}

/**
 * Hands the message to SMTP at most once, as seen by the recipients.
 *
 * The service's own address is an extra ENVELOPE recipient (never in the headers), so a message
 * the server accepted always leaves a witness copy in the service INBOX. The attempt time is
 * persisted before SMTP starts; an attempt whose outcome is unknown (a crash, a reset during
 * DATA) is settled on the next run by looking for the witness (INBOX, and Sent in case it was
 * filed) until `acceptanceGraceMs` after the attempt, and only then is the message sent again.
 *
 * Trade-off: a witness slower than the grace period (the server accepted but its local delivery
 * was deferred) leads to a second send; a longer grace only delays recovery. The price is one
 * extra copy per answer in the service INBOX, which carries the X-Guichet-* stamps and the same
 * Message-ID as the Sent copy, so threading merges the two.
 */
async function deliverOnce(task: OutboxTask, ctx: PipelineContext, delivery: Delivery): Promise<{ task: OutboxTask; changes: Partial<OutboxTask> }> {
  const imap = ctx.imap(task.spec.serviceId);
  const previous = task[delivery.attemptField];
  if (previous !== null) {
    const accepted = await witnessArrives(imap, ctx, delivery, Date.parse(previous) + ctx.acceptanceGraceMs);
    if (accepted) {
      ctx.log.info('outbox: earlier attempt was accepted', { taskId: task.id, header: delivery.witnessHeader });
      return { task, changes: { [delivery.attemptField]: null, smtpResponse: 'accepted (witness copy found)' } };
    }
    ctx.log.warn('outbox: no witness of an earlier attempt, sending again', { taskId: task.id, header: delivery.witnessHeader, value: delivery.witnessValue, attemptAt: previous });
  }
  task = await ctx.save(task, { [delivery.attemptField]: ctx.clock().toISOString(), state: 'sending' });
  const own = serviceAddress(task);
  let outcome;
  try {
    outcome = await ctx.smtp(task.spec.serviceId).sendRaw(delivery.raw, { from: own, to: [...delivery.recipients, own] });
  } catch (error) {
    if (certainlyNotAccepted(error)) await ctx.save(task, { [delivery.attemptField]: null });
    throw error;
  }
  const refused = outcome.rejected.filter((r) => r.address.toLowerCase() !== own.toLowerCase());
  if (refused.length > 0) {
    // The witness may have its copy, but the customer does not: never count that as accepted.
    await ctx.save(task, { [delivery.attemptField]: null });
    const first = refused[0];
    const response = first?.response ?? 'Recipient refused';
    const code = first?.responseCode ?? null;
    if (code !== null && code >= 500 && code !== 503) throw new PermanentTaskError(response);
    throw Object.assign(new Error(response), { responseCode: code ?? 451, response });
  }
  if (outcome.rejected.length > 0) ctx.log.warn('outbox: the service refused its own witness copy', { taskId: task.id });
  // Not saved here: the caller records acceptance together with the next phase, in one write, so
  // no crash can leave "no attempt pending" without "accepted" (that would send twice).
  return { task, changes: { [delivery.attemptField]: null, smtpResponse: outcome.response } };
}

async function witnessArrives(imap: ServiceImap, ctx: PipelineContext, delivery: Delivery, deadlineMs: number): Promise<boolean> {
  const sent = await imap.sentMailbox();
  for (;;) {
    const inInbox = await imap.inMailbox('INBOX', (c) => searchHeader(c, delivery.witnessHeader, delivery.witnessValue));
    if (inInbox.length > 0) return true;
    const inSent = await imap.inMailbox(sent, (c) => searchHeader(c, delivery.witnessHeader, delivery.witnessValue));
    if (inSent.length > 0) return true;
    const left = deadlineMs - ctx.clock().getTime();
    if (left <= 0) return false;
    await ctx.sleep(Math.min(ctx.witnessPollMs, left));
  }
}

// ---- Sent and keywords ----------------------------------------------------------------------

async function fileInSent(task: OutboxTask, ctx: PipelineContext): Promise<OutboxTask> {
  const imap = ctx.imap(task.spec.serviceId);
  const sent = await imap.sentMailbox();
  const raw = task.raw;
  if (raw !== null) await imap.inMailbox(sent, (c) => appendOnce(c, sent, raw, 'Message-ID', task.messageId, ['\\Seen']));
  // Not worth an fsync: after a crash, appendOnce finds the copy and does not append it twice.
  return ctx.note(task, { phase: 'filed' });
}

async function setStateKeywords(task: OutboxTask, ctx: PipelineContext): Promise<OutboxTask> {
  const claim = task.spec.claim;
  if (claim !== null) {
    const add = [...task.spec.keywords.add];
    if (task.spec.action === 'transfer' && !add.some((k) => hasKeyword([k], GuichetKeyword.transferred))) add.push(GuichetKeyword.transferred);
    const remove = [...task.spec.keywords.remove.filter((k) => !add.includes(k)), GuichetKeyword.claim];
    await ctx.imap(task.spec.serviceId).inMailbox('INBOX', async (client) => {
      const anchor = await readAnchor(client, claim);
      if (anchor === null) return;
      // State first, then release: nobody ever sees the ticket with neither.
      if (add.length > 0) await client.messageFlagsAdd(String(anchor.uid), add, { uid: true });
      await client.messageFlagsRemove(String(anchor.uid), remove, { uid: true });
    });
  }
  return ctx.save(task, { phase: 'done', state: 'done', error: null, retryable: false, finishedAt: ctx.clock().toISOString(), raw: null });
}

/** Best effort after a permanent failure: let another agent answer. */
export async function releaseClaim(task: OutboxTask, ctx: PipelineContext): Promise<void> {
  const claim = task.spec.claim;
  if (claim === null || task.phase === 'created') return;
  await ctx.imap(task.spec.serviceId).inMailbox('INBOX', async (client) => {
    const anchor = await readAnchor(client, claim);
    if (anchor !== null) await client.messageFlagsRemove(String(anchor.uid), [GuichetKeyword.claim], { uid: true });
  });
}
