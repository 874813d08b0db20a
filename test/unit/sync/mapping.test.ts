import { describe, expect, it } from 'vitest';
import { resolveFolderPaths, type ListedMailbox } from '../../../src/main/core/sync/folders';
import { addressesOf, toSyncedMessage } from '../../../src/main/core/sync/messageMapping';

const box = (path: string, extra: Partial<ListedMailbox> = {}): ListedMailbox => ({ path, name: path.split('/').pop() ?? path, flags: new Set(), ...extra });

describe('resolveFolderPaths', () => {
  it('prefers SPECIAL-USE from the server over names', () => {
    expect(resolveFolderPaths([
      box('INBOX'), box('Sent'), box('Envoyés', { specialUse: '\\Sent', specialUseSource: 'extension' }),
      box('Archives', { specialUse: '\\Archive', specialUseSource: 'extension' }),
    ])).toEqual({ inbox: 'INBOX', sent: 'Envoyés', archive: 'Archives' });
  });

  it('falls back to well-known names, skips \\Noselect, and says null when absent', () => {
    expect(resolveFolderPaths([box('INBOX'), box('Sent Items'), box('Archive', { flags: new Set(['\\Noselect']) })]))
      .toEqual({ inbox: 'INBOX', sent: 'Sent Items', archive: null });
    expect(resolveFolderPaths([box('INBOX'), box('INBOX/Éléments envoyés', { name: 'Éléments envoyés' })]).sent).toBe('INBOX/Éléments envoyés');
  });
});

describe('toSyncedMessage', () => {
  const headers = Buffer.from([
    'Received: from x by y',
    'From: =?utf-8?Q?Z=C3=A9lie?= <zelie@client.test>',
    'To: "Service, technique" <st@guichet.test>, other@guichet.test',
    'Cc: <cc@client.test>',
    'Subject: =?utf-8?B?UGFubmUgZnJpZ28=?=',
    'Date: Mon, 16 Nov 2026 09:30:00 +0100 (CET)',
    'Message-ID: <m1@client.test>',
    'In-Reply-To: <m0@guichet.test>',
    'References: <a@x>',
    ' <m0@guichet.test>',
    'X-Guichet-Ticket: T-42',
    'X-Guichet-Action: acknowledge',
    'Resent-From: serviceconso@guichet.test',
    '', '',
  ].join('\r\n'), 'latin1');

  it('reads what the queue needs from the header block', () => {
    const m = toSyncedMessage({
      seq: 1, uid: 9, headers, flags: new Set(['\\Seen', '\\Recent', 'gx_claimed']), modseq: 77n,
      internalDate: new Date('2026-11-16T08:31:00Z'), size: 1234,
    }, 'inbox', 3);
    expect(m).toEqual({
      folder: 'inbox', uid: 9, uidValidity: 3,
      messageId: '<m1@client.test>', inReplyTo: '<m0@guichet.test>', references: ['<a@x>', '<m0@guichet.test>'],
      subject: 'Panne frigo',
      from: { name: 'Zélie', address: 'zelie@client.test' },
      to: [{ name: 'Service, technique', address: 'st@guichet.test' }, { name: '', address: 'other@guichet.test' }],
      cc: [{ name: '', address: 'cc@client.test' }],
      date: '2026-11-16T08:30:00.000Z', internalDate: '2026-11-16T08:31:00.000Z',
      flags: ['\\Seen'], keywords: ['gx_claimed'], modseq: '77', size: 1234,
      headers: { 'x-guichet-ticket': 'T-42', 'x-guichet-action': 'acknowledge', 'resent-from': 'serviceconso@guichet.test' },
    });
  });

  it('takes the size from the source when the FETCH carried the source and not RFC822.SIZE', () => {
    const source = Buffer.concat([headers, Buffer.from('Bonjour,\r\nle frigo ne refroidit plus.\r\n')]);
    const m = toSyncedMessage({ seq: 1, uid: 9, source, flags: new Set<string>(), internalDate: new Date('2026-11-16T08:31:00Z') }, 'inbox', 3);
    expect(m.size).toBe(source.length);
    expect(m.subject).toBe('Panne frigo');
  });

  it('survives a message without headers', () => {
    const m = toSyncedMessage({ seq: 1, uid: 1, internalDate: new Date('2026-01-01T00:00:00Z') }, 'sent', 1);
    expect(m).toMatchObject({ messageId: null, subject: '', from: { name: '', address: '' }, to: [], date: '2026-01-01T00:00:00.000Z', modseq: null });
  });

  it('addressesOf: fast path and fallback agree', () => {
    expect(addressesOf(['"Dupont, Jean" <jd@x.test>'])).toEqual([{ name: 'Dupont, Jean', address: 'jd@x.test' }]);
    expect(addressesOf(['Jean <jd@x.test>'])).toEqual([{ name: 'Jean', address: 'jd@x.test' }]);
    expect(addressesOf(['jd@x.test'])).toEqual([{ name: '', address: 'jd@x.test' }]);
    expect(addressesOf(['undisclosed-recipients:;'])).toEqual([]);
  });
});
