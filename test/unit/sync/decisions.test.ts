import { describe, expect, it } from 'vitest';
import {
  canSkipSync, canUseCondstore, canUseQresync, diffUids, hasUidValidityChanged, isAuthFailure, needsExpungeScan,
  planResync, sameFlags, serverReasonOf, toUidSet, type ServerFolderStatus,
} from '../../../src/main/core/sync/decisions';
import type { FolderSyncState } from '../../../src/main/core/sync/syncTarget';

const local: FolderSyncState = { uidValidity: 7, highestModseq: '100', uidNext: 50, lastSyncAt: '2026-11-20T10:00:00.000Z' };
const server: ServerFolderStatus = { uidValidity: 7, highestModseq: '120', uidNext: 52, exists: 40 };
const all = { condstore: true, qresync: true };

describe('planResync', () => {
  it.each([
    { name: 'never synced', l: null, s: server, f: all, plan: { kind: 'initial' } },
    { name: 'UIDVALIDITY changed', l: local, s: { ...server, uidValidity: 8 }, f: all, plan: { kind: 'rebuild' } },
    { name: 'nothing moved', l: local, s: { ...server, highestModseq: '100', uidNext: 50 }, f: all, plan: { kind: 'unchanged' } },
    { name: 'QRESYNC', l: local, s: server, f: all, plan: { kind: 'qresync', since: '100' } },
    { name: 'CONDSTORE only', l: local, s: server, f: { condstore: true, qresync: false }, plan: { kind: 'condstore', since: '100' } },
    { name: 'no CONDSTORE', l: local, s: server, f: { condstore: false, qresync: false }, plan: { kind: 'uidRange' } },
    { name: 'NOMODSEQ mailbox', l: local, s: { ...server, highestModseq: null }, f: all, plan: { kind: 'uidRange' } },
    { name: 'no modseq saved', l: { ...local, highestModseq: null }, s: server, f: all, plan: { kind: 'uidRange' } },
  ])('$name', ({ l, s, f, plan }) => {
    expect(planResync(l, s, f)).toEqual(plan);
  });

  it('never skips without mod-sequences on both sides', () => {
    expect(canSkipSync({ ...local, highestModseq: null }, { ...server, highestModseq: null, uidNext: 50 })).toBe(false);
    expect(canSkipSync(null, server)).toBe(false);
  });
});

describe('small decisions', () => {
  it('hasUidValidityChanged', () => {
    expect(hasUidValidityChanged(null, server)).toBe(false);
    expect(hasUidValidityChanged(local, server)).toBe(false);
    expect(hasUidValidityChanged(local, { ...server, uidValidity: 1 })).toBe(true);
  });

  it('canUseQresync needs QRESYNC enabled and modseqs on both sides', () => {
    expect(canUseQresync(all, local, server)).toBe(true);
    expect(canUseQresync({ condstore: true, qresync: false }, local, server)).toBe(false);
    expect(canUseQresync(all, { ...local, highestModseq: null }, server)).toBe(false);
    expect(canUseCondstore({ condstore: false, qresync: true }, local, server)).toBe(false);
  });

  it('needsExpungeScan compares counts', () => {
    expect(needsExpungeScan(40, 2, 42)).toBe(false);
    expect(needsExpungeScan(40, 2, 41)).toBe(true);
  });

  it('isAuthFailure tells refused credentials from network trouble', () => {
    expect(isAuthFailure({ authenticationFailed: true })).toBe(true);
    expect(isAuthFailure({ serverResponseCode: 'AUTHENTICATIONFAILED' })).toBe(true);
    expect(isAuthFailure({ response: '2 NO [AUTHENTICATIONFAILED] Authentication failed.' })).toBe(true);
    expect(isAuthFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isAuthFailure({ serverResponseCode: 'UNAVAILABLE', response: '2 NO [UNAVAILABLE] Try later' })).toBe(false);
    expect(isAuthFailure(null)).toBe(false);
  });

  it("serverReasonOf keeps the server's words", () => {
    expect(serverReasonOf({ response: '2 NO [AUTHENTICATIONFAILED] Authentication failed.' })).toBe('Authentication failed.');
    expect(serverReasonOf(new Error('Connection closed'))).toBe('Connection closed');
    expect(serverReasonOf('x')).toBe('x');
  });

  it('toUidSet compresses runs', () => {
    expect(toUidSet([5, 1, 2, 3, 9, 7, 8, 3])).toBe('1:3,5,7:9');
    expect(toUidSet([])).toBe('');
  });

  it('diffUids', () => {
    expect(diffUids([1, 2, 3, 5], [2, 3, 4, 5, 6])).toEqual({ missing: [4, 6], gone: [1] });
  });

  it('sameFlags ignores order, case of system flags and \\Recent', () => {
    expect(sameFlags(['\\Seen', 'gx_claimed'], ['gx_claimed', '\\SEEN', '\\Recent'])).toBe(true);
    expect(sameFlags(['gx_claimed'], ['GX_CLAIMED'])).toBe(false);
    expect(sameFlags(['\\Seen'], [])).toBe(false);
  });
});
