import type { TicketCard } from '../../../shared/views';
import { buildBoard, type BoardInput, type BoardTicket } from './ticketBoard';

export interface BoardChange {
  upserted: TicketCard[];
  removed: string[];
}

/**
 * Holds the current board and says what changed between two builds, so the UI gets
 * incremental events rather than snapshots.
 */
export class TicketDesk {
  private board = new Map<string, BoardTicket>();
  private fingerprints = new Map<string, string>();

  rebuild(input: BoardInput): BoardChange {
    const next = buildBoard(input);
    const upserted: TicketCard[] = [];
    const nextPrints = new Map<string, string>();
    for (const [id, ticket] of next) {
      const print = JSON.stringify(ticket.card);
      nextPrints.set(id, print);
      if (this.fingerprints.get(id) !== print) upserted.push(ticket.card);
    }
    const removed = [...this.board.keys()].filter((id) => !next.has(id));
    this.board = next;
    this.fingerprints = nextPrints;
    return { upserted, removed };
  }

  cards(serviceId?: string): TicketCard[] {
    const all = [...this.board.values()].map((t) => t.card);
    return serviceId === undefined ? all : all.filter((c) => c.serviceId === serviceId);
  }

  get(ticketId: string): BoardTicket | undefined {
    return this.board.get(ticketId);
  }

  /** The ticket a message belongs to (for a message the sync just delivered). */
  ticketOfMessage(messageId: string): BoardTicket | undefined {
    for (const ticket of this.board.values()) if (ticket.derived.messageIds.includes(messageId)) return ticket;
    return undefined;
  }
}
