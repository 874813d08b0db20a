/** Union-find over dense integer nodes, with path halving and union by size. */
export class DisjointSets {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];

  /** How many nodes there are (the next node's number). */
  get count(): number {
    return this.parent.length;
  }

  add(): number {
    const node = this.parent.length;
    this.parent.push(node);
    this.size.push(1);
    return node;
  }

  find(node: number): number {
    let current = node;
    for (;;) {
      const parent = this.parent[current] ?? current;
      if (parent === current) return current;
      const grandparent = this.parent[parent] ?? parent;
      this.parent[current] = grandparent;
      current = grandparent;
    }
  }

  union(a: number, b: number): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return;
    if ((this.size[rootA] ?? 1) < (this.size[rootB] ?? 1)) {
      const swap = rootA;
      rootA = rootB;
      rootB = swap;
    }
    this.parent[rootB] = rootA;
    this.size[rootA] = (this.size[rootA] ?? 1) + (this.size[rootB] ?? 1);
  }
}
