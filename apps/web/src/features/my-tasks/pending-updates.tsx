import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { queryKeys } from '../../api/query-keys.ts';
import { formatDateTime } from '../../i18n/vi.ts';
import { viProgress, viQueue as t } from '../../i18n/vi-tasks.ts';
import { Modal } from '../../ui/modal.tsx';
import { notifySuccess } from '../../ui/notices.ts';
import { useSession } from '../auth/session.ts';
import {
  dropQueued,
  flushQueue,
  loadQueue,
  reapplyQueued,
  useQueuedUpdates,
  useOnline,
  useQueueSending,
  type QueuedUpdate,
} from './offline-queue.ts';
import { ProgressStatusChip } from './progress-chips.tsx';

/** Sends the queue and refreshes what it changed. */
function useFlush() {
  const queryClient = useQueryClient();
  const session = useSession();
  const userId = session.data?.user.id ?? null;
  return useCallback(async () => {
    if (!userId) return;
    const result = await flushQueue(userId);
    if (result.sent === 0) return;
    for (const row of result.rows)
      await queryClient.invalidateQueries({
        queryKey: queryKeys.myTasks.row(row.planId, row.rowId),
      });
    await queryClient.invalidateQueries({ queryKey: queryKeys.myTasks.lists() });
    // The plans' progress tables and dashboards (features/monitoring) show these rows too.
    await queryClient.invalidateQueries({ queryKey: [...queryKeys.plans.all, 'monitoring'] });
    notifySuccess(t.sentAll);
  }, [queryClient, userId]);
}

/**
 * Sends the updates waiting on this device: when the app starts with a user signed in, and each
 * time the browser is back online. Renders nothing.
 */
export function OfflineSync() {
  const flush = useFlush();
  const session = useSession();
  const userId = session.data?.user.id ?? null;
  useEffect(() => {
    if (!userId) return;
    void loadQueue().then(() => {
      if (navigator.onLine) void flush();
    });
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [userId, flush]);
  return null;
}

/** "2 cập nhật đang chờ gửi": opens the list (and the conflicts to settle). Nothing when empty. */
export function PendingUpdatesBadge({ compact = false }: { compact?: boolean }) {
  const session = useSession();
  const userId = session.data?.user.id ?? null;
  const items = useQueuedUpdates(userId);
  const sending = useQueueSending();
  const [open, setOpen] = useState(false);
  if (items.length === 0) return null;
  const conflicts = items.filter((item) => item.state !== 'pending').length;
  return (
    <>
      <button
        type="button"
        className={`pending-badge ${conflicts > 0 ? 'pending-badge--alert' : ''} ${
          compact ? 'pending-badge--compact' : ''
        }`}
        onClick={() => setOpen(true)}
        aria-label={t.pending(items.length)}
        title={t.pending(items.length)}
        data-testid="pending-updates"
      >
        <span className="pending-badge__dot" aria-hidden="true" />
        {sending ? t.sending : compact ? t.pendingShort(items.length) : t.pending(items.length)}
      </button>
      {open ? <PendingUpdatesDialog items={items} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PendingUpdatesDialog({ items, onClose }: { items: QueuedUpdate[]; onClose: () => void }) {
  const flush = useFlush();
  const sending = useQueueSending();
  const online = useOnline();
  return (
    <Modal title={t.title} onClose={onClose} testId="pending-updates-dialog" size="sheet">
      <p className="muted">{t.intro}</p>
      <ul className="pending-list">
        {items.map((item) => (
          <li key={item.clientId} className="pending-item" data-testid="pending-item">
            <p className="pending-item__row">{item.rowLabel}</p>
            <p className="muted pending-item__meta">
              {t.queuedAt(formatDateTime(item.queuedAt))}
              {item.files.length > 0 ? ` · ${t.filesCount(item.files.length)}` : ''}
            </p>
            <p className="pending-item__change">
              {item.body.status ? <ProgressStatusChip status={item.body.status} /> : null}
              {item.body.percent !== undefined
                ? ` ${viProgress.percentValue(item.body.percent)}`
                : ''}
              {item.body.result ? ` — ${item.body.result}` : ''}
              {item.body.note ? ` — ${item.body.note}` : ''}
            </p>
            {item.state === 'conflict' ? (
              <div className="conflict" role="alert" data-testid="pending-conflict">
                <p className="conflict__title">{t.conflictTitle}</p>
                {item.conflict ? (
                  <>
                    <p>{t.conflictBody}</p>
                    <p>
                      <ProgressStatusChip status={item.conflict.row.status} />{' '}
                      {viProgress.percentValue(item.conflict.row.percent)}
                    </p>
                    {item.conflict.row.result ? (
                      <p className="pre-line">{item.conflict.row.result}</p>
                    ) : null}
                  </>
                ) : (
                  <p>{item.error}</p>
                )}
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void reapplyQueued(item.clientId).then(flush)}
                  >
                    {t.reapply}
                  </button>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => void dropQueued(item.clientId)}
                  >
                    {t.drop}
                  </button>
                </div>
              </div>
            ) : item.state === 'failed' ? (
              <div className="conflict" role="alert">
                <p className="conflict__title">{t.failed}</p>
                <p>{item.error}</p>
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => void dropQueued(item.clientId)}
                  >
                    {t.drop}
                  </button>
                </div>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={sending || !online}
          onClick={() => void flush()}
        >
          {sending ? t.sending : t.sendNow}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </Modal>
  );
}
