import { join } from 'node:path';
import type { ContractHandlers, EventPayload } from '../../shared/api';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICY } from '../../shared/calendar';
import type { EventName } from '../../shared/contractNames';
import type { Settings } from '../../shared/views';
import { openDemoSession } from './demo/demoSession';
import { createDemoHandlers } from './demo/demoHandlers';
import { loadDefaultTemplates } from './templates/templates';

export interface CoreEvents {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  /** Injected time: core never reads the wall clock directly. */
  clock?: () => Date;
  events?: CoreEvents;
  log?: (line: string) => void;
}

export interface Core {
  handlers: ContractHandlers;
  close(): Promise<void>;
}

export function defaultSettings(agentName: string): Settings {
  return { agentName, uiLanguage: 'system', calendar: DEFAULT_CALENDAR, sla: DEFAULT_SLA_POLICY, undoSeconds: 10, templates: {} };
}

/** Builds the object that implements the contract. Nothing connects until asked. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? (() => new Date());
  const events: CoreEvents = options.events ?? { emit: () => {} };
  const templates = await loadDefaultTemplates(options.resourcesDir);
  const demo = await openDemoSession(options.resourcesDir, join(options.dataDir, 'demo'));
  return createDemoHandlers({ demo, templates, clock, events, settings: defaultSettings(demo.agentName) });
}
