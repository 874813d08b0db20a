import { describe, expect, it } from 'vitest';
import { TicketCard } from '../../../src/shared/views';
import { CARD_KEYS, isExactCardList, isExactTicketCard } from '../../../src/main/core/tickets/cardCheck';
import { card } from '../renderer/cardFixture';

// The host's quick output check for tickets.list must agree with the TicketCard schema: it may
// refuse more (zod then decides), never accept what zod refuses or would strip.

const rich = card({
  ticketId: 'GX-7K2M9Q',
  language: null,
  clock: { kind: 'transfer', dueAt: '2026-11-19T10:00:00.000Z', remainingBusinessHours: -2.5, status: 'overdue' },
  serial: 'ST-AAAA-BBBB-CCCC',
  serialStatus: 'verified',
  misroute: { suggested: 'consumer', suggestedServiceId: null, confidence: 0.7, evidence: [{ word: 'commande', weight: 1.5, favours: 'consumer' }] },
  form: { form: 'technical', fields: { productVersion: '1.2', serial: 'ST-AAAA' }, missing: ['errorCode'] },
  hasAttachments: true,
  actingAgent: 'Marie',
  lastAction: { action: 'acknowledge', actor: 'Marie', at: '2026-11-18T10:00:00.000Z' },
});

const WRONG: unknown[] = [undefined, null, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', 'GX-0000I0', '2026-11-18', '2026-11-18T10:00:00.000+01:00', true, [], {}, [1], [{}], ['serial'], { productVersion: 1 }, { nope: 'x' }];

function* variants(value: unknown, path: string[] = []): Generator<{ label: string; mutate: (root: unknown) => unknown }> {
  const set = (root: unknown, replace: (inner: unknown) => unknown, at: string[]): unknown => {
    if (at.length === 0) return replace(root);
    const [head, ...rest] = at as [string, ...string[]];
    if (Array.isArray(root)) return root.map((item, i) => (String(i) === head ? set(item, replace, rest) : item));
    return { ...(root as object), [head]: set((root as Record<string, unknown>)[head], replace, rest) };
  };
  for (const wrong of WRONG) yield { label: `${path.join('.')}=${String(wrong)}`, mutate: (root) => set(root, () => wrong, path) };
  if (value !== null && typeof value === 'object') {
    if (!Array.isArray(value)) {
      yield { label: `${path.join('.')} + extra`, mutate: (root) => set(root, (inner) => ({ ...(inner as object), extra: 1 }), path) };
      for (const key of Object.keys(value)) {
        yield { label: `${path.join('.')} - ${key}`, mutate: (root) => set(root, (inner) => { const { [key]: _gone, ...rest } = inner as Record<string, unknown>; return rest; }, path) };
      }
    }
    for (const [key, inner] of Object.entries(value)) yield* variants(inner, [...path, key]);
  }
}

/** JSON with sorted keys, `undefined` kept visible: equal only for the same content. */
function canonical(value: unknown): string {
  if (value === undefined) return '"<undefined>"';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return typeof value === 'number' && !Number.isFinite(value) ? `"${String(value)}"` : JSON.stringify(value);
}

/** A tickets.list answer around `tickets`. */
const page = (tickets: unknown[]) => ({ tickets, total: tickets.length, cursor: null, provisional: false });

describe('host: the quick check of tickets.list cards', () => {
  it('knows every key of TicketCard', () => {
    expect([...CARD_KEYS].sort()).toEqual(Object.keys(TicketCard.shape).sort());
  });

  it('accepts valid cards, which zod returns unchanged', () => {
    for (const value of [rich, card({ ticketId: 'GX-000000' })]) {
      expect(isExactTicketCard(value)).toBe(true);
      expect(TicketCard.parse(value)).toEqual(value);
    }
    expect(isExactCardList(page([rich]))).toBe(true);
    expect(isExactCardList(page([]))).toBe(true);
  });

  it('never accepts a card that zod refuses or would change', () => {
    let refused = 0;
    for (const { label, mutate } of variants(rich)) {
      const value = mutate(rich);
      const parsed = TicketCard.safeParse(value);
      const unchanged = parsed.success && canonical(parsed.data) === canonical(value);
      if (!parsed.success) refused++;
      if (!unchanged || !parsed.success) expect(isExactTicketCard(value), label).toBe(false);
    }
    expect(refused).toBeGreaterThan(300);
  });

  it('refuses a list with anything else than cards, or another key', () => {
    expect(isExactCardList(page([rich, { ...rich, state: 'lost' }]))).toBe(false);
    expect(isExactCardList({ ...page([rich]), more: true })).toBe(false);
    expect(isExactCardList({ tickets: [rich] })).toBe(false);
    expect(isExactCardList({ ...page([rich]), total: -1 })).toBe(false);
    expect(isExactCardList({ ...page([rich]), provisional: 'no' })).toBe(false);
    expect(isExactCardList({ ...page([]), tickets: 'all' })).toBe(false);
    expect(isExactCardList(null)).toBe(false);
  });
});
