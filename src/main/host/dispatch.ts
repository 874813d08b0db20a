import type { z } from 'zod';
import { contract, type CallResult, type ContractHandlers } from '../../shared/api';
import { isMethodName } from '../../shared/contractNames';
import { GuichetError } from '../core/errors';
import { isExactCardList } from '../core/tickets/cardCheck';

export { GuichetError };

export type Dispatch = (method: unknown, input: unknown) => Promise<CallResult<unknown>>;

/**
 * Outputs too large to copy through zod on every call, with an exact check of the same schema.
 * Validation is not skipped: the check accepts a value only where the zod schema would accept
 * it unchanged (see cardCheck.ts), and anything else goes through the full schema, which
 * strips or refuses as usual. The price is a second description of the card's shape to keep in
 * step with the schema (a unit test compares them); the gain is about a second and a 30 MB copy
 * on the first tickets.list of a 37,000-ticket workspace.
 */
const EXACT_OUTPUT_CHECKS: Partial<Record<string, (value: unknown) => boolean>> = {
  'tickets.list': isExactCardList,
};

function describeIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

/**
 * The one entry point both transports call: checks the method name, validates the
 * input, runs core, validates the output, and turns every failure into a typed error.
 */
export function createDispatch(handlers: ContractHandlers, log: (line: string) => void = () => {}): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method "${String(method)}".` } };
    }
    const spec = contract.methods[method];
    const parsedInput = spec.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      const issues = describeIssues(parsedInput.error);
      const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${method}: ${detail}`, issues } };
    }
    let value: unknown;
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      value = await handler(parsedInput.data);
    } catch (error) {
      if (error instanceof GuichetError) return { ok: false, error: { code: error.code, message: error.message } };
      log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'failed', message: `${method} failed: ${message}` } };
    }
    if (EXACT_OUTPUT_CHECKS[method]?.(value) === true) return { ok: true, value };
    const parsedOutput = spec.output.safeParse(value);
    if (!parsedOutput.success) {
      log(`${method} returned an invalid output: ${JSON.stringify(describeIssues(parsedOutput.error))}`);
      return { ok: false, error: { code: 'invalid_output', message: `Guichet produced an invalid answer for ${method}.`, issues: describeIssues(parsedOutput.error) } };
    }
    return { ok: true, value: parsedOutput.data };
  };
}
