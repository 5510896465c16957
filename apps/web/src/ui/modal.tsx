import { useEffect, useId, useRef, type ReactNode } from 'react';
import { vi } from '../i18n/vi.ts';

/**
 * A modal dialog on the native <dialog> (focus kept inside, Escape closes, the page behind is
 * inert). Mount it to open it; `onClose` runs on Escape and on the close button.
 */
export function Modal({
  title,
  onClose,
  children,
  description,
  testId,
  size = 'medium',
  dismissible = true,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  description?: ReactNode;
  testId?: string;
  size?: 'small' | 'medium' | 'large' | 'wide' | 'sheet';
  /** False for a dialog that must be answered (nothing closes it but its own buttons). */
  dismissible?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Focus returns to what opened the dialog, if it is still there.
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onCloseRef.current();
      }}
    >
      <div className="modal__header">
        <h2 id={titleId} className="modal__title">
          {title}
        </h2>
        {dismissible ? (
          <button
            type="button"
            className="modal__close"
            onClick={() => onCloseRef.current()}
            aria-label={vi.common.close}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </div>
      {description ? (
        <div id={descriptionId} className="modal__description">
          {description}
        </div>
      ) : null}
      <div className="modal__body">{children}</div>
    </dialog>
  );
}

/** "Are you sure?" for an action that cannot be undone. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  isPending = false,
  tone = 'danger',
  testId = 'confirm-dialog',
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  isPending?: boolean;
  tone?: 'danger' | 'primary';
  testId?: string;
}) {
  return (
    <Modal title={title} onClose={onCancel} size="small" testId={testId}>
      <div className="modal__message">{message}</div>
      <div className="form-actions">
        <button
          type="button"
          className={`button ${tone === 'danger' ? 'button--danger' : ''}`}
          onClick={onConfirm}
          disabled={isPending}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {vi.common.cancel}
        </button>
      </div>
    </Modal>
  );
}
