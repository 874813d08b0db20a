import type { ServiceKind } from '../../../shared/domain';

// The configured services, looked up by address and by id while tickets are derived. Built once
// per services array rather than once per ticket (37,000 tickets at a cold start).

export interface ServiceRef {
  id: string;
  kind: ServiceKind;
  address: string;
}

export interface ServiceIndex {
  services: readonly ServiceRef[];
  byAddress: Map<string, ServiceRef>;
  byId: Map<string, ServiceRef>;
  /** What the maps were built from, to notice an array edited in place. */
  seen: Array<{ ref: ServiceRef; id: string; address: string }>;
}

const indexes = new WeakMap<readonly ServiceRef[], ServiceIndex>();

function stillMatches(index: ServiceIndex, services: readonly ServiceRef[]): boolean {
  if (index.seen.length !== services.length) return false;
  for (let i = 0; i < services.length; i++) {
    const was = index.seen[i];
    const ref = services[i];
    if (was === undefined || ref !== was.ref || ref.id !== was.id || ref.address !== was.address) return false;
  }
  return true;
}

export function serviceIndex(services: readonly ServiceRef[]): ServiceIndex {
  const known = indexes.get(services);
  if (known !== undefined && stillMatches(known, services)) return known;
  // Later services win on a shared key, as `new Map(entries)` does.
  const byAddress = new Map<string, ServiceRef>();
  const byId = new Map<string, ServiceRef>();
  for (const s of services) {
    byAddress.set(s.address.trim().toLowerCase(), s);
    byId.set(s.id, s);
  }
  const index: ServiceIndex = { services, byAddress, byId, seen: services.map((ref) => ({ ref, id: ref.id, address: ref.address })) };
  indexes.set(services, index);
  return index;
}

export function isServiceAddress(index: ServiceIndex, address: string): boolean {
  return index.byAddress.has(address.trim().toLowerCase());
}

/** A service named by id or by address (a stamp's target), or null. */
export function resolveService(index: ServiceIndex, ref: string | undefined): ServiceRef | null {
  const key = ref?.trim() ?? '';
  return index.byId.get(key) ?? index.byAddress.get(key.toLowerCase()) ?? null;
}
