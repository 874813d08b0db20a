import { contract, type EventPayload } from '../../shared/api';
import type { EventName } from '../../shared/contractNames';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans core's change events out to every connected UI, validated against the contract. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (this.listeners.size === 0) return; // no UI connected: nothing to validate or send
    const parsed = contract.events[name].safeParse(payload);
    if (!parsed.success) {
      this.log(`dropped invalid ${name} event: ${parsed.error.message}`);
      return;
    }
    for (const listener of this.listeners) listener(name, parsed.data);
  }
}
