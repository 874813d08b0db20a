import { describe, expect, it } from 'vitest';
import { actionAvailability, actionForKey, ACTION_SHORTCUTS, DESK_ACTIONS } from '../../../src/renderer/src/state/actionRules';
import { card } from './cardFixture';

describe('desk actions', () => {
  it('has one distinct shortcut per action, none clashing with navigation keys', () => {
    const keys = DESK_ACTIONS.map((a) => ACTION_SHORTCUTS[a]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of ['j', 'k', 'h', 'l', '?', '/']) expect(actionForKey(key)).toBeNull();
    expect(actionForKey('a')).toBe('acknowledge');
    expect(actionForKey('t')).toBe('transfer');
  });

  it('says why an action is off: someone acting, already acknowledged, waiting on the customer, no other service', () => {
    expect(actionAvailability(card({ ticketId: 'GX-000001', actingAgent: 'Marie' }), 'acknowledge', 1)).toEqual({ enabled: false, reason: { code: 'inProgress', by: 'Marie' } });
    expect(actionAvailability(card({ ticketId: 'GX-000001', state: 'acknowledged', lastAction: { action: 'acknowledge', actor: 'Marie', at: '2026-11-20T09:58:00Z' } }), 'acknowledge', 1))
      .toEqual({ enabled: false, reason: { code: 'alreadyAcknowledged', by: 'Marie', at: '2026-11-20T09:58:00Z' } });
    expect(actionAvailability(card({ ticketId: 'GX-000001', state: 'waitingOnCustomer' }), 'update', 1)).toMatchObject({ enabled: false, reason: { code: 'waitingOnCustomer' } });
    expect(actionAvailability(card({ ticketId: 'GX-000001' }), 'transfer', 0)).toEqual({ enabled: false, reason: { code: 'noOtherService' } });
    expect(actionAvailability(card({ ticketId: 'GX-000001' }), 'acknowledge', 1)).toEqual({ enabled: true });
    expect(actionAvailability(card({ ticketId: 'GX-000001', state: 'resolved' }), 'reopen', 1)).toEqual({ enabled: true });
    expect(actionAvailability(card({ ticketId: 'GX-000001' }), 'reopen', 1)).toMatchObject({ enabled: false, reason: { code: 'notResolved' } });
  });
});
