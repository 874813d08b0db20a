// Recycled React keys for a virtualized list. Keyed by ticket, every card scrolled into view is a
// new DOM subtree and every card scrolled out is garbage: scrolling a 20,000-card queue left about
// 160 MB of Blink garbage in the renderer (bench/ui.ts). With slots, a card entering the view takes
// over the DOM of one that left, and React only patches its text and attributes.
// A card that stays in view keeps its slot even when its place in the queue changes (another
// desktop's action re-sorts the queue), so its DOM, and the keyboard focus in it, stay with it.

export class SlotKeys {
  private slotOf = new Map<string, number>();
  private slotCount = 0;

  /** The React key of each id, in order; ids are the ones rendered now and must be distinct. */
  assign(ids: readonly string[]): string[] {
    const next = new Map<string, number>();
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) next.set(id, slot);
    }
    const taken = new Set(next.values());
    const free: number[] = [];
    for (const slot of this.slotOf.values()) if (!taken.has(slot)) free.push(slot);
    free.sort((a, b) => b - a);
    for (const id of ids) {
      if (next.has(id)) continue;
      next.set(id, free.pop() ?? this.slotCount++);
    }
    this.slotOf = next;
    return ids.map((id) => `slot-${next.get(id) as number}`);
  }

  /** How many DOM subtrees the list has needed at most. */
  get size(): number {
    return this.slotCount;
  }
}
