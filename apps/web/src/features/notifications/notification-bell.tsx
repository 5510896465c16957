import { useId, useState, type CSSProperties } from 'react';
import { formatDateTime } from '../../i18n/vi.ts';
import { viNotifications as t } from '../../i18n/vi-tasks.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { usePopover } from '../../ui/use-popover.ts';
import { hrefs } from '../shell/app-routes.ts';
import {
  useMarkNotificationsRead,
  useNotifications,
  type AppNotification,
} from './notifications.queries.ts';

/** The bell in the header: the unread count, and a panel of the latest notifications. */
export function NotificationBell() {
  const { open, rootRef, buttonRef, toggle } = usePopover();
  const [panelTop, setPanelTop] = useState<number | null>(null);
  const panelId = useId();
  const list = useNotifications(true);
  const mark = useMarkNotificationsRead();
  const unread = list.data?.unread ?? 0;

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t.bell(unread)}
        title={t.bell(unread)}
        data-testid="notification-bell"
        onClick={() => {
          toggle();
          // On a phone the panel spans the screen just below the bell.
          setPanelTop(buttonRef.current?.getBoundingClientRect().bottom ?? null);
          if (!open) void list.refetch();
        }}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Z"
            fill="currentColor"
          />
          <path d="M9.5 19a2.5 2.5 0 0 0 5 0" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
        {unread > 0 ? (
          <span className="bell__count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          className="bell__panel"
          role="region"
          aria-label={t.title}
          style={
            panelTop === null
              ? undefined
              : ({ '--bell-panel-top': `${Math.round(panelTop + 8)}px` } as CSSProperties)
          }
          data-testid="notification-panel"
        >
          <div className="bell__head">
            <h2 className="bell__title">{t.title}</h2>
            {unread > 0 ? (
              <button
                type="button"
                className="link-button"
                disabled={mark.isPending}
                onClick={() => mark.mutate({})}
              >
                {t.markAll}
              </button>
            ) : null}
          </div>
          {list.isError && !list.data ? (
            <p className="bell__empty">{t.loadError}</p>
          ) : !list.data ? null : list.data.items.length === 0 ? (
            <p className="bell__empty">{t.empty}</p>
          ) : (
            <ul className="bell__list">
              {list.data.items.map((item) => (
                <NotificationItem
                  key={item.id}
                  item={item}
                  onRead={() => mark.mutate({ ids: [item.id] })}
                />
              ))}
            </ul>
          )}
          <div className="bell__foot">
            <AppLink href={hrefs.notificationSettings} className="link-button">
              {t.settings}
            </AppLink>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function NotificationItem({ item, onRead }: { item: AppNotification; onRead: () => void }) {
  const unread = item.readAt === null;
  const internal = item.link.startsWith('/') && !item.link.startsWith('//');
  return (
    <li className={`bell__item ${unread ? 'is-unread' : ''}`} data-testid="notification-item">
      <p className="bell__item-title">
        {unread ? <span className="bell__dot" aria-hidden="true" /> : null}
        {item.title}
      </p>
      {item.body ? <p className="bell__item-body">{item.body}</p> : null}
      <p className="bell__item-meta">
        <span>{formatDateTime(item.createdAt)}</span>
        {item.link && internal ? (
          <AppLink href={item.link} onClick={() => (unread ? onRead() : undefined)}>
            {t.open}
          </AppLink>
        ) : null}
        {unread ? (
          <button type="button" className="link-button" onClick={onRead}>
            {t.markRead}
          </button>
        ) : null}
      </p>
    </li>
  );
}
