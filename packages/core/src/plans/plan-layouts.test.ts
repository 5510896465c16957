import { describe, expect, it } from 'vitest';
import {
  fieldPlacement,
  fieldsWithoutColumn,
  layoutCellText,
  layoutFields,
  PLAN_LAYOUT_COLUMNS,
  PLAN_LAYOUT_JOINED_FIELDS,
} from './plan-layouts.ts';
import { PLAN_LAYOUTS, ROW_TEXT_FIELDS, type RowTextField } from './plan.types.ts';

/** A row whose every field holds its own name, so each text can be traced to where it prints. */
const everyField = Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, `«${f}»`])) as Record<
  RowTextField,
  string
>;
const empty = Object.fromEntries(ROW_TEXT_FIELDS.map((f) => [f, ''])) as Record<
  RowTextField,
  string
>;

describe('plan layouts', () => {
  it.each(PLAN_LAYOUTS)(
    'layout %s prints every field exactly once, in a column or joined',
    (layout) => {
      const printed = layoutFields(layout)
        .map((field) => layoutCellText(layout, field, everyField))
        .join('\n');
      for (const field of ROW_TEXT_FIELDS) {
        expect(printed.split(`«${field}»`).length - 1, field).toBe(1);
        expect(() => fieldPlacement(layout, field)).not.toThrow();
      }
      // A field is either a column or joined, never both, and joins go into a column of the layout.
      const columns = new Set(layoutFields(layout));
      for (const joined of PLAN_LAYOUT_JOINED_FIELDS[layout]) {
        expect(columns.has(joined.field), joined.field).toBe(false);
        expect(columns.has(joined.into), joined.into).toBe(true);
      }
    },
  );

  it('layout A prints the content inside “Công việc/giải pháp” and progress and result in “Ghi chú”', () => {
    const texts = {
      ...empty,
      content: 'Xây dựng thư viện xanh',
      tasks: 'Mua sách',
      progress: 'Đang thực hiện',
      result: 'Đạt 60%',
      note: 'Ưu tiên',
    };
    expect(layoutCellText('A', 'tasks', texts)).toBe('Xây dựng thư viện xanh\nMua sách');
    expect(layoutCellText('A', 'note', texts)).toBe(
      'Ưu tiên\nTiến độ: Đang thực hiện\nKết quả: Đạt 60%',
    );
    expect(fieldPlacement('A', 'content')).toMatchObject({
      kind: 'joined',
      column: { label: 'Công việc/giải pháp cần thực hiện' },
    });
  });

  it('keeps the seeds’ places: A’s current state, B’s tasks and notes, Biểu 2’s support, lead + coordinators', () => {
    const texts = {
      ...empty,
      currentState: 'Chưa có',
      target: 'Có',
      tasks: 'Làm',
      content: 'Nội dung',
    };
    expect(layoutCellText('A', 'target', texts)).toBe('Hiện trạng: Chưa có\nCó');
    expect(layoutCellText('A', 'target', { ...empty, currentState: 'Chưa có' })).toBe(
      'Hiện trạng: Chưa có',
    );
    expect(layoutCellText('B', 'content', texts)).toBe('Nội dung\nLàm\nKết quả cần đạt: Có');
    expect(layoutCellText('B', 'note', { ...empty, note: 'GC', currentState: 'HT' })).toBe(
      'GC\nHT',
    );
    expect(
      layoutCellText('bieu2', 'budget', { ...empty, budget: '5 triệu', support: 'Phòng' }),
    ).toBe('5 triệu\nPhòng');
    expect(layoutCellText('A', 'lead', { ...empty, lead: 'PHT', coordinators: 'Tổ CM' })).toBe(
      'PHT\nPhối hợp: Tổ CM',
    );
    // Coordinators alone print bare, as schools write them.
    expect(layoutCellText('B', 'lead', { ...empty, coordinators: 'Tổ CM' })).toBe('Tổ CM');
    // Text stays as written, line breaks and spaces included.
    expect(layoutCellText('A', 'tasks', { ...empty, tasks: '  a\n\nb ' })).toBe('  a\n\nb ');
  });

  it('lists the fields a layout has no column for, and where they go', () => {
    expect(
      fieldsWithoutColumn('A', ['content', 'tasks', 'progress']).map((f) => [
        f.field,
        f.column.label,
      ]),
    ).toEqual([
      ['content', 'Công việc/giải pháp cần thực hiện'],
      ['progress', 'Ghi chú'],
    ]);
    expect(fieldsWithoutColumn('B').map((f) => f.field)).toEqual([
      'tasks',
      'target',
      'indicator',
      'coordinators',
      'currentState',
      'budget',
      'support',
      'evidence',
    ]);
  });

  it('gives each layout the short editor labels beside the printed ones', () => {
    const bieu2 = PLAN_LAYOUT_COLUMNS.bieu2.find((c) => c.key === 'lead');
    expect(bieu2).toMatchObject({ label: 'Đơn vị/cá nhân phụ trách', shortLabel: 'Phụ trách' });
    expect(PLAN_LAYOUT_COLUMNS.B.map((c) => c.key)).toEqual([
      'standard',
      'criterion',
      'tt',
      'content',
      'time',
      'lead',
      'progress',
      'result',
      'note',
    ]);
  });
});
