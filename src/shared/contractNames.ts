// The contract's method and event names, with no dependency at all, so the
// sandboxed preload can allow-list them without bundling zod. api.ts checks
// at compile time that these lists match its schemas exactly.

export const METHOD_NAMES = [
  'workspace.get',
  'queue.list',
  'message.get',
] as const;

export const EVENT_NAMES = ['queue.changed', 'sync.state'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
