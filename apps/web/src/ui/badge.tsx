import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'accent';

/** A short label beside a title ("Bắt buộc", "Chưa xác minh"…). */
export function Badge({
  tone = 'neutral',
  title,
  children,
  testId,
}: {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span className={`badge badge--${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
