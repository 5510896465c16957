import { CLOSED_PROGRESS_STATUSES } from '@caitien/core';
import type { MyTask } from './my-tasks.queries.ts';

/** The groups of Việc của tôi, in the order they are shown. */
export type GroupKey = 'overdue' | 'dueThisMonth' | 'upcoming' | 'noDate' | 'closed';
const GROUP_ORDER: GroupKey[] = ['overdue', 'dueThisMonth', 'upcoming', 'noDate', 'closed'];

/** Which group a task is listed under: overdue, due this month, later, no date, finished. */
export function taskGroup(task: Pick<MyTask, 'status' | 'schedule'>): GroupKey {
  if (CLOSED_PROGRESS_STATUSES.includes(task.status)) return 'closed';
  if (task.schedule.overdue) return 'overdue';
  if (task.schedule.noDate || (!task.schedule.dueDate && !task.schedule.dueMonth)) return 'noDate';
  if (task.schedule.dueThisMonth) return 'dueThisMonth';
  return 'upcoming';
}

/** Tasks in their groups, each group by due date (soonest first), then plan and row order. */
export function groupTasks(tasks: readonly MyTask[]): Array<{ key: GroupKey; tasks: MyTask[] }> {
  const groups = new Map<GroupKey, MyTask[]>();
  for (const task of tasks) {
    const key = taskGroup(task);
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  const dueKey = (task: MyTask) => task.schedule.dueDate ?? task.schedule.dueMonth ?? '9999';
  return GROUP_ORDER.filter((key) => groups.has(key)).map((key) => ({
    key,
    tasks: [...(groups.get(key) ?? [])].sort(
      (a, b) =>
        dueKey(a).localeCompare(dueKey(b)) ||
        a.planTitle.localeCompare(b.planTitle, 'vi') ||
        a.position - b.position,
    ),
  }));
}
