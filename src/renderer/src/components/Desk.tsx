import { useMemo } from 'react';
import type { Workspace } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { useShortcuts } from '../hooks/useShortcuts';
import { useWorkspaceNow } from '../hooks/useWorkspaceNow';
import { countByFilter, selectQueue } from '../state/queueSelectors';
import { CheatSheet } from './CheatSheet';
import { FilterBar } from './FilterBar';
import { ProposalComposer } from './ProposalComposer';
import { ServiceColumn } from './ServiceColumn';
import { TicketPanel } from './TicketPanel';
import { TransferDialog } from './TransferDialog';

/** The triage desk: filters, one column per service side by side, the ticket view, and the dialogs. */
export function Desk({ workspace }: { workspace: Workspace }) {
  const { useAppStore } = useDesk();
  const cards = useAppStore((s) => s.cards);
  const filter = useAppStore((s) => s.filter);
  const search = useAppStore((s) => s.search);
  const timeZone = useAppStore((s) => s.timeZone);
  const cheatSheetOpen = useAppStore((s) => s.cheatSheetOpen);
  const transferFor = useAppStore((s) => s.transferFor);
  const composerFor = useAppStore((s) => s.composerFor);
  const nowMs = useWorkspaceNow();
  // Memoized here, once for all columns: zustand 5 must never see a selector build a new array.
  const queues = useMemo(
    () => workspace.services.map((service) => selectQueue(cards, service.id, { filter, search, nowMs, timeZone })),
    [workspace.services, cards, filter, search, nowMs, timeZone],
  );
  const counts = useMemo(() => countByFilter(cards, nowMs, timeZone), [cards, nowMs, timeZone]);
  useShortcuts(queues);

  return (
    <>
      <FilterBar counts={counts} />
      <main className="desk">
        <div className="columns">
          {workspace.services.map((service, i) => (
            <ServiceColumn key={service.id} service={service} queue={queues[i] ?? []} />
          ))}
        </div>
        <TicketPanel />
      </main>
      {cheatSheetOpen && <CheatSheet />}
      {transferFor && <TransferDialog ticketId={transferFor} />}
      {composerFor && <ProposalComposer key={composerFor} ticketId={composerFor} />}
    </>
  );
}
