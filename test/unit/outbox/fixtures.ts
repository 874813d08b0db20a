import type { OutboxTaskSpec } from '../../../src/main/core/outbox/taskSpec';

export const spec: OutboxTaskSpec = {
  ticketId: 'GX-7K2M9Q',
  action: 'transfer',
  agentName: 'Élodie',
  serviceId: 'svc-tech',
  mail: {
    from: { name: 'Service technique', address: 'servicetechnique@guichet.test' },
    to: [{ name: 'Client', address: 'customer1@client.test' }],
    replyTo: 'servicetechnique@guichet.test',
    subject: 'Re: Le jeu plante [GX-7K2M9Q]',
    text: 'Bonjour, votre demande est transmise.',
    html: '<p>Bonjour</p>',
    inReplyTo: '<c2@client.test>',
    references: ['<root@client.test>', '<c2@client.test>'],
  },
  claim: { mailbox: 'INBOX', uid: 12, uidValidity: 99, messageId: '<c2@client.test>', knownKeywords: [], knownAnswers: [] },
  keywords: { add: ['$GxTransferred'], remove: ['$GxAck'] },
  transfer: { targetServiceId: null, targetAddress: 'autre@partner.test', rawSource: '/tmp/x.eml' },
};
