import { useEffect, useRef, type ReactNode } from 'react';
import { Modal } from '../Modal';

/** A modal asking to confirm a destructive step; Esc cancels, focus starts on Cancel. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel }: {
  title: string; children: ReactNode; confirmLabel: string; cancelLabel: string; onConfirm: () => void; onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Runs after Modal has opened the dialog (child effects run first).
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Modal labelId="settings-confirm-title" describedById="settings-confirm-body" onClose={onCancel} className="settings-dialog" testId="settings-confirm">
      <h3 id="settings-confirm-title">{title}</h3>
      <div id="settings-confirm-body">{children}</div>
      <div className="settings-buttons">
        <button type="button" ref={cancelRef} onClick={onCancel}>{cancelLabel}</button>
        <button type="button" className="danger" onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </Modal>
  );
}
