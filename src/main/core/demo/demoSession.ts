import { join } from 'node:path';
import type { MailMessage } from '../../../shared/domain';
import { GuichetKeyword } from '../../../shared/keywords';
import type { ServiceSummary } from '../../../shared/views';
import { parseMessage } from '../mail/parse';
import type { ActionPlan } from '../workspace/workspaceBackend';
import { loadDemoWorkspace } from './loadDemo';

// The demo workspace in memory: its mails parsed once, and the team's simulated answers
// added as if they had come back from Sent. Nothing is sent anywhere.

export interface DemoSession {
  services: ServiceSummary[];
  agentName: string;
  frozenNow: Date;
  serialsCsv: string | null;
  messages(): readonly MailMessage[];
  /** The demo mail's bytes as shipped in resources/demo. */
  rawSource(id: string): Buffer | null;
  /** Adds the answer an action would have sent, and the transferred copy for a transfer. */
  recordAnswer(answer: DemoAnswer): void;
}

export interface DemoAnswer extends ActionPlan {
  at: Date;
  messageId: string;
}

export async function openDemoSession(resourcesDir: string, dataDir: string): Promise<DemoSession> {
  const demo = await loadDemoWorkspace(join(resourcesDir, 'demo'));
  const messages: MailMessage[] = [];
  const raws = new Map<string, Buffer>();
  for (const mail of demo.mails) {
    const parsed = await parseMessage(mail.raw, {
      serviceId: mail.serviceId,
      folder: 'inbox',
      attachmentDir: join(dataDir, 'demo-attachments', mail.id.replace(/[^a-z0-9-]/gi, '_')),
    });
    messages.push(parsed.message);
    raws.set(parsed.message.id, mail.raw);
  }

  return {
    services: demo.services,
    agentName: demo.agentName,
    frozenNow: demo.now,
    serialsCsv: demo.serialsCsv,
    messages: () => messages,
    rawSource: (id) => raws.get(id) ?? null,
    recordAnswer(answer) {
      const at = answer.at.toISOString();
      const anchorIndex = messages.findIndex((m) => m.id === answer.anchor.id);
      const keyword = answer.action === 'transfer' ? GuichetKeyword.transferred : null;
      if (keyword && anchorIndex >= 0) {
        const anchor = messages[anchorIndex] as MailMessage;
        messages[anchorIndex] = { ...anchor, keywords: [...anchor.keywords, keyword] };
      }
      if (answer.action === 'transfer' && answer.target) {
        messages.push({
          ...answer.anchor,
          id: `${answer.anchor.id}@${answer.target.id}`,
          serviceId: answer.target.id,
          keywords: [],
          resent: { from: answer.service.address, to: answer.target.address, date: at, messageId: `<resent-${answer.messageId.slice(1)}` },
        });
      }
      const references = [...answer.anchor.references, ...(answer.anchor.messageId ? [answer.anchor.messageId] : [])];
      messages.push({
        id: `${answer.messageId}#demo`,
        serviceId: answer.service.id,
        folder: 'sent',
        messageId: answer.messageId,
        inReplyTo: answer.anchor.messageId,
        references,
        subject: answer.reply.subject,
        from: { name: answer.service.name, address: answer.service.address },
        to: [answer.card.customer],
        cc: [],
        date: at,
        keywords: [],
        text: answer.reply.text,
        html: null,
        attachments: [],
        stamp: {
          ticket: answer.card.ticketId,
          action: answer.action,
          agent: answer.agentName,
          ...(answer.target ? { targetService: answer.target.address } : {}),
        },
        resent: null,
        incomplete: false,
      });
    },
  };
}
