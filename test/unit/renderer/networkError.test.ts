import { describe, expect, it } from 'vitest';
import { networkErrorOf } from '../../../src/renderer/src/state/networkError';

describe('networkErrorOf', () => {
  it.each([
    ['connect ECONNREFUSED 127.0.0.1:21284', 'refused', '127.0.0.1:21284'],
    ['getaddrinfo ENOTFOUND imap.example.invalid', 'notFound', 'imap.example.invalid'],
    ['connect ETIMEDOUT 10.0.0.5:993', 'timeout', '10.0.0.5:993'],
    ['read ECONNRESET', 'reset', ''],
  ])('reads "%s" as %s', (message, kind, where) => {
    expect(networkErrorOf(message)).toEqual({ kind, where });
  });

  it("leaves a server's own reason alone", () => {
    expect(networkErrorOf('550 5.1.1 <lea@example.fr>: Recipient address rejected: User unknown')).toBeNull();
    expect(networkErrorOf('Authentication failed.')).toBeNull();
  });
});
