import { documentOptions, JsonDocument, type DocumentContext } from './jsonDocument';
import { layout } from './layout';
import { OutboxFile, OutboxTaskRecord } from './schemas';

/**
 * The persisted task list outbox/ builds on. Every change resolves only once it is on disk,
 * so an action is never acknowledged before it would survive a crash.
 */
export class OutboxStore {
  private constructor(private readonly doc: JsonDocument<OutboxFile>) {}

  static async open(dir: string, context: DocumentContext): Promise<OutboxStore> {
    const defaults: OutboxFile = { kind: 'outbox', tasks: [] };
    return new OutboxStore(await JsonDocument.open(layout.outbox(dir), defaults, documentOptions(OutboxFile, context)));
  }

  /** Tasks in the order they were first put. */
  list(): OutboxTaskRecord[] {
    return structuredClone(this.doc.data.tasks);
  }

  get(id: string): OutboxTaskRecord | undefined {
    const found = this.doc.data.tasks.find((task) => task.id === id);
    return found === undefined ? undefined : structuredClone(found);
  }

  /** Inserts or replaces by id (keeping its place in the order). */
  async put(task: OutboxTaskRecord): Promise<void> {
    const valid = OutboxTaskRecord.parse(task);
    const tasks = this.doc.data.tasks;
    const index = tasks.findIndex((existing) => existing.id === valid.id);
    if (index === -1) tasks.push(valid);
    else tasks[index] = valid;
    await this.doc.save();
  }

  /** Shallow-merges `changes` into an existing task; throws if there is none. */
  async update(id: string, changes: Partial<OutboxTaskRecord>): Promise<OutboxTaskRecord> {
    const tasks = this.doc.data.tasks;
    const index = tasks.findIndex((existing) => existing.id === id);
    const current = tasks[index];
    if (current === undefined) throw new Error(`No outbox task "${id}".`);
    const next = OutboxTaskRecord.parse({ ...current, ...changes, id });
    tasks[index] = next;
    await this.doc.save();
    return structuredClone(next);
  }

  async remove(id: string): Promise<boolean> {
    const before = this.doc.data.tasks.length;
    this.doc.data.tasks = this.doc.data.tasks.filter((task) => task.id !== id);
    if (this.doc.data.tasks.length === before) return false;
    await this.doc.save();
    return true;
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}
