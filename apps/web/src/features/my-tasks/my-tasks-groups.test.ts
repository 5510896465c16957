import { describe, expect, test } from 'vitest';
import { groupTasks, taskGroup } from './my-tasks-groups.ts';
import type { MyTask } from './my-tasks.queries.ts';

const schedule = (patch: Partial<MyTask['schedule']> = {}): MyTask['schedule'] => ({
  startMonth: null,
  dueMonth: null,
  dueDate: null,
  noDate: false,
  overdue: false,
  dueSoon: false,
  startsThisMonth: false,
  dueThisMonth: false,
  daysLeft: null,
  ...patch,
});

const noAmounts = { state: 0, socialized: 0, mixed: 0, none: 0, unknown: 0 };

function task(id: string, patch: Partial<MyTask>): MyTask {
  return {
    rowId: id,
    trackId: id,
    planId: 'p1',
    ordinal: id,
    position: Number(id),
    standardCode: null,
    criterionCode: null,
    content: `Việc ${id}`,
    timeText: '',
    leadText: '',
    coordinatorsText: '',
    plannedBudget: { amount: null, source: 'unknown', bySource: noAmounts },
    schedule: schedule(),
    status: 'not_started',
    percent: 0,
    result: '',
    spent: { total: 0, bySource: noAmounts },
    entryCount: 0,
    lastEntryAt: null,
    version: 0,
    fieldVersions: {},
    myRole: 'lead',
    canUpdate: true,
    schoolId: 's1',
    schoolName: 'Trường Tiểu học Bình Minh',
    schoolYear: '2025-2026',
    planTitle: 'Kế hoạch cải tiến',
    ...patch,
  };
}

describe('Việc của tôi: groups', () => {
  test('overdue, due this month, later, no date; finished rows apart', () => {
    expect(
      taskGroup(task('1', { schedule: schedule({ dueDate: '2025-12-31', overdue: true }) })),
    ).toBe('overdue');
    expect(
      taskGroup(task('2', { schedule: schedule({ dueDate: '2026-01-31', dueThisMonth: true }) })),
    ).toBe('dueThisMonth');
    expect(taskGroup(task('3', { schedule: schedule({ dueDate: '2026-05-31' }) }))).toBe(
      'upcoming',
    );
    expect(taskGroup(task('4', { schedule: schedule({ noDate: true }) }))).toBe('noDate');
    // A time that did not parse is never guessed, whatever else the schedule says.
    expect(taskGroup(task('5', { schedule: schedule() }))).toBe('noDate');
    expect(
      taskGroup(
        task('6', { status: 'done', schedule: schedule({ dueDate: '2025-12-31', overdue: true }) }),
      ),
    ).toBe('closed');
    expect(
      taskGroup(task('7', { status: 'cancelled', schedule: schedule({ noDate: true }) })),
    ).toBe('closed');
  });

  test('groups in a fixed order, soonest due first inside a group', () => {
    const groups = groupTasks([
      task('1', { schedule: schedule({ noDate: true }) }),
      task('2', { schedule: schedule({ dueDate: '2026-05-31' }) }),
      task('3', { schedule: schedule({ dueDate: '2026-03-31' }) }),
      task('4', { schedule: schedule({ dueDate: '2025-10-31', overdue: true }) }),
      task('5', { schedule: schedule({ dueMonth: '2026-04' }) }),
    ]);
    expect(groups.map((group) => group.key)).toEqual(['overdue', 'upcoming', 'noDate']);
    expect(groups[1]?.tasks.map((t) => t.rowId)).toEqual(['3', '5', '2']);
  });
});
