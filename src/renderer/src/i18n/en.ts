export const en = {
  appName: 'Guichet',
  demoBanner: 'Demo workspace — sample mails only; nothing is sent. Add your service mailboxes in Settings to start.',
  loading: 'Loading…',
  loadFailed: 'Guichet could not load your workspace: {{message}}',
  queue: { count_one: '{{count}} mail', count_other: '{{count}} mails', empty: 'No mail in this queue.' },
  card: { attachment: 'attachment', incomplete: 'could not be read completely' },
  reader: { close: 'Close', to: 'To', from: 'From', attachments: 'Attachments', pick: 'Select a mail to read it.' },
  language: 'Language',
  kinds: { technical: 'Technical', consumer: 'Consumer', other: 'Other' },
};
export type Messages = typeof en;
