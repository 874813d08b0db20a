import { z } from 'zod';
import { documentOptions, JsonDocument, type DocumentContext } from './jsonDocument';
import { layout } from './layout';
import {
  DEFAULT_SETTINGS,
  RoutingExample,
  RoutingExamplesFile,
  SerialRegistryFile,
  Settings,
  SettingsFile,
  ServicesFile,
  StoredService,
} from './schemas';

/** Kept small: the classifier wants recent habits, not the whole history. */
export const MAX_ROUTING_EXAMPLES = 2000;

export class SettingsStore {
  private constructor(private readonly doc: JsonDocument<z.infer<typeof SettingsFile>>) {}

  static async open(dir: string, context: DocumentContext): Promise<SettingsStore> {
    const defaults = { kind: 'settings' as const, settings: structuredClone(DEFAULT_SETTINGS) };
    return new SettingsStore(await JsonDocument.open(layout.settings(dir), defaults, documentOptions(SettingsFile, context)));
  }

  get(): Settings {
    return structuredClone(this.doc.data.settings);
  }

  /** Merges top-level fields, validates the result, resolves with it once durable. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...this.doc.data.settings, ...patch });
    this.doc.data.settings = next;
    await this.doc.save();
    return structuredClone(next);
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}

/** Service mailboxes without secrets: the schema refuses any unknown field such as a password. */
export class ServiceStore {
  private constructor(private readonly doc: JsonDocument<z.infer<typeof ServicesFile>>) {}

  static async open(dir: string, context: DocumentContext): Promise<ServiceStore> {
    const defaults = { kind: 'services' as const, services: [] };
    return new ServiceStore(await JsonDocument.open(layout.services(dir), defaults, documentOptions(ServicesFile, context)));
  }

  list(): StoredService[] {
    return structuredClone(this.doc.data.services);
  }

  get(id: string): StoredService | undefined {
    const found = this.doc.data.services.find((service) => service.id === id);
    return found === undefined ? undefined : structuredClone(found);
  }

  /** Inserts or replaces by id. Throws (nothing stored) if the mailbox carries an unknown field. */
  async put(service: StoredService): Promise<void> {
    const valid = StoredService.parse(service);
    const services = this.doc.data.services;
    const index = services.findIndex((existing) => existing.id === valid.id);
    if (index === -1) services.push(valid);
    else services[index] = valid;
    await this.doc.save();
  }

  async remove(id: string): Promise<boolean> {
    const before = this.doc.data.services.length;
    this.doc.data.services = this.doc.data.services.filter((service) => service.id !== id);
    if (this.doc.data.services.length === before) return false;
    await this.doc.save();
    return true;
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}

export class RoutingExampleStore {
  private constructor(private readonly doc: JsonDocument<z.infer<typeof RoutingExamplesFile>>) {}

  static async open(dir: string, context: DocumentContext): Promise<RoutingExampleStore> {
    const defaults = { kind: 'routing-examples' as const, examples: [] };
    const doc = await JsonDocument.open(layout.routingExamples(dir), defaults, documentOptions(RoutingExamplesFile, context));
    return new RoutingExampleStore(doc);
  }

  /** Appends; the oldest examples beyond MAX_ROUTING_EXAMPLES are dropped. */
  async add(example: RoutingExample): Promise<void> {
    const examples = [...this.doc.data.examples, RoutingExample.parse(example)];
    this.doc.data.examples = examples.slice(-MAX_ROUTING_EXAMPLES);
    await this.doc.save();
  }

  list(): RoutingExample[] {
    return structuredClone(this.doc.data.examples);
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}

export class SerialRegistryStore {
  private constructor(private readonly doc: JsonDocument<z.infer<typeof SerialRegistryFile>>) {}

  static async open(dir: string, context: DocumentContext): Promise<SerialRegistryStore> {
    const defaults = { kind: 'serial-registry' as const, csv: '', importedAt: null };
    return new SerialRegistryStore(await JsonDocument.open(layout.serialRegistry(dir), defaults, documentOptions(SerialRegistryFile, context)));
  }

  csv(): string {
    return this.doc.data.csv;
  }

  /** When the registry in use was imported (null: never). */
  importedAt(): string | null {
    return this.doc.data.importedAt;
  }

  async replace(csv: string, importedAt: string): Promise<void> {
    this.doc.data = { kind: 'serial-registry', csv, importedAt };
    await this.doc.save();
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}
