import { useEffect, useState } from 'react';
import { vi } from '../i18n/vi.ts';

/** Copies a text (a temporary password, a reset link) and says so. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {label ?? vi.common.copy}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? vi.common.copied : state === 'failed' ? vi.common.copyFailed : ''}
      </span>
    </>
  );
}
