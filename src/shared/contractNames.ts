// The contract's method and event names, with no dependency at all, so the
// sandboxed preload can allow-list them without bundling zod. api.ts checks
// at compile time that these lists match its schemas exactly.

export const METHOD_NAMES = [
  'workspace.get',
  'tickets.list',
  'tickets.get',
  'tickets.explainDeadline',
  'tickets.acknowledge',
  'tickets.transferAndNotify',
  'tickets.sendUpdate',
  'tickets.sendProposal',
  'tickets.requestMissingInfo',
  'tickets.requestSerial',
  'tickets.resolve',
  'tickets.reopen',
  'tickets.correctRouting',
  'tickets.previewTemplate',
  'outbox.list',
  'outbox.undo',
  'outbox.retry',
  'message.get',
  'message.attachment',
  'services.list',
  'services.add',
  'services.edit',
  'services.test',
  'services.remove',
  'settings.get',
  'settings.update',
  'calendar.preview',
  'serials.import',
  'serials.summary',
  'templates.defaults',
  'sync.states',
] as const;

export const EVENT_NAMES = ['tickets.changed', 'sync.state', 'outbox.changed', 'notice'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
