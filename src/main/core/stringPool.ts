// One copy of each equal string. JSON.parse gives every record its own copy of values that take a
// handful of forms (a service id, a language, a model key): 50,000 records held 50,000 copies.
// Pool only such values, not unique ones (ids, fingerprints): the pool keeps what it holds alive.

export class StringPool {
  private readonly strings = new Map<string, string>();

  /** The pooled string equal to `value` (`value` itself the first time). */
  intern<T extends string>(value: T): T {
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }
}
