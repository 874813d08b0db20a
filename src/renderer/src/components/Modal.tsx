import { useEffect, useRef, type ReactNode } from 'react';

/** A native modal <dialog>: focus is trapped, Esc closes it, focus returns where it was. */
export function Modal({ labelId, describedById, onClose, children, className, testId }: { labelId: string; describedById?: string; onClose: () => void; children: ReactNode; className?: string; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelId}
      aria-describedby={describedById}
      className={className ? `modal ${className}` : 'modal'}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {children}
    </dialog>
  );
}
