import type { ReactNode } from 'react';

export type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

export const IDLE: Status = { kind: 'idle' };

/** One live region per form: progress and success are polite, errors are alerts. */
export function StatusLine({ status, testId }: { status: Status; testId?: string }): ReactNode {
  return (
    <>
      <p className="settings-status" role="status" data-testid={testId ? `${testId}-status` : undefined}>
        {status.kind === 'busy' && <span className="settings-spinner" aria-hidden="true" />}
        {status.kind === 'busy' || status.kind === 'ok' ? status.text : ''}
      </p>
      <p className="settings-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
        {status.kind === 'error' ? status.text : ''}
      </p>
    </>
  );
}
