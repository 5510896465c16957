import { vi } from '../../i18n/vi.ts';
import { viTasks as t } from '../../i18n/vi-tasks.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { PageHeader } from '../../ui/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/status.tsx';
import { navigate, useLocationSearch } from '../../ui/use-location-search.ts';
import { useSession } from '../auth/session.ts';
import { hrefs } from '../shell/app-routes.ts';
import { groupTasks } from './my-tasks-groups.ts';
import { useMyTasks, type MyTask } from './my-tasks.queries.ts';
import { useOnline } from './offline-queue.ts';
import { PendingUpdatesBadge } from './pending-updates.tsx';
import {
  dueText,
  PercentBar,
  ProgressStatusChip,
  RowProgressSheet,
} from './row-progress-sheet.tsx';
import './my-tasks.css';

/** `?dong=<planId>:<rowId>` → the row whose sheet is open. */
function openRowOf(search: string): { planId: string; rowId: string } | null {
  const value = new URLSearchParams(search).get('dong');
  const [planId, rowId] = value?.split(':') ?? [];
  return planId && rowId ? { planId, rowId } : null;
}

/** "Việc của tôi": the rows the signed-in staff member leads or coordinates, across plans. */
export function MyTasksScreen() {
  const search = useLocationSearch();
  const params = new URLSearchParams(search);
  const show = params.get('xem') === 'tat-ca' ? 'all' : 'open';
  const tasks = useMyTasks(show);
  const session = useSession();
  const userId = session.data?.user.id ?? '';
  const openRow = openRowOf(search);
  const online = useOnline();
  const openTask =
    openRow && tasks.data
      ? tasks.data.tasks.find(
          (task) => task.planId === openRow.planId && task.rowId === openRow.rowId,
        )
      : undefined;

  const showHref = (value: 'open' | 'all') =>
    value === 'all' ? '/viec-cua-toi?xem=tat-ca' : '/viec-cua-toi';
  const closeSheet = () => {
    const next = new URLSearchParams(search);
    next.delete('dong');
    const query = next.toString();
    navigate(`/viec-cua-toi${query ? `?${query}` : ''}`, { replace: true });
  };

  return (
    <div className="my-tasks" data-testid="my-tasks">
      <PageHeader title={t.title} intro={t.intro} />
      <div className="my-tasks__toolbar">
        <ul className="segmented" aria-label={t.show.label}>
          {(['open', 'all'] as const).map((value) => (
            <li key={value}>
              <AppLink
                href={showHref(value)}
                className={`segmented__item ${show === value ? 'is-selected' : ''}`}
                aria-current={show === value ? 'page' : undefined}
              >
                {t.show[value]}
              </AppLink>
            </li>
          ))}
        </ul>
        <PendingUpdatesBadge />
      </div>
      {online ? null : (
        <p className="notice notice--info" role="status" data-testid="offline-note">
          {t.offlineNote}
        </p>
      )}
      {tasks.isPending ? (
        <LoadingState label={vi.common.loading} />
      ) : tasks.isError && !tasks.data ? (
        <ErrorState title={t.loadError} error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : !tasks.data.linked ? (
        <EmptyState title={t.title} testId="my-tasks-not-linked">
          <p>{t.notLinked}</p>
        </EmptyState>
      ) : tasks.data.tasks.length === 0 ? (
        <EmptyState title={show === 'open' ? t.empty : t.emptyAll} testId="my-tasks-empty" />
      ) : (
        groupTasks(tasks.data.tasks).map((group) => (
          <section
            key={group.key}
            className={`task-group task-group--${group.key}`}
            aria-labelledby={`task-group-${group.key}`}
            data-testid={`task-group-${group.key}`}
          >
            <h2 id={`task-group-${group.key}`} className="task-group__title">
              {t.groups[group.key]} <span className="task-group__count">{group.tasks.length}</span>
            </h2>
            <ul className="task-list">
              {group.tasks.map((task) => (
                <TaskCard
                  key={`${task.planId}:${task.rowId}`}
                  task={task}
                  onOpen={() =>
                    navigate(
                      `${showHref(show)}${show === 'all' ? '&' : '?'}dong=${encodeURIComponent(
                        `${task.planId}:${task.rowId}`,
                      )}`,
                    )
                  }
                />
              ))}
            </ul>
          </section>
        ))
      )}
      {openRow && userId ? (
        <RowProgressSheet
          planId={openRow.planId}
          rowId={openRow.rowId}
          userId={userId}
          {...(openTask ? { row: openTask } : {})}
          {...(tasks.data ? { today: tasks.data.today } : {})}
          onClose={closeSheet}
        />
      ) : null}
    </div>
  );
}

function TaskCard({ task, onOpen }: { task: MyTask; onOpen: () => void }) {
  return (
    <li className="task-card" data-testid="task-card" data-row-id={task.rowId}>
      <button type="button" className="task-card__main" onClick={onOpen}>
        <span className="task-card__top">
          <span className="task-card__ordinal">
            {task.ordinal}
            {task.criterionCode ? ` · ${t.criterion(task.criterionCode)}` : ''}
          </span>
          {task.myRole ? <span className="task-card__role">{t.role[task.myRole]}</span> : null}
        </span>
        <span className="task-card__content">{task.content}</span>
        <span className="task-card__status">
          <ProgressStatusChip status={task.status} overdue={task.schedule.overdue} />
          <PercentBar percent={task.percent} />
        </span>
        <span className={`task-card__due ${task.schedule.overdue ? 'is-overdue' : ''}`}>
          {dueText(task.schedule)}
        </span>
        <span className="task-card__plan">
          {task.schoolName} · {task.planTitle}
          {task.planTitle.includes(task.schoolYear) ? '' : ` (${task.schoolYear})`}
        </span>
      </button>
      <div className="task-card__actions">
        <button type="button" className="button button--small" onClick={onOpen}>
          {t.update}
        </button>
        <AppLink href={hrefs.plan(task.planId)} className="button button--small button--ghost">
          {t.planLink}
        </AppLink>
      </div>
    </li>
  );
}
