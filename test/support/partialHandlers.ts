import type { ContractHandlers } from '../../src/shared/api';

/** Contract handlers for host tests: the given ones, and a loud failure for any other. */
export function partialHandlers(given: Partial<ContractHandlers>): ContractHandlers {
  return new Proxy(given, {
    get(target, name: string) {
      return target[name as keyof ContractHandlers] ?? (async () => { throw new Error(`handler ${name} not provided by this test`); });
    },
  }) as ContractHandlers;
}
