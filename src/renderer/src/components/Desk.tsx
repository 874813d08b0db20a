import { useMemo } from 'react';
import type { Workspace } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { useShortcuts } from '../hooks/useShortcuts';
import { useWorkspaceNow } from '../hooks/useWorkspaceNow';
import { countByFilterIn, endOfDayMs, selectSortedQueue, type FilterContext } from '../state/queueSelectors';
import { CheatSheet } from './CheatSheet';
import { FilterBar } from './FilterBar';
import { QueueLoadBar } from './QueueLoadBar';
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
  // The filters only see "now" through the end of today: recompute the queues when that moves, not every 30 s.
  const endOfTodayMs = useMemo(() => endOfDayMs(nowMs, timeZone), [nowMs, timeZone]);
  // (matchesFilter reads only endOfTodayMs from the context.)
  const context = useMemo((): FilterContext => ({ nowMs: endOfTodayMs, endOfTodayMs }), [endOfTodayMs]);
  // Memoized here, once for all columns: zustand 5 must never see a selector build a new array.
  // The sort is cached per card map (and patched per event); without filter or search a queue is that cached array.
  const queues = useMemo(
    () => workspace.services.map((service) => selectSortedQueue(cards, service.id, filter, search, context)),
    [workspace.services, cards, filter, search, context],
  );
  const counts = useMemo(() => countByFilterIn(cards, context), [cards, context]);
  useShortcuts(queues);

  return (
    <>
      <FilterBar counts={counts} />
      <QueueLoadBar />
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
