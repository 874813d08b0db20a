import type { ContractHandlers } from '../../../shared/api';
import type { TicketAction } from '../../../shared/actionRules';
import type { MailMessage } from '../../../shared/domain';
import type { OutboxTaskView, ServiceSummary, Settings, SyncState, TicketCard } from '../../../shared/views';
import type { ComposedReply } from '../outbox/composeReply';
import type { RoutingExample } from '../triage/routing';
import type { SerialRegistry } from '../triage/serialRegistry';
import type { AnalysisCache } from '../tickets/messageAnalysis';

// What differs between the demo workspace and a live one; the contract handlers are shared.

export interface ActionPlan {
  action: TicketAction;
  card: TicketCard;
  /** The customer message the answer replies to, in the owning service. */
  anchor: MailMessage;
  service: ServiceSummary;
  target?: ServiceSummary;
  reply: ComposedReply;
  agentName: string;
  /** Message-IDs of the team's answers on this ticket the agent saw: a newer one loses the claim. */
  knownAnswers: string[];
}

export interface WorkspaceBackend {
  readonly demo: boolean;
  readonly frozenNow: Date | null;
  readonly secretWarning: string | null;
  services(): ServiceSummary[];
  messages(): readonly MailMessage[];
  now(): Date;
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** The last sync state of each configured service (none in the demo: it has no server). */
  syncStates(): SyncState[];
  serialRegistry(): SerialRegistry;
  /** When the registry in use was imported (null: never, or the demo's own sample registry). */
  serialRegistryImportedAt(): string | null;
  saveSerialRegistry(csv: string, registry: SerialRegistry): Promise<void>;
  routingExamples(): RoutingExample[];
  addRoutingExample(example: RoutingExample): Promise<void>;
  /** Stores the task durably and returns once it is; the send happens after the undo window. */
  perform(plan: ActionPlan): Promise<OutboxTaskView>;
  undo(taskId: string): Promise<OutboxTaskView | null>;
  retry(taskId: string): Promise<OutboxTaskView | null>;
  tasks(): OutboxTaskView[];
  /** Agents sending on a ticket right now, from the local outbox. */
  actingAgents(): ReadonlyMap<string, string>;
  /** The full message for reading (a live workspace re-reads HTML from the body cache). */
  readMessage(message: MailMessage): Promise<MailMessage>;
  /** The raw source of a message (cache, or the server), null when it cannot be had now. */
  rawSource(message: MailMessage): Promise<Buffer | null>;
  /** Where the desk snapshot goes (the store's folder, live workspaces only): see store/deskSnapshot.ts. */
  deskSnapshotDir?: string | null;
  /** Where per-message analyses persist across restarts (a live workspace's store); none for the demo. */
  analysisCache?: AnalysisCache | null;
  serviceHandlers: Pick<ContractHandlers, 'services.list' | 'services.add' | 'services.edit' | 'services.test' | 'services.remove'>;
  close(): Promise<void>;
}
