import type { ContractError } from '../../shared/api';

/** An error core throws on purpose: its code and message reach the UI as they are. */
export class GuichetError extends Error {
  constructor(
    readonly code: ContractError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'GuichetError';
  }
}
