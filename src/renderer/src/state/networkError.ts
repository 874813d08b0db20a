// Node's network errors as an agent can read them. The outbox shows a task's last error: a server's
// own refusal ("550 mailbox unavailable") is shown as the server wrote it, but "connect
// ECONNREFUSED 127.0.0.1:993" says nothing to an agent. Pure, so it is unit-tested.

export type NetworkErrorKind = 'refused' | 'notFound' | 'timeout' | 'unreachable' | 'reset';

const KINDS: Record<string, NetworkErrorKind> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'notFound',
  EAI_AGAIN: 'notFound',
  ETIMEDOUT: 'timeout',
  ETIMEOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
};

/** The kind of a Node network error message, and the host (and port) it names; null for anything else. */
export function networkErrorOf(message: string): { kind: NetworkErrorKind; where: string } | null {
  const match = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ETIMEOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE)\b\s*([^\s,;]*)/.exec(message);
  if (!match) return null;
  const kind = KINDS[match[1] as string];
  return kind ? { kind, where: match[2] ?? '' } : null;
}
