import { useEffect, useRef, useState } from 'react';
import { useLocationPath } from './use-location-search.ts';

/**
 * A header popover (menu, panel) opened by a button: it closes when the user goes somewhere,
 * clicks outside `rootRef` or presses Escape (the focus then returns to `buttonRef`).
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const path = useLocationPath();

  const [openedAt, setOpenedAt] = useState(path);
  if (open && openedAt !== path) {
    setOpen(false);
    setOpenedAt(path);
  }
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return {
    open,
    rootRef,
    buttonRef,
    toggle: () => {
      setOpen((value) => !value);
      setOpenedAt(path);
    },
    close: () => setOpen(false),
  };
}
