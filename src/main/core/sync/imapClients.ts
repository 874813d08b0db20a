import { ImapFlow, type ExpungeEvent, type ImapFlowOptions } from 'imapflow';
import type { ExpungeLedger } from './folderSync';
import type { ImapEndpoint, ServiceSyncOptions } from './serviceSyncApi';

// The two IMAP clients of a sync session. imapflow never reconnects: each session makes new ones.
//  - command: every fetch and search, no auto-IDLE, expunges recorded in the session's ledger;
//  - idle: only listens on INBOX; imapflow renews its IDLE every 4 minutes (maxIdleTime), well
//    inside the 30 minutes RFC 2177 lets a server wait and the usual NAT timeouts.

export function imapClient(imap: ImapEndpoint, extensions: ServiceSyncOptions['extensions'], kind: 'command' | 'idle', ledger: ExpungeLedger | null): ImapFlow {
  const ext = extensions ?? {};
  const opts: ImapFlowOptions = {
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
    tls: imap.ca !== undefined ? { ca: [imap.ca] } : undefined,
    qresync: ext.qresync !== false && ext.condstore !== false,
    disableAutoEnable: ext.condstore === false,
    disableAutoIdle: kind === 'command',
    autoIdleDelay: 10,
    maxIdleTime: 4 * 60_000,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    ...(ledger ? { expungeHandler: (e: ExpungeEvent) => ledger.record(e) } : {}),
  };
  return new ImapFlow(opts);
}
