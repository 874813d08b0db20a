import { join } from 'node:path';
import type { ContractHandlers, MessageView, QueueCard, ServiceSummary } from '../../shared/api';
import { GuichetError } from './errors';
import { loadDemoWorkspace, parseDemoMail } from './demo/loadDemo';

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  /** Injected time: core never reads the wall clock directly. */
  clock?: () => Date;
  log?: (line: string) => void;
}

export interface Core {
  handlers: ContractHandlers;
  close(): Promise<void>;
}

function snippetOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}

/** Builds the object that implements the contract. Nothing connects until asked. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const demo = await loadDemoWorkspace(join(options.resourcesDir, 'demo'));
  const messages = new Map<string, MessageView>();
  for (const mail of demo.mails) {
    const parsed = await parseDemoMail(mail);
    messages.set(parsed.id, {
      ...parsed,
      snippet: snippetOf(parsed.text),
      hasAttachments: parsed.attachments.length > 0,
      incomplete: false,
    });
  }
  const services: ServiceSummary[] = demo.services;

  const toCard = (m: MessageView): QueueCard => ({
    id: m.id, serviceId: m.serviceId, subject: m.subject, from: m.from, receivedAt: m.receivedAt,
    snippet: m.snippet, hasAttachments: m.hasAttachments, incomplete: m.incomplete,
  });

  const handlers: ContractHandlers = {
    'workspace.get': async () => ({ demo: true, agentName: demo.agentName, services }),
    'queue.list': async ({ serviceId }) => ({
      cards: [...messages.values()]
        .filter((m) => serviceId === undefined || m.serviceId === serviceId)
        .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
        .map(toCard),
    }),
    'message.get': async ({ id }) => {
      const message = messages.get(id);
      if (!message) throw new GuichetError('not_found', `No message ${id} in this workspace.`);
      return message;
    },
  };
  return { handlers, close: async () => {} };
}
