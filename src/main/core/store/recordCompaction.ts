import { StringPool } from '../stringPool';
import type { StoredMessage } from './schemas';

// A loaded store holds every message record in memory (50,000 at scale) and JSON.parse gives each
// one its own copy of what most records share: five empty arrays, the service's own address in
// `to`, the customer's address, the same date twice. Sharing those values saves about a fifth of
// the records' memory. Records are replaced, never mutated (MessageStore): the shared values are
// frozen, so a change made in place anyway fails loudly instead of changing other records.

const EMPTY: readonly never[] = Object.freeze([]);

type Address = StoredMessage['from'];

/** Shared values, per store: they live as long as the records that use them. */
export class RecordCompactor {
  private readonly strings = new StringPool();
  private readonly addresses = new Map<string, Address>();
  private readonly addressLists = new Map<string, readonly Address[]>();

  compact(record: StoredMessage): StoredMessage {
    const r = record as { -readonly [K in keyof StoredMessage]: StoredMessage[K] };
    r.serviceId = this.strings.intern(r.serviceId);
    r.references = this.list(r.references);
    r.keywords = this.list(r.keywords);
    r.flags = this.list(r.flags);
    r.attachments = r.attachments.length === 0 ? (EMPTY as never[]) : r.attachments;
    r.cc = this.addressList(r.cc);
    r.to = this.addressList(r.to);
    r.from = this.address(r.from);
    if (r.internalDate === r.date) r.internalDate = r.date;
    return record;
  }

  /** Most records have no references, keywords or flags. */
  private list(values: string[]): string[] {
    if (values.length === 0) return EMPTY as never[];
    return values;
  }

  private address(value: Address): Address {
    const key = `${value.name}\u0000${value.address}`;
    const known = this.addresses.get(key);
    if (known !== undefined) return known;
    const shared = Object.freeze({ name: value.name, address: value.address });
    this.addresses.set(key, shared);
    return shared;
  }

  private addressList(values: Address[]): Address[] {
    if (values.length === 0) return EMPTY as never[];
    if (values.length > 1) return values.map((v) => this.address(v));
    const one = values[0] as Address;
    const key = `${one.name}\u0000${one.address}`;
    let known = this.addressLists.get(key);
    if (known === undefined) {
      known = Object.freeze([this.address(one)]);
      this.addressLists.set(key, known);
    }
    return known as Address[];
  }
}
