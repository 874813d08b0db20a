import { ApiError } from '../../api/client';

/** What to show for a failed call: the contract's message, with the fields it names. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = error.detail.issues ?? [];
    const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
