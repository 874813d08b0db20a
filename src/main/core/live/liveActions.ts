import { readFile } from 'node:fs/promises';
import { ANSWER_KEYWORDS, GUICHET_KEYWORDS, GuichetKeyword } from '../../../shared/keywords';
import type { MailMessage } from '../../../shared/domain';
import type { OutboxTaskView } from '../../../shared/views';
import type { CoreEvents } from '../core';
import { createOutbox, PermanentTaskError, type MailEndpoint, type Outbox, type OutboxTaskSpec } from '../outbox';
import { secretKey, type SecretStore } from '../secrets/secretStore';
import type { Store } from '../store';
import type { ActionPlan } from '../workspace/workspaceBackend';

// From a click to an outbox task: the mail, the claim on the customer's message, the state
// keywords, and for a transfer the customer's original message.

const STATE_KEYWORD: Record<ActionPlan['action'], string> = {
  acknowledge: GuichetKeyword.acknowledged,
  update: GuichetKeyword.acknowledged,
  reopen: GuichetKeyword.acknowledged,
  proposal: GuichetKeyword.waiting,
  requestInfo: GuichetKeyword.waiting,
  requestSerial: GuichetKeyword.waiting,
  resolve: GuichetKeyword.resolved,
  transfer: GuichetKeyword.transferred,
};

/** The answer keywords are exclusive: an action sets its own and clears the others. */
export function stateKeywords(action: ActionPlan['action']): { add: string[]; remove: string[] } {
  const own = STATE_KEYWORD[action];
  return { add: [own], remove: ANSWER_KEYWORDS.filter((k) => k !== own) };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A plain HTML twin of the text part, for mail clients that prefer HTML. */
export function htmlOf(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body style="font-family:sans-serif">${paragraphs.join('\n')}</body></html>`;
}

export interface LiveActionsOptions {
  store: Store;
  secrets: SecretStore;
  clock: () => Date;
  events: CoreEvents;
  log: (line: string) => void;
  trustedCa?: string | undefined;
  undoMs: () => number;
  /** The raw source of a message, fetched from the server when it is not cached yet. */
  rawSourcePath: (message: MailMessage) => Promise<string>;
  onChanged: () => void;
}

export interface LiveActions {
  outbox: Outbox;
  perform(plan: ActionPlan): Promise<OutboxTaskView>;
  actingAgents(): ReadonlyMap<string, string>;
}

export function buildTaskSpec(plan: ActionPlan, store: Store, rawSource: string | null): OutboxTaskSpec {
  const { anchor, service, target, card, reply } = plan;
  const stored = store.messages.get(anchor.serviceId, anchor.id);
  const uid = stored?.uids.inbox;
  const uidValidity = store.syncState.get(anchor.serviceId)?.inbox?.uidValidity;
  const references = [...anchor.references, ...(anchor.messageId ? [anchor.messageId] : [])];
  return {
    ticketId: card.ticketId,
    action: plan.action,
    agentName: plan.agentName,
    serviceId: service.id,
    mail: {
      from: { name: service.name, address: service.address },
      to: [{ name: card.customer.name, address: card.customer.address }],
      // After a transfer the customer's next mail should go to the new service.
      replyTo: target?.address ?? service.address,
      subject: reply.subject,
      text: reply.text,
      html: htmlOf(reply.text),
      inReplyTo: anchor.messageId,
      references,
    },
    claim: uid !== undefined && uidValidity !== undefined
      ? { mailbox: 'INBOX', uid, uidValidity, messageId: anchor.messageId, knownKeywords: anchor.keywords.filter((k) => (GUICHET_KEYWORDS as readonly string[]).includes(k)), knownAnswers: plan.knownAnswers }
      : null,
    keywords: stateKeywords(plan.action),
    ...(plan.action === 'transfer' && target && rawSource
      ? { transfer: { targetServiceId: target.id, targetAddress: target.address, rawSource } }
      : {}),
  };
}

export function createLiveActions(options: LiveActionsOptions): LiveActions {
  const { store, secrets } = options;
  const endpoint = async (serviceId: string, protocol: 'imap' | 'smtp'): Promise<MailEndpoint> => {
    const service = store.services.get(serviceId);
    // Removed while the task waited: no retry can bring it back (a plain error would be retried forever).
    if (!service) throw new PermanentTaskError(`The service "${serviceId}" was removed from this computer: nothing was sent.`);
    const server = service[protocol];
    const password = (await secrets.get(secretKey(serviceId, protocol))) ?? (await secrets.get(secretKey(serviceId, 'imap'))) ?? '';
    return { host: server.host, port: server.port, secure: server.tls === 'tls', user: server.user, password, ...(options.trustedCa ? { ca: options.trustedCa } : {}) };
  };
  const acting = new Map<string, string>();
  const outbox = createOutbox({
    store: store.outbox,
    connections: { imap: (id) => endpoint(id, 'imap'), smtp: (id) => endpoint(id, 'smtp') },
    clock: options.clock,
    undoMs: options.undoMs,
    log: { info: (m) => options.log(`[outbox] ${m}`), warn: (m) => options.log(`[outbox] ${m}`) },
    readRawSource: (path) => readFile(path),
    onTaskChange: (task) => {
      if (['done', 'failed', 'cancelled', 'lostClaim'].includes(task.state)) acting.delete(task.ticketId);
      options.events.emit('outbox.changed', { task });
      if (task.state === 'lostClaim') {
        options.events.emit('notice', { level: 'warning', code: 'lostClaim', message: task.error ?? 'Another agent answered this ticket first; nothing was sent.', ticketId: task.ticketId });
      } else if (task.state === 'failed') {
        options.events.emit('notice', { level: 'error', code: 'sendFailed', message: task.error ?? 'The mail could not be sent.', ticketId: task.ticketId });
      }
      options.onChanged();
    },
  });
  return {
    outbox,
    async perform(plan) {
      const rawSource = plan.action === 'transfer' ? await options.rawSourcePath(plan.anchor) : null;
      const task = await outbox.enqueue(buildTaskSpec(plan, store, rawSource));
      acting.set(plan.card.ticketId, plan.agentName);
      return task;
    },
    actingAgents: () => acting,
  };
}
